package com.productops.intake;

import java.time.ZoneId;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands out case numbers OPS-&lt;year&gt;-&lt;4-digit sequence&gt; from a counter row per year in the database.
 *
 * <p>
 * The increment runs in the caller's (the engine's) transaction: the row lock serialises concurrent intakes, and a
 * start that fails rolls its number back before anyone has seen it. A committed number is never handed out again, also
 * not after a restart. The engine clock decides the year, so tests can move it.
 */
@Service
public class CaseNumbers {

	private final JdbcTemplate jdbc;

	private final TransactionTemplate newTransaction;

	private final ZoneId zone;

	public CaseNumbers(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, ZoneId zone) {
		this.jdbc = jdbc;
		this.newTransaction = new TransactionTemplate(transactionManager);
		this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.zone = zone;
	}

	public String next() {
		int year = ClockUtil.getCurrentTime().toInstant().atZone(this.zone).getYear();
		if (increment(year) == 0) {
			createCounter(year);
			if (increment(year) == 0) {
				throw new IllegalStateException("No case number counter for " + year);
			}
		}
		Integer value = this.jdbc.queryForObject("SELECT last_value FROM ops_case_sequence WHERE seq_year = ?",
				Integer.class, year);
		return format(year, value);
	}

	static String format(int year, int sequence) {
		return String.format("OPS-%d-%04d", year, sequence);
	}

	private int increment(int year) {
		return this.jdbc.update("UPDATE ops_case_sequence SET last_value = last_value + 1 WHERE seq_year = ?", year);
	}

	/** In its own transaction, so that losing a race against another node does not spoil the caller's transaction. */
	private void createCounter(int year) {
		try {
			this.newTransaction.executeWithoutResult(status -> this.jdbc
				.update("INSERT INTO ops_case_sequence (seq_year, last_value) VALUES (?, 0)", year));
		}
		catch (DataIntegrityViolationException ex) {
			// another intake created it first
		}
	}

}
