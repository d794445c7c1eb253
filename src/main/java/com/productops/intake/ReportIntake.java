package com.productops.intake;

import static com.productops.loop.CaseVariables.REPORTER;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.productops.input.CaseInputException;
import com.productops.loop.BusinessClock;
import com.productops.loop.ProductOpsLoop;
import com.productops.security.ApiCaller;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Files reports sent by other systems (POST /api/reports). With an Idempotency-Key,
 * sending the same report again (a retry after a time-out, a double click, a redelivery)
 * files it once: the key is stored with the case in the transaction that starts it, and
 * the database's primary key lets only one of two concurrent requests through; the other
 * gets the case the first one filed.
 */
@Service
public class ReportIntake {

	/**
	 * How often a request that lost a race looks again for the winner's case (the winner
	 * may still be committing).
	 */
	private static final int ATTEMPTS = 5;

	private static final Logger log = LoggerFactory.getLogger(ReportIntake.class);

	private final RuntimeService runtime;

	private final HistoryService history;

	private final IdentityService identity;

	private final ProblemReportedInput intake;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final ObjectMapper json;

	private final BusinessClock clock;

	public ReportIntake(RuntimeService runtime, HistoryService history, IdentityService identity,
			ProblemReportedInput intake, JdbcTemplate jdbc, PlatformTransactionManager transactions, ObjectMapper json,
			BusinessClock clock) {
		this.clock = clock;
		this.runtime = runtime;
		this.history = history;
		this.identity = identity;
		this.intake = intake;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
		this.json = json;
	}

	/**
	 * @param replayed true when this key filed the case before
	 */
	public record Filed(String caseNumber, String processInstanceId, boolean replayed) {
	}

	/** The key was used before for a different report. */
	public static class KeyReusedException extends RuntimeException {

		KeyReusedException(String key) {
			super("Idempotency-Key '" + key
					+ "' was already used for a different report; use a new key for a new report");
		}

	}

	/**
	 * @throws CaseInputException the report or the key is not valid (nothing is stored)
	 * @throws KeyReusedException the key filed a different report before
	 */
	public Filed file(ApiCaller caller, Map<String, Object> report, String key) {
		Map<String, Object> submitted = new HashMap<>(report);
		// the reporter is the caller, whatever the body says
		submitted.put(REPORTER, caller.user());
		this.intake.validate(submitted);
		if (key == null) {
			return this.transaction.execute(status -> start(caller, submitted));
		}
		if (key.isBlank() || key.length() > 255 || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
			throw new CaseInputException(List.of("Idempotency-Key must be 1 to 255 visible ASCII characters"));
		}
		String hash = hash(submitted);
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			Filed earlier = earlier(caller.user(), key, hash);
			if (earlier != null) {
				return earlier;
			}
			try {
				return this.transaction.execute(status -> {
					// first the key: a concurrent request with the same key waits here,
					// then fails on the primary key
					this.jdbc.update(
							"INSERT INTO ops_intake_key (reporter, idempotency_key, request_hash, created_at) "
									+ "VALUES (?, ?, ?, ?)",
							caller.user(), key, hash, OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC));
					Filed filed = start(caller, submitted);
					this.jdbc.update(
							"UPDATE ops_intake_key SET case_number = ?, process_instance_id = ? "
									+ "WHERE reporter = ? AND idempotency_key = ?",
							filed.caseNumber(), filed.processInstanceId(), caller.user(), key);
					return filed;
				});
			}
			catch (DataIntegrityViolationException | TransientDataAccessException ex) {
				// the same key is being filed (or was just filed) by another request:
				// look again
				sleep(100L * (attempt + 1));
			}
		}
		throw new ConcurrencyFailureException("Idempotency-Key '" + key + "' is still being filed by another request");
	}

	private Filed start(ApiCaller caller, Map<String, Object> report) {
		Map<String, Object> fields = new HashMap<>(report);
		fields.remove(REPORTER); // the engine takes the logged-in caller as the reporter
		ProcessInstance started = caller.run(this.identity,
				() -> this.runtime.startProcessInstanceByKey(ProductOpsLoop.PROCESS_KEY, fields));
		return new Filed(started.getBusinessKey(), started.getId(), false);
	}

	private Filed earlier(String reporter, String key, String hash) {
		List<Map<String, Object>> rows = this.jdbc.queryForList("SELECT request_hash, case_number, process_instance_id "
				+ "FROM ops_intake_key WHERE reporter = ? AND idempotency_key = ?", reporter, key);
		if (rows.isEmpty()) {
			return null;
		}
		Map<String, Object> row = rows.get(0);
		if (!hash.equals(row.get("request_hash"))) {
			throw new KeyReusedException(key);
		}
		String caseNumber = (String) row.get("case_number");
		String instance = (String) row.get("process_instance_id");
		if (caseNumber == null || instance == null
				|| this.history.createHistoricProcessInstanceQuery().processInstanceId(instance).count() == 0) {
			// Not a filed case but the remains of a filing cut off by a crash: the key
			// row and the case are written in
			// one transaction, yet after a kill -9 H2 can show the remains of an
			// unfinished transaction to a later one
			// that gets the same transaction id (PostgreSQL never does). Or the case's
			// history has been cleaned up.
			// Either way there is no case to answer with: remove the row and file the
			// report again.
			log.warn("Idempotency-Key '{}' of {} points to no case ({}); filing the report again", key, reporter,
					(caseNumber == null) ? "an interrupted filing" : caseNumber);
			this.jdbc.update(
					"DELETE FROM ops_intake_key WHERE reporter = ? AND idempotency_key = ? AND (case_number IS NULL "
							+ "OR process_instance_id = ?)",
					reporter, key, instance);
			return null;
		}
		return new Filed(caseNumber, instance, true);
	}

	/** The same report sent twice hashes the same, whatever the order of its fields. */
	private String hash(Map<String, Object> report) {
		try {
			byte[] canonical = this.json.writeValueAsString(new TreeMap<>(report)).getBytes(StandardCharsets.UTF_8);
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
		}
		catch (JsonProcessingException | NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
