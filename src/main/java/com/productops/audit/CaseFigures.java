package com.productops.audit;

import static com.productops.loop.CaseVariables.AREA;
import static com.productops.loop.CaseVariables.CASE_OUTCOME;
import static com.productops.loop.CaseVariables.COMBINED_VERDICT;
import static com.productops.loop.CaseVariables.HOURS_LOST_AFTER;
import static com.productops.loop.CaseVariables.HOURS_LOST_BEFORE;
import static com.productops.loop.CaseVariables.HOURS_LOST_PER_WEEK;
import static com.productops.loop.CaseVariables.REPORTER_ANSWERS;
import static com.productops.loop.CaseVariables.TOTAL_HOURS_LOST_PER_WEEK;
import static com.productops.loop.CaseVariables.VERIFICATION_OUTCOME;
import static com.productops.loop.CaseVariables.VERIFICATION_VERDICT;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.productops.loop.CaseData;
import com.productops.loop.CaseOutcome;
import com.productops.loop.ProductOpsLoop;
import com.productops.loop.Stage;
import com.productops.verification.ReportersVerdict;
import com.productops.verification.VerificationOutcome;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.NativeHistoricActivityInstanceQuery;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricDetailEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The scorecard's figures of each case - its verifications and what they found, disputes,
 * re-opens, regressions, the people's verdict and the hours lost before and after - kept
 * in its case record (ops_case), so that a scorecard adds up rows instead of reading the
 * history of every case of the period. The figures are computed from the engine's
 * history, a page of cases at a time; a step that changes what they are computed from
 * counts up the record's {@code figures_version} ({@link CaseRecordsPlugin}), and stale
 * figures are computed again before a scorecard reads them. The ended tasks of the stages
 * are kept beside the records (ops_stage_task) for the stages' durations. Figures of
 * cases filed by an earlier version are computed in the background at start-up.
 */
@Service
@Order(2) // after the case records are filled
public class CaseFigures implements ApplicationRunner {

	/**
	 * The case variables the figures are computed from: a change of one makes the case's
	 * figures stale.
	 */
	static final Set<String> VARIABLES = Set.of(VERIFICATION_OUTCOME, VERIFICATION_VERDICT, COMBINED_VERDICT,
			REPORTER_ANSWERS, HOURS_LOST_BEFORE, HOURS_LOST_AFTER, HOURS_LOST_PER_WEEK, TOTAL_HOURS_LOST_PER_WEEK,
			CASE_OUTCOME, AREA);

	/** The steps the figures count: starting one makes the case's figures stale. */
	static final Set<String> COUNTED_STEPS = Set.of(ProductOpsLoop.TASK_REOPEN_CASE,
			ProductOpsLoop.TASK_RECORD_REGRESSION);

	/**
	 * The kinds of figures counted: 2 since the stages' ended tasks are kept too, 3 since
	 * the metric's share leaves out verifications without a reading and outcomes written
	 * by hand are none (the days are summed again). Count up when a kind is added or a
	 * sum changes.
	 */
	static final int KIND = 3;

	/**
	 * Records whose figures are missing, older than the case, or without a kind of figure
	 * added since.
	 */
	static final String STALE = "(figures_counted_version IS NULL OR figures_counted_version <> figures_version "
			+ "OR figures_kind IS NULL OR figures_kind <> " + KIND + ")";

	private static final Logger log = LoggerFactory.getLogger(CaseFigures.class);

	private static final int PAGE = 500;

	private final JdbcTemplate jdbc;

	private final HistoryService history;

	private final ManagementService management;

	public CaseFigures(JdbcTemplate jdbc, HistoryService history, ManagementService management) {
		this.jdbc = jdbc;
		this.history = history;
		this.management = management;
	}

	/**
	 * Starting a counted step, or ending a stage's task, makes the case's figures stale.
	 */
	static boolean changesFigures(HistoricActivityInstanceEventEntity step) {
		String type = step.getEventType();
		return HistoryEventTypes.ACTIVITY_INSTANCE_START.getEventName().equals(type)
				&& COUNTED_STEPS.contains(step.getActivityId())
				|| HistoryEventTypes.ACTIVITY_INSTANCE_END.getEventName().equals(type)
						&& Stage.TASK_IDS.contains(step.getActivityId());
	}

	/** A case's figures, as computed from its history. */
	record Figures(int verifications, int working, int notWorking, int disputed, int reopens, int regressions,
			String metricVerdict, boolean peopleAnswered, boolean peopleFixed, Double hoursBefore, Double hoursAfter,
			Double hoursLost) {
	}

	/**
	 * Brings the stale figures up to date. A record whose figures go stale is marked for
	 * the scorecard's days ({@link ScorecardDays}) in the same update, and stays marked
	 * while they are stale: only marked records are read.
	 */
	public void refreshChanged() {
		refresh(this.jdbc.queryForList(
				"SELECT process_instance_id FROM ops_case WHERE rollup_dirty = TRUE AND " + STALE, String.class));
	}

	/**
	 * Figures of cases filed before the records had them, in the background: a scorecard
	 * needs no start-up wait.
	 */
	@Override
	public void run(ApplicationArguments arguments) {
		Thread thread = new Thread(() -> {
			try {
				long began = System.nanoTime();
				// figures of a kind added since are stale without a step having marked
				// them
				this.jdbc.update("UPDATE ops_case SET rollup_dirty = TRUE WHERE rollup_dirty = FALSE AND " + STALE);
				List<String> stale = this.jdbc.queryForList(
						"SELECT process_instance_id FROM ops_case WHERE title IS NOT NULL AND " + STALE, String.class);
				refresh(stale);
				if (!stale.isEmpty()) {
					log.info("Computed the scorecard figures of {} cases in {} ms", stale.size(),
							(System.nanoTime() - began) / 1_000_000);
				}
			}
			catch (RuntimeException ex) {
				log.warn("Could not compute the scorecard figures at start-up; a scorecard computes them when it needs "
						+ "them: {}", ex.getMessage());
			}
		}, "case-figures");
		thread.setDaemon(true);
		thread.start();
	}

	private void refresh(List<String> ids) {
		// rows updated in one order: no deadlock with a step
		List<String> sorted = ids.stream().sorted().toList();
		for (int from = 0; from < sorted.size(); from += PAGE) {
			List<String> page = sorted.subList(from, Math.min(sorted.size(), from + PAGE));
			try {
				refreshPage(page);
			}
			catch (RuntimeException ex) {
				// find the case whose history cannot be counted
				page.forEach(this::refreshOne);
			}
		}
	}

	/**
	 * One case alone. A case whose figures cannot be computed (a variable set through the
	 * API to something the loop never writes, e.g. reporters' answers that are not a list
	 * of answers) counts with no figures: its record is counted, and every scorecard
	 * works, until the variable is set right again.
	 */
	private void refreshOne(String id) {
		Integer version = this.jdbc
			.queryForList("SELECT figures_version FROM ops_case WHERE process_instance_id = ?", Integer.class, id)
			.stream()
			.findFirst()
			.orElse(null);
		try {
			refreshPage(List.of(id));
		}
		// what unreadable values give (a database that fails for a moment fails the
		// scorecard, and counts nothing)
		catch (IllegalArgumentException | IllegalStateException | ClassCastException
				| DataIntegrityViolationException ex) {
			log.warn("The scorecard counts case {} without its figures: they cannot be computed from its history ({})",
					id, ex.getMessage());
			this.jdbc.update(UPDATE_FIGURES, null, null, null, null, null, null, null, null, null, null, null, null,
					version, id);
		}
	}

	/**
	 * A record's figures, the version they were counted at, and the mark that its days
	 * are summed again.
	 */
	private static final String UPDATE_FIGURES = "UPDATE ops_case SET verifications = ?, verifications_working = ?, "
			+ "verifications_not_working = ?, verifications_disputed = ?, reopens = ?, regressions = ?, "
			+ "metric_verdict = ?, people_answered = ?, people_fixed = ?, hours_before = ?, hours_after = ?, "
			+ "hours_lost = ?, figures_counted_version = ?, figures_kind = " + KIND + ", rollup_dirty = TRUE"
			+ " WHERE process_instance_id = ?";

	private void refreshPage(List<String> page) {
		// the version first: a step that lands while the history is read leaves the
		// figures stale
		Map<String, Integer> versions = new HashMap<>();
		this.jdbc.query("SELECT process_instance_id, figures_version FROM ops_case WHERE process_instance_id IN ("
				+ placeholders(page.size()) + ")", row -> {
					versions.put(row.getString(1), row.getInt(2));
				}, page.toArray());
		Map<String, Figures> figures = compute(page);
		keepEndedStageTasks(page);
		this.jdbc.batchUpdate(UPDATE_FIGURES, page.stream().filter(versions::containsKey).map(id -> {
			Figures f = figures.get(id);
			return new Object[] { f.verifications(), f.working(), f.notWorking(), f.disputed(), f.reopens(),
					f.regressions(), f.metricVerdict(), f.peopleAnswered(), f.peopleFixed(), finite(f.hoursBefore()),
					finite(f.hoursAfter()), finite(f.hoursLost()), versions.get(id), id };
		}).toList());
	}

	/**
	 * Hours as a number the database sums (a value changed by hand to NaN or infinity
	 * would fail every scorecard of its period): none instead.
	 */
	private static Double finite(Double hours) {
		return (hours == null || !Double.isFinite(hours)) ? null : hours;
	}

	/**
	 * Copies the ended tasks of the stages of these cases that are not kept yet into
	 * ops_stage_task: one statement. An ended task never changes, so what is kept stays
	 * right; a refresh of the same cases at the same moment (another scorecard, another
	 * node) may copy a task first, and then this copies the rest.
	 */
	private void keepEndedStageTasks(List<String> ids) {
		List<Object> arguments = new ArrayList<>(Stage.TASK_IDS);
		arguments.addAll(ids);
		String copy = "INSERT INTO ops_stage_task (task_id, process_instance_id, reported_at, stage_task, duration_ms, "
				+ "late) SELECT t.ID_, t.PROC_INST_ID_, c.reported_at, t.TASK_DEF_KEY_, t.DURATION_, CASE WHEN "
				+ "t.DUE_DATE_ IS NOT NULL AND t.END_TIME_ > t.DUE_DATE_ THEN TRUE ELSE FALSE END FROM "
				+ this.management.getTableName(HistoricTaskInstance.class) + " t JOIN ops_case c ON "
				+ "c.process_instance_id = t.PROC_INST_ID_ WHERE t.END_TIME_ IS NOT NULL AND c.reported_at IS NOT NULL "
				+ "AND t.TASK_DEF_KEY_ IN (" + placeholders(Stage.TASK_IDS.size()) + ") AND t.PROC_INST_ID_ IN ("
				+ placeholders(ids.size())
				+ ") AND NOT EXISTS (SELECT 1 FROM ops_stage_task s WHERE s.task_id = t.ID_)";
		try {
			this.jdbc.update(copy, arguments.toArray());
		}
		catch (DuplicateKeyException ex) {
			// the other refresh has committed what it copied
			this.jdbc.update(copy, arguments.toArray());
		}
	}

	/** "?, ?, ?" for an IN list of {@code count} bound values. */
	static String placeholders(int count) {
		return String.join(", ", Collections.nCopies(count, "?"));
	}

	/** The figures of these cases, from their history: a few queries for all of them. */
	Map<String, Figures> compute(List<String> ids) {
		// one verification per completed Verify outcome task (its form value and the
		// stored value are both updates); an outcome written by hand, outside any step,
		// is no verification
		List<HistoricVariableUpdate> updates = updates(ids, List.of(VERIFICATION_OUTCOME, COMBINED_VERDICT));
		updates.removeIf(u -> VERIFICATION_OUTCOME.equals(u.getVariableName())
				&& Objects.equals(u.getActivityInstanceId(), u.getProcessInstanceId()));
		Map<String, Map<String, HistoricVariableUpdate>> verificationsByCase = new HashMap<>();
		updates.stream()
			.filter(u -> VERIFICATION_OUTCOME.equals(u.getVariableName()))
			.forEach(u -> verificationsByCase.computeIfAbsent(u.getProcessInstanceId(), id -> new HashMap<>())
				.put(u.getActivityInstanceId(), u));
		Map<String, Integer> disputed = disputed(updates);
		Map<String, Map<String, Integer>> steps = countedSteps(ids);
		Map<String, Map<String, Object>> variables = latestVariables(ids);

		Map<String, Figures> figures = new HashMap<>();
		for (String id : ids) {
			var verifications = verificationsByCase.getOrDefault(id, Map.of()).values();
			Map<String, Object> vars = variables.getOrDefault(id, Map.of());
			// verified: not re-opened since (a re-open clears the verdict)
			boolean verified = vars.get(VERIFICATION_OUTCOME) != null && vars.get(VERIFICATION_VERDICT) != null;
			List<ReportersVerdict.Answer> answers = verified ? ReportersVerdict.of(vars) : List.of();
			boolean ledger = verified && CaseOutcome.WORKING.name().equals(vars.get(CASE_OUTCOME))
					&& CaseData.HOURS_LOST_BEFORE.from(vars) != null && CaseData.HOURS_LOST_AFTER.from(vars) != null;
			// everyone's hours ("me too"s and merged reports too), else the reporter's
			// (cases from before they counted)
			Object hoursLost = vars.getOrDefault(TOTAL_HOURS_LOST_PER_WEEK, vars.get(HOURS_LOST_PER_WEEK));
			Map<String, Integer> counted = steps.getOrDefault(id, Map.of());
			figures.put(id,
					new Figures(verifications.size(),
							(int) verifications.stream()
								.filter(v -> VerificationOutcome.WORKING.name().equals(v.getValue()))
								.count(),
							(int) verifications.stream()
								.filter(v -> VerificationOutcome.NOT_WORKING.name().equals(v.getValue()))
								.count(),
							disputed.getOrDefault(id, 0), counted.getOrDefault(ProductOpsLoop.TASK_REOPEN_CASE, 0),
							counted.getOrDefault(ProductOpsLoop.TASK_RECORD_REGRESSION, 0),
							verified ? vars.get(VERIFICATION_VERDICT).toString() : null, !answers.isEmpty(),
							!answers.isEmpty() && ReportersVerdict.tally(answers).fixedForMost(),
							ledger ? number(vars.get(HOURS_LOST_BEFORE)) : null,
							ledger ? number(vars.get(HOURS_LOST_AFTER)) : null, number(hoursLost)));
		}
		return figures;
	}

	/**
	 * Verifications decided while the metric and the reporters disagreed: the combined
	 * verdict as it stood when Product Ops verified (a dispute the later answers settled
	 * is not one). The updates come in the order they happened.
	 */
	private static Map<String, Integer> disputed(List<HistoricVariableUpdate> updates) {
		Map<String, Object> standing = new HashMap<>();
		Set<String> verifications = new HashSet<>();
		Map<String, Integer> disputed = new HashMap<>();
		for (HistoricVariableUpdate update : updates) {
			if (COMBINED_VERDICT.equals(update.getVariableName())) {
				standing.put(update.getProcessInstanceId(), update.getValue());
			}
			else if (verifications.add(update.getActivityInstanceId())
					&& "DISPUTED".equals(standing.get(update.getProcessInstanceId()))) {
				disputed.merge(update.getProcessInstanceId(), 1, Integer::sum);
			}
		}
		return disputed;
	}

	/** How often each case went through the counted steps: one query for all of them. */
	private Map<String, Map<String, Integer>> countedSteps(List<String> ids) {
		NativeHistoricActivityInstanceQuery query = this.history.createNativeHistoricActivityInstanceQuery();
		String in = CaseRecords.bind(query, ids);
		Map<String, Map<String, Integer>> counts = new HashMap<>();
		query.sql("SELECT * FROM " + this.management.getTableName(HistoricActivityInstance.class)
				+ " WHERE ACT_ID_ IN ('" + String.join("', '", COUNTED_STEPS) + "') AND PROC_INST_ID_ IN (" + in + ")")
			.list()
			.forEach(step -> counts.computeIfAbsent(step.getProcessInstanceId(), id -> new HashMap<>())
				.merge(step.getActivityId(), 1, Integer::sum));
		return counts;
	}

	private Map<String, Map<String, Object>> latestVariables(List<String> ids) {
		Map<String, Map<String, Object>> variables = new HashMap<>();
		for (HistoricVariableInstance v : this.history.createHistoricVariableInstanceQuery()
			.processInstanceIdIn(ids.toArray(String[]::new))
			.variableNameIn(VARIABLES.toArray(String[]::new))
			.list()) {
			variables.computeIfAbsent(v.getProcessInstanceId(), id -> new LinkedHashMap<>())
				.put(v.getName(), v.getValue());
		}
		return variables;
	}

	/**
	 * The updates of these variables of these cases, in the order they happened: only
	 * those rows are read.
	 */
	private List<HistoricVariableUpdate> updates(List<String> ids, List<String> names) {
		List<HistoricVariableUpdate> updates = new ArrayList<>();
		for (String name : names) {
			for (HistoricDetail detail : this.history.createHistoricDetailQuery()
				.processInstanceIdIn(ids.toArray(String[]::new))
				.variableUpdates()
				.variableNameLike(name)
				.list()) {
				if (detail instanceof HistoricVariableUpdate update && name.equals(update.getVariableName())
						&& update.getValue() != null) {
					updates.add(update);
				}
			}
		}
		// in the order they happened; at the same moment a verdict before the
		// verification (the verdict changes when
		// someone answers, the verification is the step that ends the asking)
		updates.sort(Comparator.comparing(HistoricVariableUpdate::getTime)
			.thenComparing(u -> VERIFICATION_OUTCOME.equals(u.getVariableName()))
			.thenComparingLong(u -> ((HistoricDetailEventEntity) u).getSequenceCounter()));
		return updates;
	}

	private static Double number(Object value) {
		return (value instanceof Number n) ? n.doubleValue() : null;
	}

}
