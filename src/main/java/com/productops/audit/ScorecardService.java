package com.productops.audit;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.productops.loop.BusinessClock;
import com.productops.loop.Stage;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Computes the {@link Scorecard} from the case records, their figures and the stages'
 * tasks.
 */
@Service
public class ScorecardService {

	private static final DateTimeFormatter LITERAL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSxxx")
		.withZone(ZoneOffset.UTC);

	private final JdbcTemplate jdbc;

	private final ManagementService management;

	private final CaseFigures figures;

	private final ScorecardDays days;

	private final TransactionTemplate snapshot;

	private final BusinessClock clock;

	public ScorecardService(JdbcTemplate jdbc, ManagementService management, CaseFigures figures, ScorecardDays days,
			PlatformTransactionManager transactions, BusinessClock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.management = management;
		this.figures = figures;
		this.days = days;
		this.snapshot = new TransactionTemplate(transactions);
		this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		this.snapshot.setReadOnly(true);
	}

	/**
	 * The scorecard of the cases reported from {@code from} until before {@code to}: sums
	 * over the days of the period ({@link ScorecardDays}, counted again where case
	 * records changed, after their figures - {@link CaseFigures} - are brought up to
	 * date) and the stages' durations at the ranks of their percentiles. A fixed number
	 * of queries, however many cases the period holds.
	 */
	public Scorecard scorecard(LocalDate from, LocalDate to) {
		this.figures.refreshChanged();
		this.days.refresh();
		// all its queries see the same moment: a case that changes meanwhile is in every
		// number, or in none
		return this.snapshot.execute(status -> read(from, to));
	}

	private Scorecard read(LocalDate from, LocalDate to) {
		Object[] period = { Date.valueOf(from), Date.valueOf(to) };
		String inPeriod = " WHERE reported_on >= ? AND reported_on < ?";

		Map<String, Integer> opened = new TreeMap<>();
		this.jdbc.query("SELECT reported_on, SUM(cases) FROM ops_scorecard_day" + inPeriod + " GROUP BY reported_on",
				row -> {
					opened.merge(week(row.getObject(1, LocalDate.class)), row.getInt(2), Integer::sum);
				}, period);
		Map<String, Integer> closed = new TreeMap<>();
		this.jdbc.query("SELECT closed_week, SUM(cases) FROM ops_scorecard_closed" + inPeriod + " GROUP BY closed_week",
				row -> {
					closed.merge(week(row.getObject(1, LocalDate.class)), row.getInt(2), Integer::sum);
				}, period);
		List<Map<String, Object>> groups = this.jdbc.queryForList("SELECT area, outcome, open_case, "
				+ ScorecardDays.sums() + " FROM ops_scorecard_day" + inPeriod + " GROUP BY area, outcome, open_case",
				period);

		Map<String, Integer> outcomes = new TreeMap<>();
		// open cases, hours lost per week
		Map<String, double[]> lossByArea = new TreeMap<>();
		// cases, hours before, hours after
		Map<String, double[]> ledgerByArea = new TreeMap<>();
		for (Map<String, Object> group : groups) {
			String area = (String) group.get("area");
			String outcome = (String) group.get("outcome");
			if (outcome != null) {
				outcomes.merge(outcome, number(group, "cases"), Integer::sum);
			}
			if (area != null && Boolean.TRUE.equals(group.get("open_case"))) {
				add(lossByArea, area, number(group, "cases"), decimal(group, "hours_lost"), 0);
			}
			if (area != null && number(group, "ledger_cases") > 0) {
				add(ledgerByArea, area, number(group, "ledger_cases"), decimal(group, "hours_before"),
						decimal(group, "hours_after"));
			}
		}
		List<Scorecard.AreaLoss> topAreas = lossByArea.entrySet()
			.stream()
			.map(area -> new Scorecard.AreaLoss(area.getKey(), (int) area.getValue()[0],
					Stats.round(area.getValue()[1])))
			// as shown: by the rounded hours
			.sorted(Comparator.comparingDouble(Scorecard.AreaLoss::hoursLostPerWeek)
				.reversed()
				.thenComparing(Scorecard.AreaLoss::area))
			.limit(5)
			.toList();
		List<Scorecard.AreaHours> hoursByArea = ledgerByArea.entrySet().stream().map(area -> {
			double[] sums = area.getValue();
			return new Scorecard.AreaHours(area.getKey(), (int) sums[0], Stats.round(sums[1]), Stats.round(sums[2]),
					Stats.round(sums[1] - sums[2]));
		})
			.sorted(Comparator.comparingDouble(Scorecard.AreaHours::hoursGivenBack)
				.reversed()
				.thenComparing(Scorecard.AreaHours::area))
			.toList();

		int cases = sum(groups, "cases");
		int open = groups.stream()
			.filter(group -> Boolean.TRUE.equals(group.get("open_case")))
			.mapToInt(group -> number(group, "cases"))
			.sum();
		int working = sum(groups, "working");
		int notWorking = sum(groups, "not_working");
		int lastVerified = sum(groups, "last_verified");
		int answered = sum(groups, "answered");
		Scorecard.Value value = new Scorecard.Value(
				Stats.round(hoursByArea.stream().mapToDouble(Scorecard.AreaHours::hoursGivenBack).sum()), hoursByArea,
				lastVerified, Stats.percent(sum(groups, "working_by_metric"), lastVerified), answered,
				Stats.percent(sum(groups, "fixed_for_most"), answered), sum(groups, "disputed"),
				sum(groups, "regressions"));
		return new Scorecard(from, to, cases, open, cases - open, opened, closed, stages(from, to), outcomes,
				new Scorecard.Verifications(working, notWorking), Stats.percent(working, working + notWorking),
				Stats.percent(sum(groups, "reopened"), sum(groups, "verified")), topAreas, value);
	}

	/**
	 * Per stage: its ended tasks in the period's cases, median and 90th percentile of
	 * their hours (nearest rank), SLA breaches (ended after the due date, or open past
	 * it) and open tasks. The counts are the days' sums; a percentile is read at its rank
	 * from the index of ops_stage_task on stage and duration, so nothing is sorted (the
	 * databases' percentile functions do not agree on the nearest rank anyway). The open
	 * ones are the engine's running tasks, few whatever the history holds.
	 */
	private List<Scorecard.Stage> stages(LocalDate from, LocalDate to) {
		Timestamp start = this.days.startOf(from);
		Timestamp end = this.days.startOf(to);
		Map<String, Scorecard.Stage> byTask = new HashMap<>();
		for (Stage stage : Stage.values()) {
			byTask.put(stage.taskId(), new Scorecard.Stage(stage.code(), stage.taskId(), 0, null, null, 0, 0));
		}
		this.jdbc.query("SELECT stage_task, SUM(ended), SUM(late) FROM ops_scorecard_stage WHERE reported_on >= ? AND "
				+ "reported_on < ? GROUP BY stage_task", row -> {
					Scorecard.Stage counted = byTask.get(row.getString(1));
					if (counted != null) {
						byTask.put(counted.taskId(), new Scorecard.Stage(counted.stage(), counted.taskId(),
								row.getInt(2), null, null, row.getInt(3), 0));
					}
				}, Date.valueOf(from), Date.valueOf(to));
		List<Object> openArguments = new ArrayList<>(List.of(Timestamp.from(this.clock.instant())));
		openArguments.addAll(Stage.TASK_IDS);
		openArguments.addAll(List.of(start, end));
		this.jdbc.query(
				"SELECT t.TASK_DEF_KEY_, COUNT(*), " + count("t.DUE_DATE_ IS NOT NULL AND ? > t.DUE_DATE_") + " FROM "
						+ this.management.getTableName(Task.class) + " t JOIN ops_case c ON c.process_instance_id = "
						+ "t.PROC_INST_ID_ WHERE t.TASK_DEF_KEY_ IN (" + CaseFigures.placeholders(Stage.TASK_IDS.size())
						+ ") AND "
						+ "c.title IS NOT NULL AND c.reported_at >= ? AND c.reported_at < ? GROUP BY t.TASK_DEF_KEY_",
				row -> {
					Scorecard.Stage counted = byTask.get(row.getString(1));
					byTask.put(counted.taskId(), new Scorecard.Stage(counted.stage(), counted.taskId(),
							counted.completed(), null, null, counted.slaBreaches() + row.getInt(3), row.getInt(2)));
				}, openArguments.toArray());
		return Stage.TASK_IDS.stream().map(byTask::get).map(counted -> {
			if (counted.completed() == 0) {
				return counted;
			}
			long[] middle = Stats.medianRanks(counted.completed());
			List<Long> median = durationsAt(counted.taskId(), start, end, middle[0], middle[1]);
			long p90Rank = Stats.nearestRank(counted.completed(), 0.9);
			List<Long> p90 = durationsAt(counted.taskId(), start, end, p90Rank, p90Rank);
			if (median.isEmpty() || p90.isEmpty()) {
				// tasks kept after the days were summed: the next scorecard has them
				return counted;
			}
			return new Scorecard.Stage(counted.stage(), counted.taskId(), counted.completed(),
					Stats.hours((hours(median.get(0)) + hours(median.get(median.size() - 1))) / 2),
					Stats.hours(hours(p90.get(0))), counted.slaBreaches(), counted.open());
		}).toList();
	}

	/**
	 * The durations of a stage's ended tasks in the period's cases at the ranks from
	 * {@code first} to {@code last}. The period's bounds are written into the statement:
	 * PostgreSQL plans a statement run often once for any parameters, and for a bound
	 * period it guesses a few rows and sorts them (a year: 100,000), where the bounds
	 * themselves tell it to read the index in duration order.
	 */
	private List<Long> durationsAt(String stageTask, Timestamp start, Timestamp end, long first, long last) {
		return this.jdbc.queryForList(
				"SELECT duration_ms FROM ops_stage_task WHERE stage_task = ? AND reported_at >= " + literal(start)
						+ " AND reported_at < " + literal(end)
						+ " ORDER BY duration_ms OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
				Long.class, stageTask, first - 1, last - first + 1);
	}

	/**
	 * A timestamp as an SQL literal both databases read, e.g. TIMESTAMP WITH TIME ZONE
	 * '2030-01-07 00:00:00+00:00'.
	 */
	static String literal(Timestamp time) {
		return "TIMESTAMP WITH TIME ZONE '" + LITERAL.format(time.toInstant()) + "'";
	}

	private static double hours(long milliseconds) {
		return milliseconds / 3_600_000.0;
	}

	private static void add(Map<String, double[]> sums, String key, double... values) {
		double[] total = sums.computeIfAbsent(key, k -> new double[values.length]);
		for (int i = 0; i < values.length; i++) {
			total[i] += values[i];
		}
	}

	private static int sum(List<Map<String, Object>> groups, String column) {
		return groups.stream().mapToInt(group -> number(group, column)).sum();
	}

	private static double decimal(Map<String, Object> row, String column) {
		return (row.get(column) instanceof Number n) ? n.doubleValue() : 0;
	}

	private static String count(String condition) {
		return "SUM(CASE WHEN " + condition + " THEN 1 ELSE 0 END)";
	}

	private static int number(Map<String, Object> row, String column) {
		Object value = row.get(column);
		// a sum over no rows is NULL
		return (value instanceof Number n) ? n.intValue() : 0;
	}

	/** ISO week, e.g. 2030-W02. */
	private static String week(LocalDate day) {
		return String.format("%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR),
				day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
	}

}
