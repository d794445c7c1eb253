package com.productops.notify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.productops.loop.BusinessClock;
import com.productops.loop.ProductOpsLoop;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextListener;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ByteArrayEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.MessageEntity;
import org.camunda.bpm.engine.repository.ResourceTypes;
import org.springframework.stereotype.Component;

/**
 * Notifications as jobs of the engine, added in the case's transaction (so a notification
 * exists exactly when the step it tells of was committed) and sent afterwards by
 * whichever node takes it. The mails of one step of a case go out in one job (a step
 * often tells the reporter and the next task's people at once), in a batch with other
 * cases' ({@link NotificationBatches}); every webhook call has a job of its own, which
 * the job executor sends at once (a slow receiver holds up no mail). A failed send is
 * retried after {@code productops.notifications.retry-cycle}; when the retries run out,
 * the job's incident shows on the case in Cockpit, where "Retry" sends it again. What to
 * send is stored, rendered, as the job's byte array and removed with the job. The job is
 * linked to the case's process instance but not to an execution: a case that ends with a
 * notification (rejected, closed) must not take it along. (A process instance per
 * notification did the same with about ten times the rows; see docs/benchmarks.md.)
 */
@Component
public class NotificationJobs implements JobHandler<NotificationJobs.Stored> {

	/** The job handler type, in ACT_RU_JOB.HANDLER_TYPE_. */
	public static final String TYPE = "product-ops-notification";

	private final Senders senders;

	private final ObjectMapper json;

	private final BusinessClock clock;

	public NotificationJobs(Senders senders, ObjectMapper json, BusinessClock clock) {
		this.senders = senders;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Adds the notification to the current command (a case step), for the case's process
	 * instance: a webhook call as a job of its own, a mail to the step's mail job.
	 */
	void add(Notification notification, String caseInstanceId, String processDefinitionId) {
		CommandContext command = Context.getCommandContext();
		if (Notification.MAIL.equals(notification.channel())) {
			command.getSession(StepMails.class).add(notification, caseInstanceId, processDefinitionId);
		}
		else {
			// the job executor's at once: a slow receiver holds up no mail
			addJob(command, bytes(notification), false, caseInstanceId, processDefinitionId);
		}
	}

	private void addJob(CommandContext command, byte[] notifications, boolean inBatch, String caseInstanceId,
			String processDefinitionId) {
		ByteArrayEntity content = new ByteArrayEntity("notification", notifications, ResourceTypes.RUNTIME);
		command.getByteArrayManager().insertByteArray(content);
		MessageEntity job = new MessageEntity();
		job.setJobHandlerType(TYPE);
		job.setJobHandlerConfiguration(new Stored(content.getId()));
		job.setProcessInstanceId(caseInstanceId);
		job.setProcessDefinitionId(processDefinitionId);
		job.setProcessDefinitionKey(ProductOpsLoop.PROCESS_KEY);
		// sends of one case need not wait for each other or for the case's own jobs
		job.setExclusive(false);
		// a batch's (NotificationBatches) until this due date, then the job executor's; a
		// webhook call is due now (a job without a due date is never taken:
		// ops/JobAcquisitionByDueDate)
		Instant now = this.clock.instant();
		job.setDuedate(Date.from(inBatch ? now.plus(NotificationBatches.JOB_EXECUTOR_AFTER) : now));
		command.getJobManager().send(job);
	}

	@Override
	public String getType() {
		return TYPE;
	}

	@Override
	public void execute(Stored configuration, ExecutionEntity execution, CommandContext command, String tenantId) {
		ByteArrayEntity content = command.getDbEntityManager()
			.selectById(ByteArrayEntity.class, configuration.contentId());
		if (content == null) {
			throw new IllegalStateException("The notification's content " + configuration.contentId() + " is gone");
		}
		// each one is sent, whatever happens to the others: one bad address holds up
		// none of the step's other mails
		List<Notification> notifications = notifications(content.getBytes());
		List<Integer> failed = new ArrayList<>();
		RuntimeException first = null;
		for (int i = 0; i < notifications.size(); i++) {
			Notification notification = notifications.get(i);
			try {
				if (Notification.MAIL.equals(notification.channel())) {
					this.senders.sendMail(notification.target(), notification.subject(), notification.text(),
							notification.html());
				}
				else {
					// the job's id is the delivery id: the same for every attempt, so a
					// receiver can drop a repeat
					this.senders.postWebhook(notification.target(), notification.event(), notification.text(),
							command.getCurrentJob().getId());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while sending " + notification.event(), ex);
			}
			catch (Exception ex) {
				failed.add(i);
				first = (first != null) ? first : new IllegalStateException(failure(notification, ex), ex);
			}
		}
		if (first != null) {
			throw new NotSent(failed, first);
		}
	}

	/**
	 * What an operator reads in the incident: what was not sent, and why (the recipients
	 * cut short: a group's list can be long, the incident's message is not).
	 */
	private static String failure(Notification notification, Exception ex) {
		String target = (notification.target().length() > 200) ? notification.target().substring(0, 200) + "..."
				: notification.target();
		String what = Notification.MAIL.equals(notification.channel())
				? "Mail \"" + notification.subject() + "\" to " + target
				: "Webhook " + notification.event() + " to " + target;
		return what + " not sent: " + ex.getMessage();
	}

	/**
	 * After a failed attempt (in the engine's retry command): the job keeps only what
	 * failed, so that the next attempt sends nothing twice.
	 */
	void forgetSent(CommandContext command, JobEntity job, Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof NotSent notSent) {
				ByteArrayEntity content = command.getDbEntityManager()
					.selectById(ByteArrayEntity.class, job.getJobHandlerConfigurationRaw());
				List<Notification> notifications = notifications(content.getBytes());
				if (notSent.failed.size() < notifications.size()) {
					content.setBytes(bytes(notSent.failed.stream().map(notifications::get).toList()));
				}
				return;
			}
		}
	}

	/**
	 * An attempt that failed to send some of the job's notifications (their indexes),
	 * with the first failure's message.
	 */
	static final class NotSent extends IllegalStateException {

		private final List<Integer> failed;

		NotSent(List<Integer> failed, RuntimeException first) {
			super(first.getMessage(), first.getCause());
			this.failed = List.copyOf(failed);
		}

	}

	@Override
	public Stored newConfiguration(String canonicalString) {
		return new Stored(canonicalString);
	}

	@Override
	public void onDelete(Stored configuration, JobEntity job) {
		Context.getCommandContext().getByteArrayManager().deleteByteArrayById(configuration.contentId());
	}

	/**
	 * The content of a pending job: its notifications in the order they are sent (for
	 * tests and operators). A job of a step's mails holds a list; any other (and any
	 * added before 2026-12-01) holds one.
	 */
	public List<Notification> notifications(byte[] content) {
		try {
			JsonNode stored = this.json.readTree(content);
			return stored.isArray() ? List.of(this.json.treeToValue(stored, Notification[].class))
					: List.of(this.json.treeToValue(stored, Notification.class));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Unreadable notification", ex);
		}
	}

	private byte[] bytes(Object notifications) {
		try {
			return this.json.writeValueAsString(notifications).getBytes(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The mails of the current command, per case: added as one job per case when the
	 * command closes, before it flushes (a listener of the command's context).
	 */
	final class StepMails implements Session, CommandContextListener {

		private final Map<List<String>, List<Notification>> perCase = new LinkedHashMap<>();

		void add(Notification mail, String caseInstanceId, String processDefinitionId) {
			this.perCase.computeIfAbsent(List.of(caseInstanceId, processDefinitionId), source -> new ArrayList<>())
				.add(mail);
		}

		@Override
		public void onCommandContextClose(CommandContext command) {
			this.perCase.forEach((source, mails) -> addJob(command, bytes(mails), true, source.get(0), source.get(1)));
			this.perCase.clear();
		}

		@Override
		public void onCommandFailed(CommandContext command, Throwable failure) {
			this.perCase.clear();
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
		}

	}

	/** Opens a command's {@link StepMails} and has the command tell it when it closes. */
	SessionFactory stepMails() {
		return new SessionFactory() {

			@Override
			public Class<?> getSessionType() {
				return StepMails.class;
			}

			@Override
			public Session openSession() {
				StepMails mails = new StepMails();
				Context.getCommandContext().registerCommandContextListener(mails);
				return mails;
			}

		};
	}

	/** A job's configuration: the id of its content (ACT_GE_BYTEARRAY). */
	public record Stored(String contentId) implements JobHandlerConfiguration {

		@Override
		public String toCanonicalString() {
			return this.contentId;
		}

	}

}
