package com.productops.audit;

import static com.productops.loop.CaseVariables.AREA;
import static com.productops.loop.CaseVariables.CASE_OUTCOME;
import static com.productops.loop.CaseVariables.CLOSED_AT;
import static com.productops.loop.CaseVariables.COMBINED_VERDICT;
import static com.productops.loop.CaseVariables.HOURS_LOST_AFTER;
import static com.productops.loop.CaseVariables.HOURS_LOST_BEFORE;
import static com.productops.loop.CaseVariables.HOURS_LOST_PER_WEEK;
import static com.productops.loop.CaseVariables.REPORTER_ANSWERS;
import static com.productops.loop.CaseVariables.TOTAL_HOURS_LOST_PER_WEEK;
import static com.productops.loop.CaseVariables.VERIFICATION_OUTCOME;
import static com.productops.loop.CaseVariables.VERIFICATION_VERDICT;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.productops.loop.ProductOpsLoop;
import com.productops.verification.ReportersVerdict;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.impl.history.event.HistoricDetailEventEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;

/** Computes the {@link Scorecard} from the engine's history (history level full). */
@Service
public class ScorecardService {

	/** The human stages of the loop, in order, with their user task. */
	static final Map<String, String> STAGES = stages();

	private static final int QUERY_CHUNK = 500;

	private final HistoryService history;

	private final CaseRecords records;

	private final ZoneId zone;

	public ScorecardService(HistoryService history, CaseRecords records, ZoneId zone) {
		this.history = history;
		this.records = records;
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
	 * The scorecard of the cases reported from {@code from} until before {@code to}. The cases come from the case
	 * records; their history is read a page of cases at a time, so memory stays bounded however many cases the
	 * period holds (a year of 100,000 cases used to exhaust the heap).
	 */
	public Scorecard scorecard(LocalDate from, LocalDate to) {
		List<CaseRecords.CaseRecord> cases = this.records.reportedBetween(startOf(from), startOf(to));
		Date now = ClockUtil.getCurrentTime();
		Map<String, Integer> opened = new TreeMap<>();
		Map<String, Integer> closed = new TreeMap<>();
		Map<String, Integer> outcomes = new TreeMap<>();
		int open = 0;
		for (CaseRecords.CaseRecord c : cases) {
			opened.merge(week(c.reportedAt()), 1, Integer::sum);
			Date closedAt = closedAt(c);
			if (closedAt != null) {
				closed.merge(week(closedAt), 1, Integer::sum);
			}
			else {
				open++;
			}
			if (c.outcome() != null) {
				outcomes.merge(c.outcome(), 1, Integer::sum);
			}
		}

		Map<String, List<HistoricTaskInstance>> tasksByStage = new LinkedHashMap<>();
		STAGES.values().forEach(taskId -> tasksByStage.put(taskId, new ArrayList<>()));
		Set<String> verified = new HashSet<>();
		int[] verdicts = new int[2]; // working, not working
		int disputed = 0;
		Map<String, double[]> lossByArea = new HashMap<>();
		ValueTally value = new ValueTally();
		for (List<CaseRecords.CaseRecord> page : chunks(cases)) {
			List<String> ids = page.stream().map(CaseRecords.CaseRecord::processInstanceId).toList();
			this.history.createHistoricTaskInstanceQuery()
				.processDefinitionKey(ProductOpsLoop.PROCESS_KEY)
				.processInstanceBusinessKeyIn(page.stream().map(CaseRecords.CaseRecord::caseNumber).toArray(String[]::new))
				.startedAfter(startOf(from))
				.list()
				.forEach(task -> {
					List<HistoricTaskInstance> stage = tasksByStage.get(task.getTaskDefinitionKey());
					if (stage != null) {
						stage.add(task);
					}
				});
			// one verification per completed Verify outcome task (its form value and the stored value are both updates)
			List<HistoricVariableUpdate> verdictUpdates = updates(ids, Set.of(VERIFICATION_OUTCOME, COMBINED_VERDICT));
			Map<String, HistoricVariableUpdate> verificationsByTask = new HashMap<>();
			verdictUpdates.stream()
				.filter(u -> VERIFICATION_OUTCOME.equals(u.getVariableName()))
				.forEach(u -> verificationsByTask.put(u.getActivityInstanceId(), u));
			for (HistoricVariableUpdate update : verificationsByTask.values()) {
				verified.add(update.getProcessInstanceId());
				if ("WORKING".equals(update.getValue())) {
					verdicts[0]++;
				}
				else if ("NOT_WORKING".equals(update.getValue())) {
					verdicts[1]++;
				}
			}
			disputed += disputedCases(verdictUpdates);
			Map<String, Map<String, Object>> variables = latestVariables(ids);
			for (CaseRecords.CaseRecord c : page) {
				Map<String, Object> vars = variables.getOrDefault(c.processInstanceId(), Map.of());
				value.add(vars);
				if (closedAt(c) == null && vars.get(AREA) != null) {
					double[] sum = lossByArea.computeIfAbsent(vars.get(AREA).toString(), a -> new double[2]);
					sum[0]++;
					// everyone's hours ("me too"s and merged reports too), else the reporter's (cases from before they counted)
					Object hours = vars.getOrDefault(TOTAL_HOURS_LOST_PER_WEEK, vars.get(HOURS_LOST_PER_WEEK));
					sum[1] += (hours instanceof Number n) ? n.doubleValue() : 0;
				}
			}
		}
		List<Scorecard.Stage> stages = new ArrayList<>();
		STAGES.forEach((stage, taskId) -> stages.add(stage(stage, taskId, tasksByStage.get(taskId), now)));

		Set<String> inRange = new HashSet<>();
		cases.forEach(c -> inRange.add(c.processInstanceId()));
		Set<String> reopened = new HashSet<>();
		this.history.createHistoricActivityInstanceQuery()
			.activityId("Task_ReopenCase")
			.startedAfter(startOf(from))
			.list()
			.stream()
			.filter(a -> inRange.contains(a.getProcessInstanceId()))
			.forEach(a -> reopened.add(a.getProcessInstanceId()));

		int working = verdicts[0];
		int notWorking = verdicts[1];
		return new Scorecard(from, to, cases.size(), open, cases.size() - open, opened, closed, stages, outcomes,
				new Scorecard.Verifications(working, notWorking), Stats.percent(working, working + notWorking),
				Stats.percent(reopened.size(), verified.size()), topAreas(lossByArea),
				value.result(disputed, regressions(from, inRange)));
	}

	/** The ledger of hours given back and the people's verdicts beside the metric's, added up a case at a time. */
	private static final class ValueTally {

		private final Map<String, double[]> byArea = new TreeMap<>();

		private int verified;

		private int workingByMetric;

		private int answered;

		private int workingByPeople;

		void add(Map<String, Object> vars) {
			if (vars.get(VERIFICATION_OUTCOME) == null || vars.get(VERIFICATION_VERDICT) == null) {
				return; // not verified, or re-opened and not verified again yet (a re-open clears the verdict)
			}
			this.verified++;
			if ("WORKING".equals(vars.get(VERIFICATION_VERDICT))) {
				this.workingByMetric++;
			}
			var answers = ReportersVerdict.of(vars);
			if (!answers.isEmpty()) {
				this.answered++;
				if (ReportersVerdict.tally(answers).fixedForMost()) {
					this.workingByPeople++;
				}
			}
			if ("WORKING".equals(vars.get(CASE_OUTCOME)) && vars.get(HOURS_LOST_BEFORE) instanceof Number before
					&& vars.get(HOURS_LOST_AFTER) instanceof Number after && vars.get(AREA) != null) {
				double[] sum = this.byArea.computeIfAbsent(vars.get(AREA).toString(), a -> new double[3]);
				sum[0]++;
				sum[1] += before.doubleValue();
				sum[2] += after.doubleValue();
			}
		}

		Scorecard.Value result(int disputed, int regressions) {
			List<Scorecard.AreaHours> areas = this.byArea.entrySet()
				.stream()
				.map(e -> new Scorecard.AreaHours(e.getKey(), (int) e.getValue()[0], Stats.round(e.getValue()[1]),
						Stats.round(e.getValue()[2]), Stats.round(e.getValue()[1] - e.getValue()[2])))
				.sorted(Comparator.comparingDouble(Scorecard.AreaHours::hoursGivenBack).reversed())
				.toList();
			double total = Stats.round(areas.stream().mapToDouble(Scorecard.AreaHours::hoursGivenBack).sum());
			return new Scorecard.Value(total, areas, this.verified, Stats.percent(this.workingByMetric, this.verified),
					this.answered, Stats.percent(this.workingByPeople, this.answered), disputed, regressions);
		}

	}

	/** Regressions caught by the watch: a reading that missed the target, or a new report merged into a watched case. */
	private int regressions(LocalDate from, Set<String> inRange) {
		return (int) this.history.createHistoricActivityInstanceQuery()
			.activityId("Task_RecordRegression")
			.startedAfter(startOf(from))
			.list()
			.stream()
			.filter(a -> inRange.contains(a.getProcessInstanceId()))
			.count();
	}

	/**
	 * Verifications decided while the metric and the reporters disagreed: the combined verdict as it stood when Product
	 * Ops verified (a dispute the later answers settled is not one). The updates come in the order they happened.
	 */
	private static int disputedCases(List<HistoricVariableUpdate> updates) {
		Map<String, Object> standing = new HashMap<>();
		Set<String> verifications = new HashSet<>();
		int disputed = 0;
		for (HistoricVariableUpdate update : updates) {
			if (COMBINED_VERDICT.equals(update.getVariableName())) {
				standing.put(update.getProcessInstanceId(), update.getValue());
			}
			else if (VERIFICATION_OUTCOME.equals(update.getVariableName())
					&& verifications.add(update.getActivityInstanceId())
					&& "DISPUTED".equals(standing.get(update.getProcessInstanceId()))) {
				disputed++;
			}
		}
		return disputed;
	}


	/**
	 * When the case was closed: when it ended, or - closed but still watched (for a regression, or for more evidence
	 * after a WON'T DO) - when it was closed; null while it is open.
	 */
	private static Date closedAt(CaseRecords.CaseRecord c) {
		if (c.endedAt() != null) {
			return c.endedAt();
		}
		return (c.outcome() != null) ? c.closedAt() : null;
	}

	private static Scorecard.Stage stage(String stage, String taskId, List<HistoricTaskInstance> tasks, Date now) {
		List<Double> hours = new ArrayList<>();
		int breaches = 0;
		int open = 0;
		for (HistoricTaskInstance task : tasks) {
			Date end = task.getEndTime();
			if (end == null) {
				open++;
			}
			else {
				hours.add((end.getTime() - task.getStartTime().getTime()) / 3_600_000.0);
			}
			Date due = task.getDueDate();
			if (due != null && (end == null ? now : end).after(due)) {
				breaches++;
			}
		}
		return new Scorecard.Stage(stage, taskId, hours.size(), Stats.median(hours), Stats.percentile(hours, 0.9),
				breaches, open);
	}

	private static List<Scorecard.AreaLoss> topAreas(Map<String, double[]> byArea) {
		return byArea.entrySet()
			.stream()
			.map(e -> new Scorecard.AreaLoss(e.getKey(), (int) e.getValue()[0], Stats.round(e.getValue()[1])))
			.sorted(Comparator.comparingDouble(Scorecard.AreaLoss::hoursLostPerWeek)
				.reversed()
				.thenComparing(Scorecard.AreaLoss::area))
			.limit(5)
			.toList();
	}

	private Map<String, Map<String, Object>> latestVariables(List<String> ids) {
		Map<String, Map<String, Object>> variables = new HashMap<>();
		for (List<String> chunk : chunks(ids)) {
			for (HistoricVariableInstance v : this.history.createHistoricVariableInstanceQuery()
				.processInstanceIdIn(chunk.toArray(String[]::new))
				.variableNameIn(AREA, HOURS_LOST_PER_WEEK, CASE_OUTCOME, VERIFICATION_OUTCOME, VERIFICATION_VERDICT,
						REPORTER_ANSWERS, HOURS_LOST_BEFORE, HOURS_LOST_AFTER, CLOSED_AT, TOTAL_HOURS_LOST_PER_WEEK)
				.list()) {
				variables.computeIfAbsent(v.getProcessInstanceId(), id -> new HashMap<>()).put(v.getName(), v.getValue());
			}
		}
		return variables;
	}

	/** The updates of these variables of these cases, in the order they happened: only those rows are read. */
	private List<HistoricVariableUpdate> updates(List<String> ids, Set<String> variables) {
		List<HistoricVariableUpdate> updates = new ArrayList<>();
		for (List<String> chunk : chunks(ids)) {
			for (String variable : variables) {
				for (HistoricDetail detail : this.history.createHistoricDetailQuery()
					.processInstanceIdIn(chunk.toArray(String[]::new))
					.variableUpdates()
					.variableNameLike(variable)
					.list()) {
					if (detail instanceof HistoricVariableUpdate update && variable.equals(update.getVariableName())
							&& update.getValue() != null) {
						updates.add(update);
					}
				}
			}
		}
		// in the order they happened; at the same moment a verdict before the verification (the verdict changes when
		// someone answers, the verification is the step that ends the asking)
		updates.sort(Comparator.comparing(HistoricVariableUpdate::getTime)
			.thenComparing(u -> VERIFICATION_OUTCOME.equals(u.getVariableName()))
			.thenComparingLong(u -> ((HistoricDetailEventEntity) u).getSequenceCounter()));
		return updates;
	}

	private static <T> List<List<T>> chunks(List<T> items) {
		List<List<T>> chunks = new ArrayList<>();
		for (int from = 0; from < items.size(); from += QUERY_CHUNK) {
			chunks.add(items.subList(from, Math.min(from + QUERY_CHUNK, items.size())));
		}
		return chunks;
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
