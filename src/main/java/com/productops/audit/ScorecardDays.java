package com.productops.audit;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.productops.loop.BusinessClock;
import com.productops.loop.CaseOutcome;
import com.productops.verification.VerificationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The scorecard's sums per day on which cases were reported (dates of the business time
 * zone), so that a year's scorecard adds up a few thousand rows instead of every case
 * record of the year: per day the records by area, outcome and open or closed with the
 * sums of their figures (ops_scorecard_day), the closed ones by the week they were closed
 * in (ops_scorecard_closed), and the stages' ended tasks (ops_scorecard_stage). Every
 * update of a case record sets its {@code rollup_dirty}; {@link #refresh()} sums the days
 * of the dirty records again and clears them, in one transaction per month of days, one
 * refresh at a time (a lock on the row of ops_scorecard_state, on every node).
 */
@Service
public class ScorecardDays {

	/**
	 * When the case was closed: when it ended, or - closed but still watched (for a
	 * regression, or for more evidence after a WON'T DO) - when it was closed; NULL while
	 * it is open.
	 */
	static final String CLOSED_WHEN = "COALESCE(ended_at, CASE WHEN outcome IS NOT NULL THEN closed_at END)";

	/** The tables of the days' sums. */
	private static final List<String> TABLES = List.of("ops_scorecard_day", "ops_scorecard_closed",
			"ops_scorecard_stage");

	private static final Logger log = LoggerFactory.getLogger(ScorecardDays.class);

	/**
	 * Days summed again in one transaction at most: a rebuild of years commits as it
	 * goes.
	 */
	private static final int DAYS_PER_ROUND = 31;

	/**
	 * The sums of a day's group of records, in the order of ops_scorecard_day's columns
	 * after open_case.
	 */
	private static final List<String> SUMS = List.of("cases", "working", "not_working", "verified", "reopened",
			"last_verified", "working_by_metric", "answered", "fixed_for_most", "disputed", "regressions", "hours_lost",
			"ledger_cases", "hours_before", "hours_after");

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final BusinessClock clock;

	public ScorecardDays(JdbcTemplate jdbc, PlatformTransactionManager transactions, BusinessClock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactions);
	}

	/** The sums of these columns of ops_scorecard_day, as {@code SUM(c) AS c, ...}. */
	static String sums() {
		return String.join(", ", SUMS.stream().map(column -> "SUM(" + column + ") AS " + column).toList());
	}

	/**
	 * Sums again the days of the case records changed since the last refresh: the day a
	 * record is reported on now, and the day it was counted on before
	 * ({@code counted_on}: a record whose report date changed, or went, leaves it).
	 */
	public void refresh() {
		countInThisZone();
		// never counted and without a report date: on no day
		this.jdbc.update("UPDATE ops_case SET rollup_dirty = FALSE WHERE rollup_dirty = TRUE AND reported_at IS NULL "
				+ "AND counted_on IS NULL");
		TreeSet<LocalDate> days = new TreeSet<>();
		this.jdbc.query("SELECT reported_at, counted_on FROM ops_case WHERE rollup_dirty = TRUE", row -> {
			Timestamp reported = row.getTimestamp(1);
			if (reported != null) {
				days.add(day(reported));
			}
			LocalDate counted = row.getObject(2, LocalDate.class);
			if (counted != null) {
				days.add(counted);
			}
		});
		while (!days.isEmpty()) {
			LocalDate first = days.first();
			LocalDate last = days.headSet(first.plusDays(DAYS_PER_ROUND)).last();
			this.transactions.executeWithoutResult(status -> sumAgain(first, last));
			days.headSet(last, true).clear();
		}
	}

	/**
	 * The business zone the days were counted in: when it changes, every day is counted
	 * again.
	 */
	private void countInThisZone() {
		List<String> counted = this.jdbc.queryForList("SELECT zone FROM ops_scorecard_state WHERE id = 1",
				String.class);
		if (counted.isEmpty()) {
			try {
				// the records are dirty from the start (the column's default)
				this.jdbc.update("INSERT INTO ops_scorecard_state (id, zone) VALUES (1, ?)",
						this.clock.getZone().getId());
			}
			catch (DuplicateKeyException ex) {
				// another node was first
			}
		}
		else if (!counted.get(0).equals(this.clock.getZone().getId())) {
			log.warn(
					"The scorecard's days were counted in the time zone {}; counting them again in {} "
							+ "(productops.time-zone: every node of a cluster needs the same)",
					counted.get(0), this.clock.getZone().getId());
			this.transactions.executeWithoutResult(status -> {
				if (this.clock.getZone().getId().equals(lockState())) {
					return; // a refresh beside this one has just done it (and may be
							// summing the days now)
				}
				// another zone's days are other dates: none of them may stay
				TABLES.forEach(table -> this.jdbc.update("DELETE FROM " + table));
				this.jdbc.update("UPDATE ops_case SET rollup_dirty = TRUE, counted_on = NULL");
				this.jdbc.update("UPDATE ops_scorecard_state SET zone = ? WHERE id = 1", this.clock.getZone().getId());
			});
		}
	}

	/**
	 * Sums the days from {@code first} to {@code last} again, all their records, and
	 * clears their records' dirty mark. Records whose figures are stale stay dirty: the
	 * next refresh counts them again once {@link CaseFigures} has. (A refresh beside this
	 * one may have summed the same days a moment ago: summed again, they come out the
	 * same.)
	 */
	private void sumAgain(LocalDate first, LocalDate last) {
		lockState();
		Timestamp from = startOf(first);
		Timestamp to = startOf(last.plusDays(1));
		Object[] range = { from, to, Date.valueOf(first), Date.valueOf(last) };
		String reportedInRange = "reported_at >= ? AND reported_at < ?";
		String countedInRange = "counted_on >= ? AND counted_on <= ?";
		// cleared first: a step that changes a record from here on waits for this
		// transaction, and marks it again. A
		// record a step holds right now is left marked, not waited for (no deadlock with
		// a step that holds two).
		List<Object[]> counted = this.jdbc.query("SELECT process_instance_id, reported_at FROM ops_case WHERE "
				+ "rollup_dirty = TRUE AND NOT " + CaseFigures.STALE + " AND (" + reportedInRange
				+ " OR (reported_at IS " + "NULL AND " + countedInRange + ")) FOR UPDATE SKIP LOCKED", (row, n) -> {
					Timestamp reported = row.getTimestamp(2);
					return new Object[] { (reported == null) ? null : Date.valueOf(day(reported)), row.getString(1) };
				}, range);
		this.jdbc.batchUpdate("UPDATE ops_case SET rollup_dirty = FALSE, counted_on = ? WHERE process_instance_id = ?",
				counted);
		for (String table : TABLES) {
			this.jdbc.update("DELETE FROM " + table + " WHERE reported_on >= ? AND reported_on <= ?",
					Date.valueOf(first), Date.valueOf(last));
		}
		// day, area, outcome, open: the sums
		Map<List<Object>, double[]> groups = new HashMap<>();
		// day, Monday of the week closed: cases
		Map<List<Object>, Integer> closed = new HashMap<>();
		this.jdbc.query("SELECT reported_at, area, outcome, " + CLOSED_WHEN + " AS closed_when, verifications, "
				+ "verifications_working, verifications_not_working, reopens, metric_verdict, people_answered, "
				+ "people_fixed, verifications_disputed, regressions, hours_lost, hours_before, hours_after "
				+ "FROM ops_case WHERE title IS NOT NULL AND reported_at >= ? AND reported_at < ?", row -> {
					LocalDate day = day(row.getTimestamp("reported_at"));
					Timestamp closedWhen = row.getTimestamp("closed_when");
					String outcome = row.getString("outcome");
					double[] sums = groups.computeIfAbsent(
							Arrays.asList(day, row.getString("area"), outcome, closedWhen == null),
							key -> new double[SUMS.size()]);
					boolean ledger = CaseOutcome.WORKING.name().equals(outcome) && row.getObject("hours_before") != null
							&& row.getObject("hours_after") != null;
					double[] record = { 1, row.getInt("verifications_working"), row.getInt("verifications_not_working"),
							one(row.getInt("verifications") > 0), one(row.getInt("reopens") > 0),
							// the metric's share counts the cases it gave a verdict on
							// (not "no reading")
							one(VerificationOutcome.WORKING.name().equals(row.getString("metric_verdict"))
									|| VerificationOutcome.NOT_WORKING.name().equals(row.getString("metric_verdict"))),
							one(VerificationOutcome.WORKING.name().equals(row.getString("metric_verdict"))),
							one(row.getBoolean("people_answered")), one(row.getBoolean("people_fixed")),
							row.getInt("verifications_disputed"), row.getInt("regressions"),
							row.getDouble("hours_lost"), one(ledger), ledger ? row.getDouble("hours_before") : 0,
							ledger ? row.getDouble("hours_after") : 0 };
					for (int i = 0; i < sums.length; i++) {
						sums[i] += record[i];
					}
					if (closedWhen != null) {
						LocalDate monday = day(closedWhen).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
						closed.merge(List.of(day, monday), 1, Integer::sum);
					}
				}, from, to);
		Map<List<Object>, int[]> stages = new HashMap<>(); // day, stage task: ended, late
		this.jdbc.query("SELECT reported_at, stage_task, late FROM ops_stage_task WHERE reported_at >= ? AND "
				+ "reported_at < ?", row -> {
					int[] counts = stages.computeIfAbsent(List.of(day(row.getTimestamp(1)), row.getString(2)),
							key -> new int[2]);
					counts[0]++;
					counts[1] += row.getBoolean(3) ? 1 : 0;
				}, from, to);

		this.jdbc.batchUpdate(
				"INSERT INTO ops_scorecard_day (reported_on, area, outcome, open_case, " + String.join(", ", SUMS)
						+ ") VALUES (?, ?, ?, ?" + ", ?".repeat(SUMS.size()) + ")",
				groups.entrySet().stream().map(group -> {
					List<Object> values = new ArrayList<>(group.getKey());
					values.set(0, Date.valueOf((LocalDate) values.get(0)));
					double[] sums = group.getValue();
					for (int i = 0; i < sums.length; i++) {
						values.add(SUMS.get(i).startsWith("hours") ? (Object) sums[i] : (Object) (int) sums[i]);
					}
					return values.toArray();
				}).toList());
		this.jdbc.batchUpdate("INSERT INTO ops_scorecard_closed (reported_on, closed_week, cases) VALUES (?, ?, ?)",
				closed.entrySet()
					.stream()
					.map(week -> new Object[] { Date.valueOf((LocalDate) week.getKey().get(0)),
							Date.valueOf((LocalDate) week.getKey().get(1)), week.getValue() })
					.toList());
		this.jdbc.batchUpdate(
				"INSERT INTO ops_scorecard_stage (reported_on, stage_task, ended, late) VALUES (?, ?, ?, ?)",
				stages.entrySet()
					.stream()
					.map(stage -> new Object[] { Date.valueOf((LocalDate) stage.getKey().get(0)), stage.getKey().get(1),
							stage.getValue()[0], stage.getValue()[1] })
					.toList());
	}

	/**
	 * Waits for any other refresh, on any node, to end: one at a time. Answers the zone
	 * the days are counted in.
	 */
	private String lockState() {
		return this.jdbc.queryForObject("SELECT zone FROM ops_scorecard_state WHERE id = 1 FOR UPDATE", String.class);
	}

	private static int one(boolean condition) {
		return condition ? 1 : 0;
	}

	private LocalDate day(Timestamp time) {
		return time.toInstant().atZone(this.clock.getZone()).toLocalDate();
	}

	Timestamp startOf(LocalDate day) {
		return Timestamp.from(this.clock.startOf(day));
	}

}
