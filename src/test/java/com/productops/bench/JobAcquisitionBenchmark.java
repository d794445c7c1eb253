package com.productops.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.productops.loop.BusinessClock;
import com.productops.ops.JobAcquisitionByDueDate;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * The job executor's query for due jobs as the timers of open cases pile up (a deadline
 * and an escalation on every open task, a verification window or a regression watch
 * reading: two or three per open case, all due later). Two engines on one database,
 * called in turns: the engine as it comes (its query reads every job) and with
 * {@link JobAcquisitionByDueDate} (due dates on every job, the earliest first, an index
 * on them). Each call is one acquisition as the job executor makes it, finding the three
 * jobs that are due. H2 file, or PostgreSQL when {@code PRODUCTOPS_BENCH_DB_URL},
 * {@code PRODUCTOPS_DB_USER} and {@code PRODUCTOPS_DB_PASSWORD} point to a database it
 * may empty. {@code mvn -Pbenchmark -DskipTests test-compile
 * org.codehaus.mojo:exec-maven-plugin:3.6.4:java@acquisition-benchmark}
 */
public final class JobAcquisitionBenchmark {

	/** Timers due later in the table: none, 5,000 and 50,000 open cases (2.5 each). */
	private static final int[] TIMERS = { 0, 12_500, 125_000 };

	private static final int CALLS = Integer.getInteger("bench.acquisition.calls", 200);

	/** Jobs written so far. */
	private static int filled;

	private JobAcquisitionBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		BenchDatabase.Target database = BenchDatabase.target("acquisition");
		ProcessEngine baseline = BenchDatabase.engine("baseline", database, false, null);
		ProcessEngine ours = BenchDatabase.engine("by-due-date", database, false,
				new JobAcquisitionByDueDate(new BusinessClock(ZoneOffset.UTC)));
		try {
			StringBuilder report = new StringBuilder("\n\nThe job executor's query for due jobs as timers pile up (")
				.append(database.name())
				.append(", ")
				.append(CALLS)
				.append(" calls each in blocks taking turns, ms p50 / p95)\n\n")
				.append("| Timers due later | The engine's query | By due date, with the index |\n")
				.append("| ---: | ---: | ---: |\n");
			for (int timers : TIMERS) {
				fill(baseline, filled, timers, false);
				filled = timers;
				// the due jobs: the newest, added by the latest steps
				fill(baseline, 0, 3, true);
				String[] times = measure(baseline, ours);
				report.append(String.format("| %,d | %s | %s |%n", timers, times[0], times[1]));
				System.out.println(report);
			}
		}
		finally {
			ours.close();
			baseline.close();
		}
	}

	/**
	 * Jobs as cases leave them: timers due in the coming weeks, or messages due a moment
	 * ago.
	 */
	private static void fill(ProcessEngine engine, int from, int to, boolean due) throws Exception {
		ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine
			.getProcessEngineConfiguration();
		String job = "INSERT INTO ACT_RU_JOB (ID_, REV_, TYPE_, EXCLUSIVE_, PROCESS_INSTANCE_ID_, RETRIES_, "
				+ "DUEDATE_, HANDLER_TYPE_, SUSPENSION_STATE_, PRIORITY_, SEQUENCE_COUNTER_) "
				+ "VALUES (?, 1, ?, ?, ?, 3, ?, ?, 1, 0, 1)";
		Instant now = Instant.now();
		try (Connection db = configuration.getDataSource().getConnection();
				PreparedStatement insert = db.prepareStatement(job)) {
			db.setAutoCommit(false);
			if (due) {
				db.createStatement().executeUpdate("DELETE FROM ACT_RU_JOB WHERE TYPE_ = 'message'");
			}
			for (int i = from; i < to; i++) {
				// random, as the engine's ids: a due job is anywhere in the table's order
				insert.setString(1, UUID.randomUUID().toString());
				insert.setString(2, due ? "message" : "timer");
				insert.setBoolean(3, !due);
				insert.setString(4, "case-" + (i / 2));
				insert.setTimestamp(5, Timestamp
					.from(due ? now.minusSeconds(1) : now.plus(Duration.ofMinutes(60 + (i * 7919L) % (60 * 24 * 28)))));
				insert.setString(6, due ? "product-ops-notification" : "timer-transition");
				insert.addBatch();
				if (i % 1000 == 999) {
					insert.executeBatch();
					db.commit();
				}
			}
			insert.executeBatch();
			db.commit();
		}
	}

	/**
	 * p50 / p95 of each engine, in blocks that take turns, each after 10 unmeasured
	 * calls: the engine as it comes without the index (PostgreSQL would use it for the
	 * engine's query too), ours with it.
	 */
	private static String[] measure(ProcessEngine baseline, ProcessEngine ours) throws Exception {
		List<Double> baselineMillis = new ArrayList<>();
		List<Double> ourMillis = new ArrayList<>();
		for (int block = 0; block < 4; block++) {
			boolean ourTurn = block % 2 == 1;
			index(baseline, ourTurn);
			for (int i = -10; i < CALLS / 2; i++) {
				time(ourTurn ? ours : baseline, ourTurn ? ourMillis : baselineMillis, i >= 0);
			}
		}
		return new String[] { BenchDatabase.percentiles(baselineMillis), BenchDatabase.percentiles(ourMillis) };
	}

	private static void index(ProcessEngine engine, boolean present) throws Exception {
		ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine
			.getProcessEngineConfiguration();
		try (Connection db = configuration.getDataSource().getConnection(); Statement ddl = db.createStatement()) {
			ddl.execute(present
					? "CREATE INDEX IF NOT EXISTS " + JobAcquisitionByDueDate.INDEX + " ON ACT_RU_JOB (DUEDATE_)"
					: "DROP INDEX IF EXISTS " + JobAcquisitionByDueDate.INDEX);
			if (!db.getAutoCommit()) {
				db.commit();
			}
		}
	}

	private static void time(ProcessEngine engine, List<Double> millis, boolean measured) throws Exception {
		// cases go on meanwhile: a step adds its timers (H2 would otherwise answer a
		// repeated query of an unchanged table from its cache)
		fill(engine, filled, filled + 2, false);
		filled += 2;
		ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine
			.getProcessEngineConfiguration();
		long start = System.nanoTime();
		int found = configuration.getCommandExecutorTxRequired()
			.execute(command -> command.getJobManager().findNextJobsToExecute(new Page(0, 3)))
			.size();
		if (measured) {
			millis.add((System.nanoTime() - start) / 1e6);
		}
		if (found != 3) {
			throw new IllegalStateException(found + " due jobs found instead of 3");
		}
	}

}
