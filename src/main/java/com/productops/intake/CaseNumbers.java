package com.productops.intake;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.productops.loop.BusinessClock;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands out case numbers OPS-&lt;year&gt;-&lt;4-digit sequence&gt; from a database
 * sequence per year (ops_case_number_&lt;year&gt;), on H2 and PostgreSQL.
 *
 * <p>
 * A sequence takes no lock: concurrent intakes, on one node or several, do not wait for
 * each other. (A counter row updated in the start transaction did: it stayed locked until
 * the whole start had committed, which made every start wait for the one before.) A
 * number is never handed out twice, also not after a restart; a start that fails after
 * taking its number leaves a gap. Input is checked before a number is taken, so bad input
 * uses none. The engine clock decides the year, so tests can move it.
 */
@Service
public class CaseNumbers implements ApplicationRunner {

	private final JdbcTemplate jdbc;

	private final TransactionTemplate newTransaction;

	private final BusinessClock clock;

	/**
	 * Years whose sequence this node has seen, so that it is looked for once a year, not
	 * at every intake.
	 */
	private final Set<Integer> knownYears = ConcurrentHashMap.newKeySet();

	private volatile String nextValueSql;

	public CaseNumbers(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, BusinessClock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.newTransaction = new TransactionTemplate(transactionManager);
		this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * This year's and next year's sequence, at start-up: created during an intake it
	 * takes a second connection while the intake holds one, and a burst of first intakes
	 * of a year could hold every connection of the pool and wait.
	 */
	@Override
	public void run(ApplicationArguments arguments) {
		int year = currentYear();
		for (int ahead = 0; ahead <= 1; ahead++) {
			createSequence(year + ahead);
			this.knownYears.add(year + ahead);
		}
	}

	public String next() {
		int year = currentYear();
		if (!this.knownYears.contains(year)) {
			createSequence(year);
		}
		Long value = this.jdbc.queryForObject(nextValueSql().replace("%s", sequence(year)), Long.class);
		this.knownYears.add(year);
		return format(year, value.intValue());
	}

	/**
	 * Records the case number as the case's, in the transaction that registers the case:
	 * a number already taken (by whatever means) fails the registration, and the case is
	 * not started.
	 */
	public void register(String caseNumber, String processInstanceId) {
		this.jdbc.update("INSERT INTO ops_case (case_number, process_instance_id) VALUES (?, ?)", caseNumber,
				processInstanceId);
	}

	/** The engine clock's year in the business zone: tests move the clock. */
	private int currentYear() {
		return this.clock.today().getYear();
	}

	static String format(int year, int sequence) {
		return String.format("OPS-%d-%04d", year, sequence);
	}

	static String sequence(int year) {
		return "ops_case_number_" + year;
	}

	/**
	 * In its own transaction, once a year: creating it in the start transaction would
	 * hold a lock on the catalogue until that start commits. Continues a year's counter
	 * row of earlier versions (table ops_case_sequence).
	 */
	private void createSequence(int year) {
		try {
			this.newTransaction.executeWithoutResult(status -> {
				Integer counted = this.jdbc
					.queryForList("SELECT last_value FROM ops_case_sequence WHERE seq_year = ?", Integer.class, year)
					.stream()
					.findFirst()
					.orElse(0);
				this.jdbc.execute("CREATE SEQUENCE IF NOT EXISTS " + sequence(year) + " START WITH " + (counted + 1));
			});
		}
		catch (DataAccessException ex) {
			// another node created it at the same moment: it exists now, which is all
			// that matters
		}
	}

	private String nextValueSql() {
		if (this.nextValueSql == null) {
			String database = this.jdbc
				.execute((ConnectionCallback<String>) connection -> connection.getMetaData().getDatabaseProductName());
			this.nextValueSql = "PostgreSQL".equals(database) ? "SELECT nextval('%s')" : "SELECT NEXT VALUE FOR %s";
		}
		return this.nextValueSql;
	}

}
