package com.productops.story;

import static com.productops.loop.CaseVariables.*;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.productops.audit.CaseRecords;
import com.productops.audit.CaseTimeline;
import com.productops.intake.AlsoAffected;
import com.productops.loop.CaseData;
import com.productops.loop.CaseOutcome;
import com.productops.loop.CaseVariable;
import com.productops.loop.CaseVariables;
import com.productops.loop.Labels;
import com.productops.loop.PeopleNames;
import com.productops.loop.ProductOpsLoop;
import com.productops.security.AccessRules;
import com.productops.security.ApiCaller;
import com.productops.verification.ReportersVerdict;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

/**
 * A case as the people who reported or follow it read it: where it is in plain words,
 * what happens next and by when, and the whole conversation in order (the report, every
 * question and answer, the decision with its rationale, shipping, readings and the
 * verdict). Built from the engine's history with the labels of labels.properties.
 */
@Service
public class CaseStory {

	/**
	 * The values a story shows; the application's own bookkeeping (score, routing,
	 * counters) stays out.
	 */
	static final List<String> SHOWN = List.of(DESCRIPTION, FREQUENCY, PEOPLE_AFFECTED_PER_WEEK, HOURS_LOST_PER_WEEK,
			URGENCY, WORKAROUND, EVIDENCE_LINKS, TRIAGE_OUTCOME, TRIAGE_NOTE, DUPLICATE_OF, MORE_INFO, PM_DECISION,
			DECISION_RATIONALE, SUCCESS_METRIC, METRIC_DIRECTION, BASELINE_VALUE, TARGET_VALUE, VERIFICATION_WINDOW,
			REVISIT_ON, DELIVERY_REF, DELIVERY_URL, DELIVERY_NOTE, OBSERVED_VALUE, METRIC_NOTE, VERIFICATION_VERDICT,
			VERIFICATION_OUTCOME, VERIFICATION_NOTE, DUPLICATE_REPORTS, "value", CaseVariables.FIX_ANSWER,
			CaseVariables.HOURS_LOST_NOW, CaseVariables.FIX_NOTE, CaseVariables.WATCH_OBSERVED_VALUE,
			CaseVariables.WATCH_METRIC_NOTE, CaseVariables.WATCH_VERDICT, CaseVariables.REGRESSION_NOTE);

	/** Steps that are part of the conversation; gateways, rules and reminders are not. */
	private static final Set<String> KINDS = Set.of("STARTED", "TASK", "MESSAGE", "REOPENED", "ENDED", "READING",
			"CHANGED", "AUTOMATED");

	private static final Set<String> AUTOMATED_SHOWN = Set.of("Task_MergeIntoOriginal", "Task_OpenDeliveryTicket",
			"Task_ReadMetric", "Task_StartWatch", "Task_ReadWatchMetric", "Task_RecordRegression");

	/**
	 * Metric readings told one by one, the last recorded (the leads' timeline lists
	 * more): the story is the case's conversation, and a feed's readings would bury it.
	 */
	static final int READINGS_TOLD = 5;

	/** The labels of a "me too" line (labels.properties: meToo.*). */
	private static final String ME_TOO = "meToo";

	private static final String NOTE = "note";

	private final CaseTimeline history;

	private final HistoryService historyService;

	private final TaskService tasks;

	private final ManagementService management;

	private final CaseRecords records;

	private final PeopleNames people;

	private final ZoneId zone;

	CaseStory(CaseTimeline history, HistoryService historyService, TaskService tasks, ManagementService management,
			CaseRecords records, PeopleNames people, ZoneId zone) {
		this.history = history;
		this.records = records;
		this.people = people;
		this.historyService = historyService;
		this.tasks = tasks;
		this.management = management;
		this.zone = zone;
	}

	public record Field(String label, String value, boolean link) {
	}

	public record Line(Date at, String who, String headline, List<Field> fields) {
	}

	/**
	 * @param now where the case is, in plain words; null when closed
	 * @param dueAt by when the current step is due (a task's due date, or when a waiting
	 * period ends); null for a closed case that is still watched
	 * @param dueLabel what that date means ("Expected by", "Next metric reading")
	 * @param myTaskId the open task that waits for the caller (the question to a
	 * reporter), for a link to Tasklist
	 * @param myQuestion what that task asks, in words
	 * @param works closed because the change works
	 * @param mergedInto the case a merged report now follows
	 * @param following why the caller follows the case, in words; null if they do not
	 * @param reach how many people the problem affects and the hours they lose,
	 * everyone's
	 */
	public record Story(String caseNumber, String title, String area, String priority, String reporter, Date reportedAt,
			String reach, boolean open, String state, String now, String next, Date dueAt, String dueLabel,
			String outcome, boolean works, String myTaskId, String myQuestion, String mergedInto, boolean follower,
			String following, boolean mayRecordReading, String successMetric, List<Line> lines) {
	}

	/**
	 * Who may read a case's story: its reporter and followers, Product Ops, its PM group,
	 * leads and admins.
	 */
	public Optional<Story> of(String caseNumber, ApiCaller caller) {
		Optional<HistoricProcessInstance> found = this.historyService.createHistoricProcessInstanceQuery()
			.processDefinitionKey(ProductOpsLoop.PROCESS_KEY)
			.processInstanceBusinessKey(caseNumber.strip().toUpperCase())
			.list()
			.stream()
			.findFirst();
		if (found.isEmpty()) {
			return Optional.empty();
		}
		HistoricProcessInstance instance = found.get();
		Map<String, Object> stored = new HashMap<>();
		this.historyService.createHistoricVariableInstanceQuery()
			.processInstanceId(instance.getId())
			.list()
			.forEach(v -> stored.put(v.getName(), v.getValue()));
		Map<String, Object> vars = CaseData.readable(stored);
		boolean follower = followers(vars).contains(caller.user());
		boolean reporter = caller.user().equals(vars.get(REPORTER));
		boolean staff = caller.inAny(List.of(AccessRules.PRODUCT_OPS, AccessRules.LEADS, AccessRules.ADMINS))
				|| caller.groups().contains(vars.get(PM_GROUP));
		if (!reporter && !follower && !staff) {
			throw new NotYours();
		}
		CaseTimeline.Timeline timeline = this.history.timeline(instance.getBusinessKey(), READINGS_TOLD).orElseThrow();
		// people by their names, all of them in one look-up
		List<String> everyone = new ArrayList<>();
		everyone.add(CaseData.REPORTER.from(vars));
		timeline.entries().forEach(entry -> everyone.add(entry.who()));
		List<AlsoAffected.Person> meToos = CaseVariable
			.readableOr(() -> AlsoAffected.of(vars), List.<AlsoAffected.Person>of())
			.stream()
			.filter(person -> person.via() == AlsoAffected.Via.ME_TOO && isInstant(person.at()))
			.toList();
		meToos.forEach(person -> everyone.add(person.person()));
		Map<String, String> names = this.people.of(everyone);
		List<Line> lines = new ArrayList<>();
		Map<String, Date> waitingTasks = new LinkedHashMap<>();
		Date verificationStart = null;
		for (CaseTimeline.Entry entry : timeline.entries()) {
			if (!KINDS.contains(entry.kind())
					|| "AUTOMATED".equals(entry.kind()) && !AUTOMATED_SHOWN.contains(entry.stepId())) {
				continue;
			}
			boolean waiting = "TASK".equals(entry.kind()) && entry.endedAt() == null;
			if (waiting) {
				// of the questions to several people, the caller's own: another's
				// (created a moment apart) would tell when that one is answered
				if (!waitingTasks.containsKey(entry.stepId()) || caller.user().equals(entry.who())) {
					waitingTasks.put(entry.stepId(), toTheMinute(entry.due()));
				}
				if (ProductOpsLoop.TASK_VERIFY.equals(entry.stepId())) {
					verificationStart = entry.at();
				}
				continue;
			}
			// what a merge brought (other reporters' names, titles and evidence) is for
			// the people who work the case
			boolean shown = staff || !"CHANGED".equals(entry.kind());
			Map<String, CaseTimeline.Change> last = new LinkedHashMap<>();
			// a form's choice, then its result
			entry.changes().forEach(change -> last.put(change.variable(), change));
			List<Field> fields = last.values()
				.stream()
				.filter(change -> shown)
				.filter(change -> SHOWN.contains(change.variable()) && change.to() != null && !"".equals(change.to()))
				.sorted(Comparator.comparingInt(change -> SHOWN.indexOf(change.variable())))
				.map(change -> new Field(
						caller.user().equals(entry.who()) ? Labels.field(change.variable())
								: Labels.fieldOfOthers(change.variable()),
						Labels.told(change.variable(), change.to(), this.zone), DELIVERY_URL.equals(change.variable())))
				.toList();
			if ("CHANGED".equals(entry.kind()) && fields.isEmpty() && !mergedInto(entry)) {
				continue;
			}
			// "Is it fixed for you?": an answer, not a request withdrawn unanswered;
			// others' answers are for staff
			if (ProductOpsLoop.TASK_CONFIRM_FIX.equals(entry.stepId())
					&& (fields.isEmpty() || !staff && !caller.user().equals(entry.who()))) {
				continue;
			}
			String headline = switch (entry.kind()) {
				case "CHANGED" -> "A report of the same problem was merged into this case";
				case "ENDED" -> Labels.value(CASE_OUTCOME, vars.get(CASE_OUTCOME), this.zone);
				case "READING" -> entry.step(); // from where, measured when
				default -> Labels.step(entry.stepId(), entry.step());
			};
			// a step is told when it was done, not when it began waiting
			lines.add(new Line((entry.endedAt() != null) ? entry.endedAt() : entry.at(), names.get(entry.who()),
					headline, fields));
		}
		meToos.forEach(person -> lines.add(meToo(person, staff, caller.user(), names)));
		lines.sort(Comparator.comparing(Line::at));
		boolean open = instance.getEndTime() == null;
		String waitingAt = Labels.toldStep(new ArrayList<>(waitingTasks.keySet()));
		Date dueAt = waitingTasks.get(waitingAt);
		if (open && waitingAt == null) {
			// waiting for a timer or the delivery tool: the activity the case is at, and
			// when its timer is due
			waitingAt = this.historyService.createHistoricActivityInstanceQuery()
				.processInstanceId(instance.getId())
				.unfinished()
				.list()
				.stream()
				.map(a -> a.getActivityId())
				.filter(id -> Labels.now(id) != null)
				.findFirst()
				.orElse(null);
			dueAt = (waitingAt == null) ? null : timerDue(instance.getId(), waitingAt);
		}
		Task myTask = null;
		if (open) {
			myTask = this.tasks.createTaskQuery()
				.processInstanceId(instance.getId())
				// a question to the caller: Product Ops', or "Is it fixed for you?"
				.taskDefinitionKeyIn(ProductOpsLoop.TASK_PROVIDE_MORE_INFO, ProductOpsLoop.TASK_CONFIRM_FIX)
				.taskAssignee(caller.user())
				.list()
				.stream()
				.findFirst()
				.orElse(null);
		}
		Labels.Reader reader = new Labels.Reader(myTask != null, reporter);
		String outcome = CaseData.CASE_OUTCOME.from(vars);
		// closed (as working, or WON'T DO) and still watched: for the problem's return,
		// or for more evidence
		boolean watched = open && outcome != null;
		String now = watched && Labels.now("closed." + outcome) != null ? "closed." + outcome : waitingAt;
		boolean notAsked = follower && notAsked(instance.getId(), verificationStart, myTask, vars, caller);
		if (notAsked && ProductOpsLoop.TASK_CONFIRM_FIX.equals(now)) {
			now = ProductOpsLoop.TASK_VERIFY; // the people are asked, but not this one
		}
		if (!Objects.equals(now, waitingAt)) {
			dueAt = null; // closed for the people on it: only the end of a watch is due
		}
		// the case the problem lives on now, also when the original was merged in turn
		String duplicateOf = CaseOutcome.DUPLICATE.name().equals(outcome) ? CaseData.DUPLICATE_OF.from(vars) : null;
		String mergedInto = (duplicateOf == null) ? null
				: this.records.survivors(List.of(duplicateOf)).get(duplicateOf);
		boolean recorder = caller.inAny(List.of(AccessRules.PRODUCT_OPS, AccessRules.ADMINS, AccessRules.METRIC_FEEDS))
				|| caller.groups().contains(vars.get(PM_GROUP));
		boolean metric = !CaseData.SUCCESS_METRIC.from(vars, "").isBlank();
		return Optional.of(new Story(instance.getBusinessKey(), CaseData.TITLE.from(vars),
				Labels.value(AREA, vars.get(AREA), this.zone), Labels.value(PRIORITY, vars.get(PRIORITY), this.zone),
				names.get(CaseData.REPORTER.from(vars)), instance.getStartTime(),
				CaseVariable.readableOr(() -> AlsoAffected.reach(vars), Labels.unreadable()), open,
				Labels.value("state", watched ? "closed." + outcome : open ? "open" : "closed", this.zone),
				open ? Optional.ofNullable(Labels.now(now, reader)).orElse("In progress") : null,
				open ? Labels.next(now, reader) : null, dueAt, (dueAt == null) ? null : Labels.due(now),
				(outcome == null) ? null : Labels.value(CASE_OUTCOME, outcome, this.zone),
				CaseOutcome.WORKING.name().equals(outcome), (myTask == null) ? null : myTask.getId(),
				(myTask == null) ? null : question(myTask.getTaskDefinitionKey(), vars), mergedInto, follower,
				follower ? Labels.value("following",
						(CaseVariable.readableOr(() -> AlsoAffected.saidMeToo(vars, caller.user()), true)
								? AlsoAffected.Via.ME_TOO : AlsoAffected.Via.DUPLICATE)
								+ (notAsked ? ".NOT_ASKED" : open ? "" : ".CLOSED"),
						this.zone) : null,
				open && recorder && metric, metric ? CaseData.SUCCESS_METRIC.from(vars) : null, lines));
	}

	private static Date toTheMinute(Date due) {
		return (due == null) ? null : Date.from(due.toInstant().truncatedTo(ChronoUnit.MINUTES));
	}

	/**
	 * A follower who joined while the verification is under way: they were not asked "Is
	 * it fixed for you?" (no question of theirs, no answer, none asked of them since it
	 * began).
	 */
	private boolean notAsked(String instanceId, Date verificationStart, Task myTask, Map<String, Object> vars,
			ApiCaller caller) {
		return verificationStart != null && myTask == null
				&& CaseVariable.readableOr(() -> ReportersVerdict.of(vars), List.<ReportersVerdict.Answer>of())
					.stream()
					.noneMatch(answer -> caller.user().equals(answer.person()))
				&& !ReportersVerdict.askedIn(this.historyService, instanceId, verificationStart)
					.contains(caller.user());
	}

	/** A time as "me too" stores it (one changed by hand may not be). */
	private static boolean isInstant(String at) {
		try {
			return at != null && Instant.parse(at) != null;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * What the task waiting for the caller asks: Product Ops' question in its own words.
	 */
	private static String question(String taskId, Map<String, Object> vars) {
		String note = CaseData.TRIAGE_NOTE.from(vars);
		return ProductOpsLoop.TASK_PROVIDE_MORE_INFO.equals(taskId) && note != null && !note.isBlank()
				? Labels.question(taskId) + " “" + note.strip() + "”" : Labels.question(taskId);
	}

	/**
	 * When the case moves on by itself: the timer of the step it waits at or, waiting at
	 * a choice of events (a parked case: its revisit date, or more people saying "me
	 * too"; a watched case: its next reading), the first of the timers it waits for.
	 */
	private Date timerDue(String processInstanceId, String activityId) {
		List<Job> timers = this.management.createJobQuery()
			.processInstanceId(processInstanceId)
			.timers()
			.activityId(activityId)
			.list();
		if (timers.isEmpty()) {
			timers = this.management.createJobQuery()
				.processInstanceId(processInstanceId)
				.timers()
				.orderByJobDuedate()
				.asc()
				.listPage(0, 1);
		}
		return timers.stream().map(Job::getDuedate).findFirst().orElse(null);
	}

	/**
	 * Someone said "me too": their numbers count in the reach. Who they are and what they
	 * wrote is for themselves and the people who work the case.
	 */
	private Line meToo(AlsoAffected.Person person, boolean staff, String caller, Map<String, String> names) {
		boolean mine = caller.equals(person.person());
		boolean named = mine || staff;
		List<Field> fields = new ArrayList<>();
		fields.add(new Field(Labels.field(PEOPLE_AFFECTED_PER_WEEK),
				Labels.value(PEOPLE_AFFECTED_PER_WEEK, person.peopleAffectedPerWeek(), this.zone), false));
		fields.add(new Field(Labels.field(HOURS_LOST_PER_WEEK),
				Labels.value(HOURS_LOST_PER_WEEK, person.hoursLostPerWeek(), this.zone), false));
		if (named && person.note() != null && !person.note().isBlank()) {
			fields.add(new Field(Labels.field(NOTE), person.note(), false));
		}
		String headline = Labels.value(ME_TOO, mine ? "MINE" : named ? "NAMED" : "SOMEONE", this.zone);
		return new Line(Date.from(Instant.parse(person.at())), named ? names.get(person.person()) : null, headline,
				fields);
	}

	/**
	 * A duplicate was merged into the case (the merge changes its list of duplicate
	 * reports).
	 */
	private static boolean mergedInto(CaseTimeline.Entry entry) {
		return entry.changes().stream().anyMatch(change -> DUPLICATE_REPORTS.equals(change.variable()));
	}

	static List<String> followers(Map<String, Object> vars) {
		String text = CaseData.FOLLOWERS.from(vars, "");
		return text.isBlank() ? List.of() : Arrays.stream(text.split(",")).map(String::strip).toList();
	}

	/** The caller may not read this case; answered like a case that does not exist. */
	static class NotYours extends RuntimeException {

		NotYours() {
			super(null, null, false, false);
		}

	}

}
