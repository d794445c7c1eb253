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
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;

/** Computes the {@link Scorecard} from the engine's history (history level full). */
@Service
public class ScorecardService {

	/** The human stages of the loop, in order, with their user task. */
	static final Map<String, String> STAGES = stages();

	private static final int QUERY_CHUNK = 500;

	private final HistoryService history;

	private final ZoneId zone;

	public ScorecardService(HistoryService history, ZoneId zone) {
		this.history = history;
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

	public Scorecard scorecard(LocalDate from, LocalDate to) {
		List<HistoricProcessInstance> cases = this.history.createHistoricProcessInstanceQuery()
			.processDefinitionKey(ProductOpsLoop.PROCESS_KEY)
			.startedAfter(startOf(from))
			.startedBefore(startOf(to))
			.list();
		List<String> ids = cases.stream().map(HistoricProcessInstance::getId).toList();
		Date now = ClockUtil.getCurrentTime();

		Map<String, Map<String, Object>> variables = latestVariables(ids);
		Map<String, Integer> opened = new TreeMap<>();
		Map<String, Integer> closed = new TreeMap<>();
		int open = 0;
		for (HistoricProcessInstance c : cases) {
			opened.merge(week(c.getStartTime()), 1, Integer::sum);
			Date closedAt = closedAt(c, variables.getOrDefault(c.getId(), Map.of()));
			if (closedAt != null) {
				closed.merge(week(closedAt), 1, Integer::sum);
			}
			else {
				open++;
			}
		}

		Set<String> caseIds = new HashSet<>(ids);
		List<HistoricTaskInstance> tasks = this.history.createHistoricTaskInstanceQuery()
			.processDefinitionKey(ProductOpsLoop.PROCESS_KEY)
			.startedAfter(startOf(from))
			.list()
			.stream()
			.filter(t -> caseIds.contains(t.getProcessInstanceId()))
			.toList();
		List<Scorecard.Stage> stages = new ArrayList<>();
		STAGES.forEach((stage, taskId) -> stages.add(stage(stage, taskId,
				tasks.stream().filter(t -> taskId.equals(t.getTaskDefinitionKey())).toList(), now)));

		Map<String, Integer> outcomes = new TreeMap<>();
		for (HistoricProcessInstance c : cases) {
			Object outcome = variables.getOrDefault(c.getId(), Map.of()).get(CASE_OUTCOME);
			if (outcome != null) {
				outcomes.merge(outcome.toString(), 1, Integer::sum);
			}
		}

		// one verification per completed Verify outcome task (its form value and the stored value are both updates)
		Map<String, HistoricVariableUpdate> verificationsByTask = new HashMap<>();
		List<HistoricVariableUpdate> verdictUpdates = updates(ids, Set.of(VERIFICATION_OUTCOME, COMBINED_VERDICT));
		verdictUpdates.stream()
			.filter(u -> VERIFICATION_OUTCOME.equals(u.getVariableName()))
			.forEach(u -> verificationsByTask.put(u.getActivityInstanceId(), u));
		int working = 0;
		int notWorking = 0;
		Set<String> verified = new HashSet<>();
		for (HistoricVariableUpdate update : verificationsByTask.values()) {
			verified.add(update.getProcessInstanceId());
			if ("WORKING".equals(update.getValue())) {
				working++;
			}
			else if ("NOT_WORKING".equals(update.getValue())) {
				notWorking++;
			}
		}
		Set<String> reopened = new HashSet<>();
		Set<String> inRange = new HashSet<>(ids);
		this.history.createHistoricActivityInstanceQuery()
			.activityId("Task_ReopenCase")
			.startedAfter(startOf(from))
			.list()
			.stream()
			.filter(a -> inRange.contains(a.getProcessInstanceId()))
			.forEach(a -> reopened.add(a.getProcessInstanceId()));

		return new Scorecard(from, to, cases.size(), open, cases.size() - open, opened, closed, stages, outcomes,
				new Scorecard.Verifications(working, notWorking), Stats.percent(working, working + notWorking),
				Stats.percent(reopened.size(), verified.size()), topAreas(cases, variables),
				value(cases, variables, disputedCases(verdictUpdates), regressions(from, inRange)));
	}

	/** The ledger of hours given back and the people's verdicts beside the metric's. */
	private static Scorecard.Value value(List<HistoricProcessInstance> cases, Map<String, Map<String, Object>> variables,
			int disputed, int regressions) {
		Map<String, double[]> byArea = new TreeMap<>();
		int verified = 0;
		int workingByMetric = 0;
		int answered = 0;
		int workingByPeople = 0;
		for (HistoricProcessInstance c : cases) {
			Map<String, Object> vars = variables.getOrDefault(c.getId(), Map.of());
			if (vars.get(VERIFICATION_OUTCOME) == null || vars.get(VERIFICATION_VERDICT) == null) {
				continue; // not verified, or re-opened and not verified again yet (a re-open clears the verdict)
			}
			verified++;
			if ("WORKING".equals(vars.get(VERIFICATION_VERDICT))) {
				workingByMetric++;
			}
			var answers = ReportersVerdict.of(vars);
			if (!answers.isEmpty()) {
				answered++;
				if (ReportersVerdict.tally(answers).fixedForMost()) {
					workingByPeople++;
				}
			}
			if ("WORKING".equals(vars.get(CASE_OUTCOME)) && vars.get(HOURS_LOST_BEFORE) instanceof Number before
					&& vars.get(HOURS_LOST_AFTER) instanceof Number after && vars.get(AREA) != null) {
				double[] sum = byArea.computeIfAbsent(vars.get(AREA).toString(), a -> new double[3]);
				sum[0]++;
				sum[1] += before.doubleValue();
				sum[2] += after.doubleValue();
			}
		}
		List<Scorecard.AreaHours> areas = byArea.entrySet()
			.stream()
			.map(e -> new Scorecard.AreaHours(e.getKey(), (int) e.getValue()[0], Stats.round(e.getValue()[1]),
					Stats.round(e.getValue()[2]), Stats.round(e.getValue()[1] - e.getValue()[2])))
			.sorted(Comparator.comparingDouble(Scorecard.AreaHours::hoursGivenBack).reversed())
			.toList();
		double total = Stats.round(areas.stream().mapToDouble(Scorecard.AreaHours::hoursGivenBack).sum());
		return new Scorecard.Value(total, areas, verified, Stats.percent(workingByMetric, verified), answered,
				Stats.percent(workingByPeople, answered), disputed, regressions);
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
	private static Date closedAt(HistoricProcessInstance c, Map<String, Object> vars) {
		if (c.getEndTime() != null) {
			return c.getEndTime();
		}
		return (vars.get(CASE_OUTCOME) != null && vars.get(CLOSED_AT) instanceof Date closed) ? closed : null;
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

	private List<Scorecard.AreaLoss> topAreas(List<HistoricProcessInstance> cases,
			Map<String, Map<String, Object>> variables) {
		Map<String, double[]> byArea = new HashMap<>();
		for (HistoricProcessInstance c : cases) {
			Map<String, Object> vars = variables.getOrDefault(c.getId(), Map.of());
			if (closedAt(c, vars) == null && vars.get(AREA) != null) {
				double[] sum = byArea.computeIfAbsent(vars.get(AREA).toString(), a -> new double[2]);
				sum[0]++;
				// everyone's hours ("me too"s and merged reports too), else the reporter's (cases from before they counted)
				Object hours = vars.getOrDefault(TOTAL_HOURS_LOST_PER_WEEK, vars.get(HOURS_LOST_PER_WEEK));
				sum[1] += (hours instanceof Number n) ? n.doubleValue() : 0;
			}
		}
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

	private List<HistoricVariableUpdate> updates(List<String> ids, Set<String> variables) {
		List<HistoricVariableUpdate> updates = new ArrayList<>();
		for (List<String> chunk : chunks(ids)) {
			for (HistoricDetail detail : this.history.createHistoricDetailQuery()
				.processInstanceIdIn(chunk.toArray(String[]::new))
				.variableUpdates()
				.orderPartiallyByOccurrence()
				.asc()
				.list()) {
				if (detail instanceof HistoricVariableUpdate update && variables.contains(update.getVariableName())
						&& update.getValue() != null) {
					updates.add(update);
				}
			}
		}
		return updates;
	}

	private static List<List<String>> chunks(List<String> ids) {
		List<List<String>> chunks = new ArrayList<>();
		for (int from = 0; from < ids.size(); from += QUERY_CHUNK) {
			chunks.add(ids.subList(from, Math.min(from + QUERY_CHUNK, ids.size())));
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
