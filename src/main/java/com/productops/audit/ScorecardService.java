package com.productops.audit;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.productops.loop.ProductOpsLoop;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** Computes the {@link Scorecard} from the case records, their figures and the stages' tasks. */
@Service
public class ScorecardService {

	/** The human stages of the loop, in order, with their user task. */
	static final Map<String, String> STAGES = stages();

	/**
	 * When the case was closed: when it ended, or - closed but still watched (for a regression, or for more evidence
	 * after a WON'T DO) - when it was closed; NULL while it is open.
	 */
	private static final String CLOSED_WHEN = "COALESCE(ended_at, CASE WHEN outcome IS NOT NULL THEN closed_at END)";

	private final JdbcTemplate jdbc;

	private final ManagementService management;

	private final CaseFigures figures;

	private final ZoneId zone;

	public ScorecardService(JdbcTemplate jdbc, ManagementService management, CaseFigures figures, ZoneId zone) {
		this.jdbc = jdbc;
		this.management = management;
		this.figures = figures;
		this.zone = zone;
	}

	private static Map<String, String> stages() {
		Map<String, String> stages = new LinkedHashMap<>();
		stages.put("triage", ProductOpsLoop.TASK_TRIAGE);
		stages.put("decision", ProductOpsLoop.TASK_DECIDE);
		stages.put("build", ProductOpsLoop.TASK_CONFIRM_SHIPPED);
		stages.put("verification", ProductOpsLoop.TASK_VERIFY);
		return stages;
	}

	/**
	 * The scorecard of the cases reported from {@code from} until before {@code to}: sums over the case records and
	 * their figures ({@link CaseFigures}, brought up to date first) and over the stages' ended tasks kept beside them.
	 * A fixed number of queries, however many cases the period holds.
	 */
	public Scorecard scorecard(LocalDate from, LocalDate to) {
		Timestamp start = new Timestamp(startOf(from).getTime());
		Timestamp end = new Timestamp(startOf(to).getTime());
		this.figures.refresh(start, end);
		String period = " FROM ops_case WHERE title IS NOT NULL AND reported_at >= ? AND reported_at < ?";

		Map<String, Integer> opened = perWeek("reported_at", period, start, end);
		Map<String, Integer> closed = perWeek(CLOSED_WHEN, period + " AND " + CLOSED_WHEN + " IS NOT NULL", start, end);
		// one pass over the period's records: the sums per area, outcome and open or closed, added up here
		String openCase = "CASE WHEN " + CLOSED_WHEN + " IS NULL THEN 1 ELSE 0 END";
		String ledger = "outcome = 'WORKING' AND hours_before IS NOT NULL AND hours_after IS NOT NULL";
		List<Map<String, Object>> groups = this.jdbc.queryForList("SELECT area, outcome, " + openCase
				+ " AS open_case, COUNT(*) AS cases, SUM(verifications_working) AS working, "
				+ "SUM(verifications_not_working) AS not_working, " + count("verifications > 0") + " AS verified, "
				+ count("reopens > 0") + " AS reopened, " + count("metric_verdict IS NOT NULL") + " AS last_verified, "
				+ count("metric_verdict = 'WORKING'") + " AS working_by_metric, " + count("people_answered")
				+ " AS answered, " + count("people_fixed") + " AS fixed_for_most, SUM(verifications_disputed) AS "
				+ "disputed, SUM(regressions) AS regressions, SUM(COALESCE(hours_lost, 0)) AS hours_lost, "
				+ count(ledger) + " AS ledger_cases, SUM(CASE WHEN " + ledger + " THEN hours_before END) AS "
				+ "hours_before, SUM(CASE WHEN " + ledger + " THEN hours_after END) AS hours_after" + period
				+ " GROUP BY area, outcome, " + openCase, start, end);

		Map<String, Integer> outcomes = new TreeMap<>();
		Map<String, double[]> lossByArea = new TreeMap<>(); // open cases, hours lost per week
		Map<String, double[]> ledgerByArea = new TreeMap<>(); // cases, hours before, hours after
		for (Map<String, Object> group : groups) {
			String area = (String) group.get("area");
			String outcome = (String) group.get("outcome");
			if (outcome != null) {
				outcomes.merge(outcome, number(group, "cases"), Integer::sum);
			}
			if (area != null && number(group, "open_case") == 1) {
				add(lossByArea, area, number(group, "cases"), decimal(group, "hours_lost"), 0);
			}
			if (area != null && number(group, "ledger_cases") > 0) {
				add(ledgerByArea, area, number(group, "ledger_cases"), decimal(group, "hours_before"),
						decimal(group, "hours_after"));
			}
		}
		List<Scorecard.AreaLoss> topAreas = lossByArea.entrySet()
			.stream()
			.map(area -> new Scorecard.AreaLoss(area.getKey(), (int) area.getValue()[0], Stats.round(area.getValue()[1])))
			.sorted(Comparator.comparingDouble(Scorecard.AreaLoss::hoursLostPerWeek) // as shown: by the rounded hours
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
		int open = groups.stream().filter(group -> number(group, "open_case") == 1).mapToInt(g -> number(g, "cases")).sum();
		int working = sum(groups, "working");
		int notWorking = sum(groups, "not_working");
		int lastVerified = sum(groups, "last_verified");
		int answered = sum(groups, "answered");
		Scorecard.Value value = new Scorecard.Value(
				Stats.round(hoursByArea.stream().mapToDouble(Scorecard.AreaHours::hoursGivenBack).sum()), hoursByArea,
				lastVerified, Stats.percent(sum(groups, "working_by_metric"), lastVerified), answered,
				Stats.percent(sum(groups, "fixed_for_most"), answered), sum(groups, "disputed"),
				sum(groups, "regressions"));
		return new Scorecard(from, to, cases, open, cases - open, opened, closed, stages(start, end), outcomes,
				new Scorecard.Verifications(working, notWorking), Stats.percent(working, working + notWorking),
				Stats.percent(sum(groups, "reopened"), sum(groups, "verified")), topAreas, value);
	}

	/**
	 * Per stage: its ended tasks in the period's cases, median and 90th percentile of their hours (nearest rank), SLA
	 * breaches (ended after the due date, or open past it) and open tasks. The ended tasks come from ops_stage_task
	 * (kept by {@link CaseFigures}) in one query, which ranks them by duration and returns only the rows at the ranks
	 * needed (the databases' percentile functions do not agree on the nearest rank); the first row of each stage
	 * carries its counts. The open ones are the engine's running tasks, few whatever the history holds.
	 */
	private List<Scorecard.Stage> stages(Timestamp start, Timestamp end) {
		String stage = "OVER (PARTITION BY stage_task)";
		String stageTasks = CaseFigures.placeholders(STAGES.size());
		List<Object> arguments = new ArrayList<>(List.of(start, end));
		arguments.addAll(STAGES.values());
		Map<String, Scorecard.Stage> byTask = new HashMap<>();
		STAGES.forEach((name, taskId) -> byTask.put(taskId, new Scorecard.Stage(name, taskId, 0, null, null, 0, 0)));
		Map<String, double[]> ranks = new HashMap<>(); // per task: the median's two middle values, the 90th percentile
		this.jdbc.query("SELECT stage_task, ended, late, n, duration_ms FROM (SELECT stage_task, duration_ms, "
				+ "ROW_NUMBER() OVER (PARTITION BY stage_task ORDER BY duration_ms) AS n, COUNT(*) " + stage
				+ " AS ended, " + count("late") + " " + stage + " AS late FROM ops_stage_task WHERE reported_at >= ? "
				+ "AND reported_at < ? AND stage_task IN (" + stageTasks + ")) d "
				// Stats' ranks
				+ "WHERE n = 1 OR n = (ended + 1) / 2 OR n = ended / 2 + 1 OR n = CEIL(0.9 * ended)", row -> {
					String task = row.getString(1);
					long ended = row.getLong(2);
					long n = row.getLong(4);
					Scorecard.Stage counted = byTask.get(task);
					byTask.put(task, new Scorecard.Stage(counted.stage(), task, (int) ended, null, null, row.getInt(3), 0));
					double hours = row.getLong(5) / 3_600_000.0;
					double[] values = ranks.computeIfAbsent(task, t -> new double[3]);
					long[] middle = Stats.medianRanks(ended);
					values[0] = (n == middle[0]) ? hours : values[0];
					values[1] = (n == middle[1]) ? hours : values[1];
					values[2] = (n == Stats.nearestRank(ended, 0.9)) ? hours : values[2];
				}, arguments.toArray());
		List<Object> openArguments = new ArrayList<>(List.of(new Timestamp(ClockUtil.getCurrentTime().getTime())));
		openArguments.addAll(STAGES.values());
		openArguments.addAll(List.of(start, end));
		this.jdbc.query("SELECT t.TASK_DEF_KEY_, COUNT(*), " + count("t.DUE_DATE_ IS NOT NULL AND ? > t.DUE_DATE_")
				+ " FROM " + this.management.getTableName(Task.class) + " t JOIN ops_case c ON c.process_instance_id = "
				+ "t.PROC_INST_ID_ WHERE t.TASK_DEF_KEY_ IN (" + stageTasks + ") AND c.title IS NOT NULL AND "
				+ "c.reported_at >= ? AND c.reported_at < ? GROUP BY t.TASK_DEF_KEY_", row -> {
					Scorecard.Stage counted = byTask.get(row.getString(1));
					byTask.put(counted.taskId(), new Scorecard.Stage(counted.stage(), counted.taskId(),
							counted.completed(), null, null, counted.slaBreaches() + row.getInt(3), row.getInt(2)));
				}, openArguments.toArray());
		return STAGES.values().stream().map(byTask::get).map(counted -> {
			double[] values = ranks.get(counted.taskId());
			return (values == null) ? counted : new Scorecard.Stage(counted.stage(), counted.taskId(),
					counted.completed(), Stats.hours((values[0] + values[1]) / 2), Stats.hours(values[2]),
					counted.slaBreaches(), counted.open());
		}).toList();
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

	/**
	 * Cases per ISO week of a date column: counted per quarter of an hour in the database (every time zone's offset,
	 * in summer too, is a multiple of 15 minutes), the quarters put in weeks of the business zone here.
	 */
	private Map<String, Integer> perWeek(String column, String period, Timestamp start, Timestamp end) {
		Map<String, Integer> weeks = new TreeMap<>();
		this.jdbc.query("SELECT FLOOR(EXTRACT(EPOCH FROM " + column + ") / 900) AS quarter, COUNT(*)" + period
				+ " GROUP BY quarter", row -> {
					weeks.merge(week(new Date(row.getLong(1) * 900_000)), row.getInt(2), Integer::sum);
				}, start, end);
		return weeks;
	}

	private static String count(String condition) {
		return "SUM(CASE WHEN " + condition + " THEN 1 ELSE 0 END)";
	}

	private static int number(Map<String, Object> row, String column) {
		Object value = row.get(column);
		return (value instanceof Number n) ? n.intValue() : 0; // a sum over no rows is NULL
	}

	private Date startOf(LocalDate day) {
		return Date.from(day.atStartOfDay(this.zone).toInstant());
	}

	/** ISO week, e.g. 2030-W02. */
	private String week(Date date) {
		LocalDate day = date.toInstant().atZone(this.zone).toLocalDate();
		return String.format("%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
	}

}
