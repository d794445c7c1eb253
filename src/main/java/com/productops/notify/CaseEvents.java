package com.productops.notify;

import static com.productops.loop.CaseVariables.CASE_NUMBER;
import static com.productops.loop.CaseVariables.DUPLICATE_OF;
import static com.productops.loop.CaseVariables.ITERATION;
import static com.productops.loop.CaseVariables.REGRESSION_NOTE;
import static com.productops.loop.CaseVariables.VERIFICATION_NOTE;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.productops.loop.CaseData;
import com.productops.loop.CaseDirectory;
import com.productops.loop.ProductOpsLoop;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns what happens to a case into a notification: the mail and the webhook payload as
 * the case is now ({@link NotificationContent}), to whom ({@link Recipients}), and the
 * jobs that send them ({@link NotificationJobs}: one for the step's mails, one per
 * webhook call). Runs in the case's transaction, so a notification exists exactly when
 * the step it reports was committed; sending happens afterwards (jobs with retries), so a
 * mail-server outage never blocks or loses a case. Used by the loop's BPMN as
 * {@code ${caseEvents.publish(execution, 'RECEIVED')}},
 * {@code ${caseEvents.taskCreated(task)}}, and by the SLA timers as
 * {@code ${caseEvents.remind(execution, 'Task_TriageReport')}} and
 * {@code ${caseEvents.escalate(...)}}.
 */
@Component("caseEvents")
public class CaseEvents {

	private static final Logger log = LoggerFactory.getLogger(CaseEvents.class);

	private final NotificationProperties properties;

	private final NotificationJobs jobs;

	private final MailTemplates templates;

	private final RuntimeService runtime;

	private final CaseDirectory cases;

	private final TaskService tasks;

	private final Recipients recipients;

	private final NotificationContent content;

	public CaseEvents(NotificationProperties properties, NotificationJobs jobs, MailTemplates templates,
			RuntimeService runtime, CaseDirectory cases, TaskService tasks, Recipients recipients,
			NotificationContent content) {
		this.properties = properties;
		this.jobs = jobs;
		this.templates = templates;
		this.runtime = runtime;
		this.cases = cases;
		this.tasks = tasks;
		this.recipients = recipients;
		this.content = content;
	}

	/** An event the reporter (and the reporters of merged duplicates) hear about. */
	public void publish(DelegateExecution execution, String event) {
		CaseEvent caseEvent = CaseEvent.valueOf(event);
		if (execution.isCanceled()) {
			// a cancelled step's end listener (the case deleted while it waited):
			// nothing happened to tell anyone
			log.debug("{} not told: {} was cancelled", caseEvent, execution.getCurrentActivityId());
			return;
		}
		Map<String, String> values = this.content.values(execution);
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
				.ifPresent(
						original -> values.put("originalTitle", CaseData.TITLE.from(this.runtime, original.getId())));
		}
		send(caseEvent, values, this.recipients.reporterAndFollowers(values), link, Source.of(execution));
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
		Map<String, String> values = this.content.values(task);
		String link = taskValues(values, task.getId(), task.getName(), task.getDueDate());
		send(event, values, this.recipients.workers(task.getAssignee(), task.getCandidates()), link, Source.of(task));
	}

	/** A task is due (its SLA timer fired): whoever has to do it is reminded. */
	public void remind(DelegateExecution execution, String taskDefinitionKey) {
		Task task = openTask(execution, taskDefinitionKey);
		Map<String, String> values = this.content.values(execution);
		String link = taskValues(values, task.getId(), task.getName(), task.getDueDate());
		send(CaseEvent.REMINDER, values,
				this.recipients.workers(task.getAssignee(), this.tasks.getIdentityLinksForTask(task.getId())), link,
				Source.of(execution));
	}

	/**
	 * A task is overdue: the leads hear about it (and the escalation stays in the case's
	 * history).
	 */
	public void escalate(DelegateExecution execution, String taskDefinitionKey) {
		Task task = openTask(execution, taskDefinitionKey);
		Map<String, String> values = this.content.values(execution);
		String link = taskValues(values, task.getId(), task.getName(), task.getDueDate());
		values.put("waitingFor",
				task.getAssignee() != null ? task.getAssignee()
						: String.join(", ",
								this.tasks.getIdentityLinksForTask(task.getId())
									.stream()
									.filter(l -> l.getGroupId() != null)
									.map(IdentityLink::getGroupId)
									.toList()));
		send(CaseEvent.ESCALATED, values, this.recipients.leads(), link, Source.of(execution));
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
		values.put("due", due == null ? "-" : this.content.format(due));
		return link;
	}

	private void send(CaseEvent event, Map<String, String> values, Set<String> people, String link, Source source) {
		if (!this.properties.enabled()) {
			return;
		}
		List<String> emails = this.recipients.emails(people);
		String caseNumber = values.get(CASE_NUMBER);
		// the step's mails in one job, each webhook call in its own:
		// a failing channel holds up no other
		if (this.properties.mail().enabled() && !emails.isEmpty()) {
			MailTemplates.Mail mail = this.templates.render(event, this.content.forPeople(values));
			this.jobs.add(Notification.mail(event, caseNumber, String.join(",", emails), mail), source.instanceId(),
					source.definitionId());
		}
		String payload = this.properties.webhooks().urls().isEmpty() ? null
				: this.content.payload(event, values, people, link);
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

}
