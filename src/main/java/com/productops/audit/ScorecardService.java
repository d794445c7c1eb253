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
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** Computes the {@link Scorecard} from the case records and the history of the stages' tasks. */
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
	 * their figures ({@link CaseFigures}, brought up to date first) and one query over the stages' tasks. A fixed
	 * number of queries, however many cases the period holds.
	 */
	public Scorecard scorecard(LocalDate from, LocalDate to) {
		Timestamp start = new Timestamp(startOf(from).getTime());
		Timestamp end = new Timestamp(startOf(to).getTime());
		this.figures.refresh(start, end);
		String period = " FROM ops_case WHERE title IS NOT NULL AND reported_at >= ? AND reported_at < ?";

		Map<String, Integer> opened = perWeek("reported_at", period, start, end);
		Map<String, Integer> closed = perWeek(CLOSED_WHEN, period + " AND " + CLOSED_WHEN + " IS NOT NULL", start, end);
		Map<String, Integer> outcomes = new TreeMap<>();
		this.jdbc.query("SELECT outcome, COUNT(*)" + period + " AND outcome IS NOT NULL GROUP BY outcome",
				row -> {
					outcomes.put(row.getString(1), row.getInt(2));
				}, start, end);
		Map<String, Object> sums = this.jdbc.queryForMap("SELECT COUNT(*) AS cases, "
				+ count(CLOSED_WHEN + " IS NULL") + " AS open_cases, "
				+ "SUM(verifications_working) AS working, SUM(verifications_not_working) AS not_working, "
				+ count("verifications > 0") + " AS verified, " + count("reopens > 0")
				+ " AS reopened, " + count("metric_verdict IS NOT NULL") + " AS last_verified, "
				+ count("metric_verdict = 'WORKING'") + " AS working_by_metric, " + count("people_answered")
				+ " AS answered, " + count("people_fixed") + " AS fixed_for_most, "
				+ "SUM(verifications_disputed) AS disputed, SUM(regressions) AS regressions" + period, start, end);
		List<Scorecard.AreaLoss> topAreas = this.jdbc.query("SELECT area, COUNT(*), SUM(COALESCE(hours_lost, 0))"
				+ period + " AND " + CLOSED_WHEN + " IS NULL AND area IS NOT NULL GROUP BY area",
				(row, i) -> new Scorecard.AreaLoss(row.getString(1), row.getInt(2), Stats.round(row.getDouble(3))), start,
				end)
			.stream() // as shown: by the rounded hours, then by area
			.sorted(Comparator.comparingDouble(Scorecard.AreaLoss::hoursLostPerWeek)
				.reversed()
				.thenComparing(Scorecard.AreaLoss::area))
			.limit(5)
			.toList();
		List<Scorecard.AreaHours> hoursByArea = this.jdbc.query("SELECT area, COUNT(*), SUM(hours_before), "
				+ "SUM(hours_after)" + period + " AND outcome = 'WORKING' AND hours_before IS NOT NULL AND "
				+ "hours_after IS NOT NULL AND area IS NOT NULL GROUP BY area", (row, i) -> new Scorecard.AreaHours(
						row.getString(1), row.getInt(2), Stats.round(row.getDouble(3)), Stats.round(row.getDouble(4)),
						Stats.round(row.getDouble(3) - row.getDouble(4))), start, end)
			.stream()
			.sorted(Comparator.comparingDouble(Scorecard.AreaHours::hoursGivenBack)
				.reversed()
				.thenComparing(Scorecard.AreaHours::area))
			.toList();

		int cases = number(sums, "cases");
		int open = number(sums, "open_cases");
		int working = number(sums, "working");
		int notWorking = number(sums, "not_working");
		int lastVerified = number(sums, "last_verified");
		int answered = number(sums, "answered");
		Scorecard.Value value = new Scorecard.Value(
				Stats.round(hoursByArea.stream().mapToDouble(Scorecard.AreaHours::hoursGivenBack).sum()), hoursByArea,
				lastVerified, Stats.percent(number(sums, "working_by_metric"), lastVerified), answered,
				Stats.percent(number(sums, "fixed_for_most"), answered), number(sums, "disputed"),
				number(sums, "regressions"));
		return new Scorecard(from, to, cases, open, cases - open, opened, closed, stages(period, start, end), outcomes,
				new Scorecard.Verifications(working, notWorking), Stats.percent(working, working + notWorking),
				Stats.percent(number(sums, "reopened"), number(sums, "verified")), topAreas, value);
	}

	/**
	 * Per stage, over the tasks of the period's cases: completed tasks, median and 90th percentile of their hours
	 * (nearest rank), SLA breaches (completed after the due date, or open past it) and open tasks. One query, which
	 * ranks the completed tasks by duration and returns only the rows at the ranks needed (the databases' percentile
	 * functions do not agree on the nearest rank); the first row of each stage carries its counts.
	 */
	private List<Scorecard.Stage> stages(String period, Timestamp start, Timestamp end) {
		String stage = "OVER (PARTITION BY t.TASK_DEF_KEY_)";
		List<Object> arguments = new ArrayList<>(List.of(new Timestamp(ClockUtil.getCurrentTime().getTime())));
		arguments.addAll(STAGES.values());
		arguments.addAll(List.of(start, end));
		Map<String, Scorecard.Stage> byTask = new HashMap<>();
		STAGES.forEach((name, taskId) -> byTask.put(taskId, new Scorecard.Stage(name, taskId, 0, null, null, 0, 0)));
		Map<String, double[]> ranks = new HashMap<>(); // per task: the median's two middle values, the 90th percentile
		this.jdbc.query("SELECT task, completed, breaches, open_tasks, n, ms FROM (SELECT t.TASK_DEF_KEY_ AS task, "
				+ "t.DURATION_ AS ms, ROW_NUMBER() OVER (PARTITION BY t.TASK_DEF_KEY_ ORDER BY t.DURATION_ NULLS LAST) AS n, "
				+ "COUNT(t.END_TIME_) " + stage + " AS completed, "
				+ count("t.DUE_DATE_ IS NOT NULL AND COALESCE(t.END_TIME_, ?) > t.DUE_DATE_") + " " + stage
				+ " AS breaches, " + count("t.END_TIME_ IS NULL") + " " + stage + " AS open_tasks FROM "
				+ this.management.getTableName(HistoricTaskInstance.class) + " t WHERE t.TASK_DEF_KEY_ IN ("
				+ String.join(", ", STAGES.values().stream().map(task -> "?").toList()) + ") "
				+ "AND t.PROC_INST_ID_ IN (SELECT process_instance_id" + period + ")) d "
				// Stats' ranks
				+ "WHERE n = 1 OR n = (completed + 1) / 2 OR n = completed / 2 + 1 OR n = CEIL(0.9 * completed)", row -> {
					String task = row.getString(1);
					long completed = row.getLong(2);
					long n = row.getLong(5);
					Scorecard.Stage counted = byTask.get(task);
					byTask.put(task, new Scorecard.Stage(counted.stage(), task, (int) completed, null, null,
							row.getInt(3), row.getInt(4)));
					if (n <= completed) {
						double hours = row.getLong(6) / 3_600_000.0;
						double[] values = ranks.computeIfAbsent(task, t -> new double[3]);
						long[] middle = Stats.medianRanks(completed);
						values[0] = (n == middle[0]) ? hours : values[0];
						values[1] = (n == middle[1]) ? hours : values[1];
						values[2] = (n == Stats.nearestRank(completed, 0.9)) ? hours : values[2];
					}
				}, arguments.toArray());
		return STAGES.values().stream().map(byTask::get).map(counted -> {
			double[] values = ranks.get(counted.taskId());
			return (values == null) ? counted : new Scorecard.Stage(counted.stage(), counted.taskId(),
					counted.completed(), Stats.hours((values[0] + values[1]) / 2), Stats.hours(values[2]),
					counted.slaBreaches(), counted.open());
		}).toList();
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
