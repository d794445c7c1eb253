package com.productops.intake;

import static com.productops.loop.CaseVariables.ALSO_AFFECTED;
import static com.productops.loop.CaseVariables.CASE_OUTCOME;
import static com.productops.loop.CaseVariables.CLOSED_AT;
import static com.productops.loop.CaseVariables.EVIDENCE_RETURN_REASON;
import static com.productops.loop.CaseVariables.FOLLOWERS;
import static com.productops.loop.CaseVariables.HOURS_LOST_AT_DECISION;
import static com.productops.loop.CaseVariables.HOURS_LOST_PER_WEEK;
import static com.productops.loop.CaseVariables.PEOPLE_AFFECTED_PER_WEEK;
import static com.productops.loop.CaseVariables.PRIORITY;
import static com.productops.loop.CaseVariables.REPORTER;
import static com.productops.loop.CaseVariables.SCORE;
import static com.productops.loop.CaseVariables.TOTAL_HOURS_LOST_PER_WEEK;
import static com.productops.loop.CaseVariables.TOTAL_PEOPLE_AFFECTED_PER_WEEK;
import static com.productops.loop.CaseVariables.URGENCY;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.productops.input.ChangedValues;
import com.productops.input.SubmittedInput;
import com.productops.loop.BusinessClock;
import com.productops.loop.CaseData;
import com.productops.loop.CaseLock;
import com.productops.loop.ProductOpsLoop;
import com.productops.loop.TaskPriorities;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Who has the problem of a case: the reporter, people who say "me too" and the reporters
 * of merged duplicates, each with their own numbers. Everyone who joins follows the case
 * (hears about it, reads it on its page, is asked whether it is fixed); the case's reach,
 * score and priority are recomputed from all of them (the ReportPriority table stays the
 * rule), and a case waiting in the backlog returns to its PM early when DMN
 * EvidenceReturn says the evidence grew. Runs as the application, inside the caller's
 * transaction.
 */
@Service
public class CaseReach {

	private static final Logger log = LoggerFactory.getLogger(CaseReach.class);

	private final RuntimeService runtime;

	private final TaskService tasks;

	private final DecisionService decisions;

	private final TaskPriorities priorities;

	private final BusinessClock clock;

	public CaseReach(RuntimeService runtime, TaskService tasks, DecisionService decisions, TaskPriorities priorities,
			BusinessClock clock) {
		this.clock = clock;
		this.runtime = runtime;
		this.tasks = tasks;
		this.decisions = decisions;
		this.priorities = priorities;
	}

	/** What the case looks like after someone joined it. */
	public record Reach(long totalPeopleAffectedPerWeek, double totalHoursLostPerWeek, String priority,
			boolean returnedToPm) {
	}

	/**
	 * {@code person} joins the open case with their numbers (again: their new numbers
	 * replace the old).
	 */
	public Reach join(String processInstanceId, AlsoAffected.Person person) {
		if (person.person().equals(this.runtime.getVariable(processInstanceId, REPORTER))) {
			throw new IllegalArgumentException(person.person() + " reported this case");
		}
		return joinAll(processInstanceId, List.of(person));
	}

	/**
	 * Several people join the open case at once (a merged duplicate's reporter and
	 * everyone who had joined the duplicate); the case's own reporter among them keeps
	 * the numbers of the report. The caller holds the case ({@link CaseLock}) before it
	 * reads anything of it, so that people joining at the same moment take turns.
	 */
	public Reach joinAll(String processInstanceId, List<AlsoAffected.Person> people) {
		Map<String, Object> vars = stillOpen(processInstanceId,
				() -> this.runtime.getVariables(processInstanceId, List.of(REPORTER, ALSO_AFFECTED, FOLLOWERS)));
		Object alsoAffected = vars.get(ALSO_AFFECTED);
		String followers = CaseData.FOLLOWERS.from(vars);
		for (AlsoAffected.Person person : people) {
			if (!person.person().equals(vars.get(REPORTER))) {
				alsoAffected = AlsoAffected.with(alsoAffected, person);
				followers = addFollower(followers, person.person());
			}
		}
		if (alsoAffected != vars.get(ALSO_AFFECTED)) {
			// no engine grant: followers read the case on its page, which leaves out the
			// other people on it
			this.runtime.setVariables(processInstanceId, Map.of(ALSO_AFFECTED, alsoAffected, FOLLOWERS, followers));
		}
		return recompute(processInstanceId);
	}

	/** The case's reach as it stands, without a change. */
	public Reach current(String processInstanceId) {
		Map<String, Object> vars = stillOpen(processInstanceId, () -> this.runtime.getVariables(processInstanceId,
				List.of(REPORTER, PEOPLE_AFFECTED_PER_WEEK, HOURS_LOST_PER_WEEK, ALSO_AFFECTED, PRIORITY)));
		return new Reach(AlsoAffected.totalPeople(vars), AlsoAffected.totalHours(vars), CaseData.PRIORITY.from(vars),
				false);
	}

	/**
	 * Reach, score and priority from everyone's numbers; a backlog case may return to its
	 * PM.
	 */
	public Reach recompute(String processInstanceId) {
		Map<String, Object> vars = stillOpen(processInstanceId, () -> this.runtime.getVariables(processInstanceId));
		long people = AlsoAffected.totalPeople(vars);
		double hours = AlsoAffected.totalHours(vars);
		Urgency urgency = Urgency.valueOf(CaseData.URGENCY.from(vars));
		boolean evidence = !CaseData.EVIDENCE_LINKS.from(vars, "").isBlank();
		String priority = this.decisions.evaluateDecisionTableByKey("ReportPriority")
			.variables(Map.of(URGENCY, urgency.name(), "peopleAffectedPerWeek", people, "hoursLostPerWeek", hours))
			.evaluate()
			.getSingleResult()
			.getSingleEntry();
		Map<String, Object> reach = new HashMap<>();
		reach.put(TOTAL_PEOPLE_AFFECTED_PER_WEEK, people);
		reach.put(TOTAL_HOURS_LOST_PER_WEEK, hours);
		reach.put(SCORE, ProblemReportedInput.score(people, hours, urgency, evidence));
		reach.put(PRIORITY, priority);
		storeOnCase(processInstanceId, vars, reach);
		if (!priority.equals(vars.get(PRIORITY))) {
			for (Task task : this.tasks.createTaskQuery().processInstanceId(processInstanceId).list()) {
				this.tasks.setPriority(task.getId(), this.priorities.of(priority));
			}
		}
		boolean returned = returnIfParked(processInstanceId, vars, people, hours);
		log.info("{}: reach now {} people, {} hours per week, {}{}", vars.get("caseNumber"), people, hours, priority,
				returned ? "; back to the PM" : "");
		return new Reach(people, hours, priority, returned);
	}

	/**
	 * The case's variables, read in this transaction after another one ended the case and
	 * committed (two cases merged into each other at the same moment): none are left.
	 * That is a conflict like any other - the completion runs again and then finds the
	 * case closed (security/LoopBoundary).
	 */
	private static Map<String, Object> stillOpen(String processInstanceId, Supplier<Map<String, Object>> read) {
		try {
			Map<String, Object> vars = read.get();
			if (vars.get(REPORTER) != null) {
				return vars;
			}
		}
		catch (NullValueException ended) {
			// its execution is gone
		}
		throw new OptimisticLockingException("Case " + processInstanceId + " ended while people joined it");
	}

	private boolean returnIfParked(String processInstanceId, Map<String, Object> vars, long people, double hours) {
		boolean parked = this.runtime.createEventSubscriptionQuery()
			.processInstanceId(processInstanceId)
			.eventName(ProductOpsLoop.MESSAGE_EVIDENCE_GREW)
			.count() > 0;
		if (!parked) {
			return false;
		}
		double peopleAtDecision = CaseData.PEOPLE_AFFECTED_AT_DECISION.from(vars, 0).doubleValue();
		double hoursAtDecision = CaseData.HOURS_LOST_AT_DECISION.from(vars, 0).doubleValue();
		Map<String, Object> inputs = new HashMap<>();
		inputs.put("peopleGrowth", people / Math.max(peopleAtDecision, 1));
		inputs.put("hoursGrowth", hours / Math.max(hoursAtDecision, 1));
		inputs.put(TOTAL_HOURS_LOST_PER_WEEK, hours);
		inputs.put(HOURS_LOST_AT_DECISION, hoursAtDecision);
		var verdict = this.decisions.evaluateDecisionTableByKey("EvidenceReturn")
			.variables(inputs)
			.evaluate()
			.getSingleResult();
		if (!Boolean.TRUE.equals(verdict.getEntry("returnToPm"))) {
			return false;
		}
		// a case closed as WON'T DO is open again
		this.runtime.removeVariables(processInstanceId, List.of(CASE_OUTCOME, CLOSED_AT));
		// to all (that is, the one): none left is no error the engine would log
		boolean returned = !this.runtime.createMessageCorrelation(ProductOpsLoop.MESSAGE_EVIDENCE_GREW)
			.processInstanceId(processInstanceId)
			.setVariable(EVIDENCE_RETURN_REASON,
					verdict.getEntry(EVIDENCE_RETURN_REASON) + " People affected per week: "
							+ SubmittedInput.format(peopleAtDecision) + " then, " + people
							+ " now; hours lost per week: " + SubmittedInput.format(hoursAtDecision) + " then, "
							+ SubmittedInput.format(hours) + " now.")
			.correlateAllWithResult()
			.isEmpty();
		if (!returned) {
			// its revisit timer fired at the same moment (the job executor holds no
			// case):
			// run again, the case is back with its PM anyway
			throw new OptimisticLockingException("Case " + processInstanceId + " left the backlog meanwhile");
		}
		return true;
	}

	private void storeOnCase(String processInstanceId, Map<String, Object> stored, Map<String, Object> values) {
		Map<String, Object> changed = new HashMap<>();
		values.forEach((name, value) -> {
			if (!ChangedValues.sameValue(stored.get(name), value)) {
				changed.put(name, value);
			}
		});
		if (!changed.isEmpty()) {
			this.runtime.setVariables(processInstanceId, changed);
		}
	}

	/**
	 * Followers as the case keeps them: comma-separated, each once, in the order they
	 * joined.
	 */
	public static String addFollower(String followers, String person) {
		Set<String> all = new LinkedHashSet<>();
		if (followers != null) {
			for (String follower : followers.split(",")) {
				if (!follower.isBlank()) {
					all.add(follower.strip());
				}
			}
		}
		all.add(person);
		return String.join(",", all);
	}

	String now() {
		return this.clock.instant().toString();
	}

}
