package com.productops.audit;

import static com.productops.loop.CaseVariables.ALSO_AFFECTED;
import static com.productops.loop.CaseVariables.ASKED_PERSON;
import static com.productops.loop.CaseVariables.FOLLOWERS;
import static com.productops.loop.CaseVariables.REPORTER;
import static com.productops.loop.CaseVariables.REPORTER_ANSWERS;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.productops.intake.AlsoAffected;
import com.productops.loop.BusinessClock;
import com.productops.loop.CaseVariables;
import com.productops.loop.Labels;
import com.productops.loop.PeopleNames;
import com.productops.loop.ProductOpsLoop;
import com.productops.verification.MetricReadings;
import com.productops.verification.ReportersVerdict;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.stereotype.Service;

/**
 * The timeline of one case, open or closed, from the engine's history: every step, who
 * did it, how long it waited, what was decided and which values changed.
 */
@Service
public class CaseTimeline {

	/**
	 * The kind of a task that ended without being done (its timer closed it, or the case
	 * moved on without it): a line of the leads' timeline without anyone who did it, and
	 * no line of the case page's story.
	 */
	static final String CLOSED = "CLOSED";

	/**
	 * Readings listed one by one, the latest; the earlier ones are one line (a feed that
	 * posts every minute leaves thousands).
	 */
	public static final int READINGS_LISTED = 50;

	/** Changes made outside any step this close together are one line (one request's). */
	private static final long AT_ONCE_MILLIS = 1_000;

	private final HistoryService history;

	private final BusinessClock clock;

	private final MetricReadings readings;

	private final CaseSearch search;

	private final PeopleNames names;

	public CaseTimeline(HistoryService history, BusinessClock clock, MetricReadings readings, CaseSearch search,
			PeopleNames names) {
		this.history = history;
		this.clock = clock;
		this.readings = readings;
		this.search = search;
		this.names = names;
	}

	/**
	 * A value that changed, with its label and both values as people read them
	 * (labels.properties).
	 */
	public record Change(String variable, Object from, Object to, String label, String fromText, String toText) {

		/**
		 * The variables that hold people's logins (followers: a comma-separated list).
		 */
		static final Set<String> PEOPLE = Set.of(REPORTER, FOLLOWERS, ASKED_PERSON);

		Change(String variable, Object from, Object to, ZoneId zone) {
			this(variable, from, to, Labels.fieldOfOthers(variable),
					(from == null) ? null : Labels.value(variable, from, zone),
					(to == null) ? null : Labels.value(variable, to, zone));
		}

		/** The logins this change names. */
		List<String> people() {
			return PEOPLE.contains(this.variable)
					? Stream.of(this.from, this.to).flatMap(value -> logins(value).stream()).toList() : List.of();
		}

		/**
		 * The same change with people by name: in the values that hold logins, and in the
		 * lists of everyone affected and of the reporters' answers (their people are the
		 * reporter and the followers, whose names the timeline has looked up).
		 */
		Change named(Map<String, String> names) {
			if (PEOPLE.contains(this.variable)) {
				return new Change(this.variable, this.from, this.to, this.label, named(this.from, names, this.fromText),
						named(this.to, names, this.toText));
			}
			if (ALSO_AFFECTED.equals(this.variable) || REPORTER_ANSWERS.equals(this.variable)) {
				return new Change(this.variable, this.from, this.to, this.label, listNamed(this.from, names),
						listNamed(this.to, names));
			}
			return this;
		}

		private String listNamed(Object value, Map<String, String> names) {
			if (!(value instanceof String json)) {
				return null;
			}
			return ALSO_AFFECTED.equals(this.variable) ? AlsoAffected.describe(json, names)
					: ReportersVerdict.describe(json, ZoneId.systemDefault(), names);
		}

		private static String named(Object value, Map<String, String> names, String text) {
			return (value instanceof String) ? logins(value).stream()
				.map(login -> names.getOrDefault(login, login))
				.collect(Collectors.joining(", ")) : text;
		}

		/** The logins of a value that holds people ("olivia" or "otto, sam"). */
		private static List<String> logins(Object value) {
			return (value instanceof String list)
					? Arrays.stream(list.split(",")).map(String::strip).filter(login -> !login.isEmpty()).toList()
					: List.of();
		}

	}

	/**
	 * One line of a case's timeline.
	 *
	 * @param kind STARTED, TASK, AUTOMATED, TIMER, MESSAGE, REOPENED, NOTIFIED (a
	 * reminder or escalation), ENDED, OPERATION (a change made through the API or
	 * Cockpit, by whom), CHANGED (case data changed outside any step) or READING (a
	 * reading of the success metric was posted, by whom)
	 * @param who who completed the task or made the change (null for automated steps)
	 * @param waitedHours for tasks: from creation to completion (or until now while open)
	 * @param overdue for tasks: completed after, or still open past, the due date
	 */
	public record Entry(Date at, Date endedAt, String kind, String stepId, String step, String who, Double waitedHours,
			Date due, Boolean overdue, List<Change> changes, String whoName) {

		Entry(Date at, Date endedAt, String kind, String stepId, String step, String who, Double waitedHours, Date due,
				Boolean overdue, List<Change> changes) {
			this(at, endedAt, kind, stepId, step, who, waitedHours, due, overdue, changes, null);
		}

		Entry named(Map<String, String> names) {
			return new Entry(this.at, this.endedAt, this.kind, this.stepId, this.step, this.who, this.waitedHours,
					this.due, this.overdue, this.changes.stream().map(change -> change.named(names)).toList(),
					names.get(this.who));
		}

	}

	public record Timeline(CaseSearch.CaseSummary summary, List<Entry> entries) {
	}

	public Optional<Timeline> timeline(String caseNumber) {
		return timeline(caseNumber, READINGS_LISTED);
	}

	/** With {@code readingsListed} readings one by one, the last recorded. */
	public Optional<Timeline> timeline(String caseNumber, int readingsListed) {
		return timeline(this.history.createHistoricProcessInstanceQuery()
			.processDefinitionKey(ProductOpsLoop.PROCESS_KEY)
			.processInstanceBusinessKey(caseNumber.strip().toUpperCase()), readingsListed);
	}

	/**
	 * For Cockpit's process instance page, which knows the instance, not the case number.
	 */
	public Optional<Timeline> timelineOfInstance(String processInstanceId) {
		return timeline(this.history.createHistoricProcessInstanceQuery()
			.processDefinitionKey(ProductOpsLoop.PROCESS_KEY)
			.processInstanceId(processInstanceId), READINGS_LISTED);
	}

	private Optional<Timeline> timeline(HistoricProcessInstanceQuery query, int readingsListed) {
		return query.list().stream().findFirst().map(instance -> {
			CaseSearch.CaseSummary summary = this.search.summary(instance);
			List<Entry> entries = entries(instance.getId(), summary.reporter());
			MetricReadings.Recent readings = this.readings.recent(instance.getBusinessKey(), readingsListed);
			ZoneId zone = this.clock.getZone();
			if (readings.earlier() > 0) {
				// the ones before: one line, not a page of a feed's readings
				String first = Labels.dateTime(Date.from(readings.firstRecorded()), zone);
				String last = Labels.dateTime(Date.from(readings.lastEarlier()), zone);
				entries.add(new Entry(Date.from(readings.firstRecorded()), null, "READING", "metricReading",
						Labels.counted(readings.earlier(), "earlier metric reading", "earlier metric readings")
								+ ", recorded " + (first.equals(last) ? first : "between " + first + " and " + last)
								+ " (only the latest " + readingsListed + " are listed)",
						null, null, null, null, List.of()));
			}
			for (MetricReadings.MetricReading reading : readings.latest()) {
				entries.add(new Entry(Date.from(reading.recordedAt()), null, "READING", "metricReading",
						"Metric reading from " + reading.source() + ", measured "
								+ Labels.dateTime(Date.from(reading.timestamp()), zone),
						reading.recordedBy(), null, null, null,
						List.of(new Change("value", null, reading.value(), zone))));
			}
			entries.sort(Comparator.comparing(Entry::at));
			List<String> people = new ArrayList<>(entries.stream().map(Entry::who).toList());
			entries.forEach(entry -> entry.changes().forEach(change -> people.addAll(change.people())));
			Map<String, String> names = this.names.of(people);
			return new Timeline(summary, entries.stream().map(entry -> entry.named(names)).toList());
		});
	}

	private List<Entry> entries(String processInstanceId, String reporter) {
		Map<String, List<TimedChange>> changesByActivity = changes(processInstanceId);
		Map<String, HistoricTaskInstance> tasksByActivity = new HashMap<>();
		this.history.createHistoricTaskInstanceQuery()
			.processInstanceId(processInstanceId)
			.list()
			.forEach(task -> tasksByActivity.put(task.getActivityInstanceId(), task));
		List<UserOperationLogEntry> operations = this.history.createUserOperationLogQuery()
			.processInstanceId(processInstanceId)
			.list();
		Map<String, String> completedBy = new HashMap<>();
		List<Entry> entries = new ArrayList<>();
		for (UserOperationLogEntry operation : operations) {
			if (operation.getTaskId() != null
					&& UserOperationLogEntry.OPERATION_TYPE_COMPLETE.equals(operation.getOperationType())) {
				completedBy.put(operation.getTaskId(), operation.getUserId());
			}
		}
		Date now = this.clock.date();
		for (HistoricActivityInstance activity : this.history.createHistoricActivityInstanceQuery()
			.processInstanceId(processInstanceId)
			.orderPartiallyByOccurrence()
			.asc()
			.list()) {
			String kind = kind(activity);
			if (kind == null) {
				continue;
			}
			List<TimedChange> timed = new ArrayList<>(changesByActivity.getOrDefault(activity.getId(), List.of()));
			changesByActivity.remove(activity.getId());
			if ("STARTED".equals(kind)) {
				// what the report said: the start form's values, stored on the case as it
				// started
				List<TimedChange> atStart = changesByActivity.getOrDefault(processInstanceId, new ArrayList<>());
				atStart.stream().filter(c -> !c.at().after(activity.getEndTime())).forEach(timed::add);
				atStart.removeIf(c -> !c.at().after(activity.getEndTime()));
			}
			List<Change> changes = merged(timed);
			HistoricTaskInstance task = tasksByActivity.get(activity.getId());
			if (task != null) {
				Date end = task.getEndTime();
				double waited = ((end == null ? now : end).getTime() - task.getStartTime().getTime()) / 3_600_000.0;
				Date due = task.getDueDate();
				// a question its timer closed, a task the case moved on without: nobody
				// did it
				boolean closed = end != null && !TaskEntity.DELETE_REASON_COMPLETED.equals(task.getDeleteReason());
				entries.add(new Entry(activity.getStartTime(), end, closed ? CLOSED : kind, activity.getActivityId(),
						Labels.step(activity.getActivityId(), activity.getActivityName()),
						closed ? null : completedBy.getOrDefault(task.getId(), task.getAssignee()),
						Math.round(waited * 1000) / 1000.0, due, due != null && (end == null ? now : end).after(due),
						changes));
			}
			else {
				entries.add(new Entry(activity.getStartTime(), activity.getEndTime(), kind, activity.getActivityId(),
						(activity.getEndTime() == null)
								? Labels.waiting(activity.getActivityId(), activity.getActivityName())
								: Labels.step(activity.getActivityId(), activity.getActivityName()),
						"STARTED".equals(kind) ? reporter : null, null, null, null, changes));
			}
		}
		// changes made outside any step: through the API (e.g. recording the metric) or
		// Cockpit
		List<TimedChange> unplaced = new ArrayList<>();
		changesByActivity.values().forEach(unplaced::addAll);
		for (UserOperationLogEntry operation : operations) {
			if (operation.getTaskId() == null && operation.getEntityType() != null
					&& !UserOperationLogEntry.OPERATION_TYPE_CREATE.equals(operation.getOperationType())) {
				// the changes the operation made: the variable history names the
				// operation
				List<Change> changes = unplaced.stream()
					.filter(c -> operation.getOperationId().equals(c.operationId()))
					.map(TimedChange::change)
					.toList();
				unplaced.removeIf(c -> operation.getOperationId().equals(c.operationId()));
				entries.add(new Entry(operation.getTimestamp(), null, "OPERATION", operation.getOperationType(),
						Labels.operation(operation.getOperationType(), operation.getEntityType()),
						operation.getUserId(), null, null, null, changes));
			}
		}
		// the rest as one line per moment: a "me too" changes six values at once
		unplaced.sort(Comparator.comparing(TimedChange::at));
		List<TimedChange> atOnce = new ArrayList<>();
		for (TimedChange change : unplaced) {
			if (!atOnce.isEmpty() && change.at().getTime() - atOnce.get(0).at().getTime() > AT_ONCE_MILLIS) {
				entries.add(changed(atOnce));
				atOnce.clear();
			}
			atOnce.add(change);
		}
		if (!atOnce.isEmpty()) {
			entries.add(changed(atOnce));
		}
		entries.sort(Comparator.comparing(Entry::at));
		return entries;
	}

	/**
	 * Variable updates grouped by the step they happened in, each with the value it
	 * replaced. A value stored again unchanged (the input rules normalise what a form
	 * sent) is not a change, nor is an empty field ("" for nothing).
	 */
	private Map<String, List<TimedChange>> changes(String processInstanceId) {
		Map<String, Object> last = new HashMap<>();
		Map<String, List<TimedChange>> byActivity = new LinkedHashMap<>();
		for (HistoricDetail detail : this.history.createHistoricDetailQuery()
			.processInstanceId(processInstanceId)
			.variableUpdates()
			.orderPartiallyByOccurrence()
			.asc()
			.list()) {
			HistoricVariableUpdate update = (HistoricVariableUpdate) detail;
			if (!CaseVariables.ALL.contains(update.getVariableName())) {
				// the engine's own bookkeeping (nrOfInstances, loopCounter of the
				// reporters' questions)
				continue;
			}
			// by variable instance: two people's answers (each on their own task), or a
			// value removed at a re-open and set again in the next iteration, are
			// different variables that happen to share a name
			boolean known = last.containsKey(update.getVariableInstanceId());
			Object previous = last.put(update.getVariableInstanceId(), update.getValue());
			if (same(previous, update.getValue()) && (known || update.getValue() == null)
					|| isEmpty(previous) && isEmpty(update.getValue())) {
				// stored again unchanged, or an empty field of a form (null or "")
				continue;
			}
			byActivity.computeIfAbsent(update.getActivityInstanceId(), id -> new ArrayList<>())
				.add(new TimedChange(update.getTime(), update.getUserOperationId(),
						new Change(update.getVariableName(), previous, update.getValue(), this.clock.getZone())));
		}
		return byActivity;
	}

	/**
	 * A step's changes in the order they happened, one per field: a value cleared as the
	 * step began and set as it was done (a decision made anew) reads as one change from
	 * the old value to the new.
	 */
	private List<Change> merged(List<TimedChange> timed) {
		Map<String, Change> byField = new LinkedHashMap<>();
		// cleared and set again in the step (a case decided anew): what was chosen, even
		// if it is what was chosen last time
		Set<String> chosenAgain = new HashSet<>();
		timed.stream().sorted(Comparator.comparing(TimedChange::at)).map(TimedChange::change).forEach(change -> {
			Change before = byField.get(change.variable());
			if (before != null && isEmpty(before.to()) && !isEmpty(change.to())) {
				chosenAgain.add(change.variable());
			}
			byField.put(change.variable(), (before == null) ? change
					: new Change(change.variable(), before.from(), change.to(), this.clock.getZone()));
		});
		return byField.values()
			.stream()
			.filter(change -> (chosenAgain.contains(change.variable()) || !same(change.from(), change.to()))
					&& !(isEmpty(change.from()) && isEmpty(change.to())))
			// chosen again as it was: what was chosen, not "Build now → Build now"
			.map(change -> same(change.from(), change.to())
					? new Change(change.variable(), null, change.to(), this.clock.getZone()) : change)
			.toList();
	}

	private static Entry changed(List<TimedChange> atOnce) {
		return new Entry(atOnce.get(0).at(), null, "CHANGED", atOnce.get(0).change().variable(), "Case data changed",
				null, null, null, null, atOnce.stream().map(TimedChange::change).toList());
	}

	/**
	 * A change, and the operation of the operation log that made it (null: a step of the
	 * process).
	 */
	private record TimedChange(Date at, String operationId, Change change) {
	}

	private static boolean isEmpty(Object value) {
		return value == null || "".equals(value);
	}

	private static boolean same(Object a, Object b) {
		if (a instanceof Number x && b instanceof Number y) {
			return x.doubleValue() == y.doubleValue();
		}
		return Objects.equals(a, b);
	}

	/** What kind of line of a timeline an activity is; null: none (plumbing). */
	static String kind(HistoricActivityInstance activity) {
		return kind(activity.getActivityType(), activity.getActivityId(),
				activity.getProcessInstanceId().equals(activity.getParentActivityInstanceId()));
	}

	/**
	 * Whether any page reads this step of a case from the history: the timeline's kinds,
	 * and the steps a case is said to wait at (Labels.now). The engine's plumbing
	 * (gateways passed through, a sub-process and its own start and end) is in none of
	 * them, and its history is not written (ops/UnreadHistoryFilter): a page that reads
	 * another step must say so here.
	 */
	public static boolean isRead(String activityType, String activityId, boolean topLevel) {
		return kind(activityType, activityId, topLevel) != null || Labels.now(activityId) != null;
	}

	private static String kind(String type, String activityId, boolean topLevel) {
		if (ProductOpsLoop.TASK_REOPEN_CASE.equals(activityId)) {
			return "REOPENED";
		}
		return switch (type) {
			// the case's own start and end; those of a sub-process are plumbing
			case "startEvent" -> topLevel ? "STARTED" : null;
			case "userTask" -> "TASK";
			case "serviceTask", "businessRuleTask" -> "AUTOMATED";
			case "intermediateTimer", "boundaryTimer" -> "TIMER";
			case "boundaryMessage", "intermediateMessageCatch" -> "MESSAGE";
			case "noneEndEvent" -> topLevel ? "ENDED" : null;
			case "messageEndEvent" -> "NOTIFIED"; // SLA reminders and escalations
			default -> null; // gateways and other plumbing
		};
	}

}
