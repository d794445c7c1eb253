package com.productops.notify;

import static com.productops.loop.CaseVariables.CASE_NUMBER;
import static com.productops.loop.CaseVariables.DUPLICATE_OF;
import static com.productops.loop.CaseVariables.FOLLOWERS;
import static com.productops.loop.CaseVariables.ITERATION;
import static com.productops.loop.CaseVariables.PM_DECISION;
import static com.productops.loop.CaseVariables.REGRESSION_NOTE;
import static com.productops.loop.CaseVariables.REPORTER;
import static com.productops.loop.CaseVariables.REVISIT_ON;
import static com.productops.loop.CaseVariables.TITLE;
import static com.productops.loop.CaseVariables.VERIFICATION_NOTE;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.productops.loop.BusinessClock;
import com.productops.loop.CaseDirectory;
import com.productops.loop.CaseVariables;
import com.productops.loop.FormDisplayValues;
import com.productops.loop.Labels;
import com.productops.loop.ProductOpsLoop;
import com.productops.loop.SlaProperties;
import com.productops.security.AccessRules;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns what happens to a case into a notification: renders the mail and the webhook
 * payload as the case is now, finds the recipients, and adds a job per channel that sends
 * them ({@link NotificationJobs}). Runs in the case's transaction, so a notification
 * exists exactly when the step it reports was committed; sending happens afterwards (jobs
 * with retries), so a mail-server outage never blocks or loses a case. Used by the loop's
 * BPMN as {@code ${caseEvents.publish(execution, 'RECEIVED')}},
 * {@code ${caseEvents.taskCreated(task)}}, and by the SLA timers as
 * {@code ${caseEvents.remind(execution, 'Task_TriageReport')}} and
 * {@code ${caseEvents.escalate(...)}}.
 */
@Component("caseEvents")
public class CaseEvents {

	private static final Logger log = LoggerFactory.getLogger(CaseEvents.class);

	private static final int MAX_DETAIL = 1000;

	private final NotificationProperties properties;

	private final NotificationJobs jobs;

	private final MailTemplates templates;

	private final RuntimeService runtime;

	private final CaseDirectory cases;

	private final TaskService tasks;

	private final IdentityService identity;

	private final ObjectMapper json;

	private final SlaProperties sla;

	private final BusinessClock clock;

	public CaseEvents(NotificationProperties properties, NotificationJobs jobs, MailTemplates templates,
			RuntimeService runtime, CaseDirectory cases, TaskService tasks, IdentityService identity, ObjectMapper json,
			SlaProperties sla, BusinessClock clock) {
		this.clock = clock;
		this.properties = properties;
		this.jobs = jobs;
		this.templates = templates;
		this.runtime = runtime;
		this.cases = cases;
		this.tasks = tasks;
		this.identity = identity;
		this.json = json;
		this.sla = sla;
	}

	/** An event the reporter (and the reporters of merged duplicates) hear about. */
	public void publish(DelegateExecution execution, String event) {
		CaseEvent caseEvent = CaseEvent.valueOf(event);
		Map<String, String> values = values(execution);
		// the case page: where the case is, what happens next, the whole conversation
		String link = this.properties.baseUrl() + "/cases/" + values.get(CASE_NUMBER);
		values.put("link", link);
		if (caseEvent == CaseEvent.REOPENED) {
			// told as the step begins, while the measurement that failed is still on the
			// case
			values.put("nextIteration", String.valueOf(Integer.parseInt(values.getOrDefault(ITERATION, "1")) + 1));
			values.put("reopenReason", values.containsKey(REGRESSION_NOTE) ? values.get(REGRESSION_NOTE)
					: "the verification found it not working. " + values.getOrDefault(VERIFICATION_NOTE, ""));
		}
		if (caseEvent == CaseEvent.DUPLICATE) {
			this.cases.findOpen(values.get(DUPLICATE_OF))
				.ifPresent(original -> values.put("originalTitle",
						String.valueOf(this.runtime.getVariable(original.getId(), TITLE))));
		}
		Set<String> people = new LinkedHashSet<>();
		people.add(values.get(REPORTER));
		for (String follower : values.getOrDefault(FOLLOWERS, "").split(",")) {
			if (!follower.isBlank()) {
				people.add(follower.strip());
			}
		}
		send(caseEvent, values, people, link, Source.of(execution));
	}

	/**
	 * A task was created: its assignee, or else the members of its candidate groups, hear
	 * about it.
	 */
	public void taskCreated(DelegateTask task) {
		// the questions to the reporter are case events of their own
		CaseEvent event = switch (task.getTaskDefinitionKey()) {
			case ProductOpsLoop.TASK_PROVIDE_MORE_INFO -> CaseEvent.NEEDS_INFO;
			case ProductOpsLoop.TASK_CONFIRM_FIX -> CaseEvent.FIX_CHECK;
			default -> CaseEvent.TASK_CREATED;
		};
		Map<String, String> values = values(task);
		String link = taskValues(values, task.getId(), task.getName(), task.getDueDate());
		send(event, values, workers(task.getAssignee(), task.getCandidates()), link, Source.of(task));
	}

	/** A task is due (its SLA timer fired): whoever has to do it is reminded. */
	public void remind(DelegateExecution execution, String taskDefinitionKey) {
		Task task = openTask(execution, taskDefinitionKey);
		Map<String, String> values = values(execution);
		String link = taskValues(values, task.getId(), task.getName(), task.getDueDate());
		send(CaseEvent.REMINDER, values, workers(task.getAssignee(), this.tasks.getIdentityLinksForTask(task.getId())),
				link, Source.of(execution));
	}

	/**
	 * A task is overdue: the leads hear about it (and the escalation stays in the case's
	 * history).
	 */
	public void escalate(DelegateExecution execution, String taskDefinitionKey) {
		Task task = openTask(execution, taskDefinitionKey);
		Map<String, String> values = values(execution);
		String link = taskValues(values, task.getId(), task.getName(), task.getDueDate());
		values.put("waitingFor",
				task.getAssignee() != null ? task.getAssignee()
						: String.join(", ",
								this.tasks.getIdentityLinksForTask(task.getId())
									.stream()
									.filter(l -> l.getGroupId() != null)
									.map(IdentityLink::getGroupId)
									.toList()));
		Set<String> leads = new LinkedHashSet<>();
		this.identity.createUserQuery()
			.memberOfGroup(AccessRules.LEADS)
			.list()
			.forEach(user -> leads.add(user.getId()));
		send(CaseEvent.ESCALATED, values, leads, link, Source.of(execution));
	}

	private Task openTask(DelegateExecution execution, String taskDefinitionKey) {
		return this.tasks.createTaskQuery()
			.processInstanceId(execution.getProcessInstanceId())
			.taskDefinitionKey(taskDefinitionKey)
			.singleResult();
	}

	private String taskValues(Map<String, String> values, String taskId, String name, Date due) {
		String link = this.properties.baseUrl() + "/camunda/app/tasklist/default/#/?task=" + taskId;
		values.put("link", link);
		values.put("taskName", name);
		values.put("due", due == null ? "-" : format(due));
		return link;
	}

	/** The assignee, or else the members of the candidate groups. */
	private Set<String> workers(String assignee, Collection<IdentityLink> links) {
		Set<String> people = new LinkedHashSet<>();
		if (assignee != null) {
			people.add(assignee);
			return people;
		}
		for (IdentityLink link : links) {
			if (link.getGroupId() != null && "candidate".equals(link.getType())) {
				this.identity.createUserQuery()
					.memberOfGroup(link.getGroupId())
					.list()
					.forEach(user -> people.add(user.getId()));
			}
		}
		return people;
	}

	private void send(CaseEvent event, Map<String, String> values, Set<String> people, String link, Source source) {
		if (!this.properties.enabled()) {
			return;
		}
		List<String> emails = new ArrayList<>();
		if (!people.isEmpty()) {
			for (User user : this.identity.createUserQuery().userIdIn(people.toArray(String[]::new)).list()) {
				if (user.getEmail() != null && !user.getEmail().isBlank()) {
					emails.add(user.getEmail());
				}
			}
		}
		String caseNumber = values.get(CASE_NUMBER);
		// one job per channel: a failing channel holds up no other
		if (this.properties.mail().enabled() && !emails.isEmpty()) {
			MailTemplates.Mail mail = this.templates.render(event, forPeople(values));
			this.jobs.add(Notification.mail(event, caseNumber, String.join(",", emails), mail), source.instanceId(),
					source.definitionId());
		}
		String payload = this.properties.webhooks().urls().isEmpty() ? null : payload(event, values, people, link);
		for (String url : this.properties.webhooks().urls()) {
			this.jobs.add(Notification.webhook(event, caseNumber, url, payload), source.instanceId(),
					source.definitionId());
		}
		log.info("{}: {} notification for {}", caseNumber, event, emails);
	}

	/** The case a notification is about: its process instance and definition. */
	private record Source(String instanceId, String definitionId) {

		static Source of(DelegateExecution execution) {
			return new Source(execution.getProcessInstanceId(), execution.getProcessDefinitionId());
		}

		static Source of(DelegateTask task) {
			return new Source(task.getProcessInstanceId(), task.getProcessDefinitionId());
		}

	}

	private String payload(CaseEvent event, Map<String, String> values, Set<String> people, String link) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("event", event.name());
		payload.put("caseNumber", values.get(CASE_NUMBER));
		payload.put("title", values.get(TITLE));
		payload.put("occurredAt", this.clock.instant().toString());
		payload.put("recipients", people);
		payload.put("link", link);
		Map<String, String> caseData = new LinkedHashMap<>(values);
		caseData.remove("link");
		payload.put("case", caseData);
		try {
			return this.json.writeValueAsString(payload);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The case's variables as text, long texts cut, for templates and payloads. */
	private Map<String, String> values(VariableScope scope) {
		Map<String, String> values = new HashMap<>();
		scope.getVariables().forEach((name, value) -> {
			if (value == null) {
				return;
			}
			String text = (value instanceof Date date) ? format(date) : String.valueOf(value);
			values.put(name, text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + " ..." : text);
		});
		values.putIfAbsent(FOLLOWERS, "");
		values.put("triageDays", String.valueOf(this.sla.triageBusinessDays()));
		return values;
	}

	/**
	 * What a mail shows: codes as their labels (P1 – critical, 2 weeks, Dispatch product
	 * team); webhooks keep the codes, for the programs that read them.
	 */
	private Map<String, String> forPeople(Map<String, String> values) {
		Map<String, String> shown = new HashMap<>(values);
		for (String field : FormDisplayValues.LABELLED) {
			if (values.get(field) != null) {
				shown.put(field, Labels.value(field, values.get(field), this.clock.getZone()));
			}
		}
		if (values.get("waitingFor") != null) {
			shown.put("waitingFor",
					String.join(", ",
							Arrays.stream(values.get("waitingFor").split(",\\s*"))
								.map(group -> Labels.value(CaseVariables.PM_GROUP, group, this.clock.getZone()))
								.toList()));
		}
		if (values.get(REVISIT_ON) != null) {
			try {
				shown.put(REVISIT_ON, Labels.day(LocalDate.parse(values.get(REVISIT_ON))));
			}
			catch (DateTimeParseException ex) {
				// not a date: shown as it is
			}
		}
		decision(shown);
		return shown;
	}

	private static void decision(Map<String, String> values) {
		String decision = values.getOrDefault(PM_DECISION, "");
		values.put("decisionLabel", switch (decision) {
			case "BUILD" -> "we build it";
			case "BACKLOG" -> "in the backlog";
			case "WONT_DO" -> "we won't do it";
			default -> decision;
		});
		values.put("decisionDetail", switch (decision) {
			case "BUILD" -> "Success means: " + values.get("successMetric") + " from " + values.get("baselineValue")
					+ " to " + values.get("targetValue") + ", checked " + values.get("verificationWindow")
					+ " after shipping.";
			case "BACKLOG" -> "The product manager looks at it again on " + values.get(REVISIT_ON) + ".";
			default -> "";
		});
	}

	private String format(Date date) {
		return Labels.dateTime(date, this.clock.getZone());
	}

}
