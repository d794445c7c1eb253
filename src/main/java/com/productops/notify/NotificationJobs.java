package com.productops.notify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.productops.loop.ProductOpsLoop;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ByteArrayEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.MessageEntity;
import org.camunda.bpm.engine.repository.ResourceTypes;
import org.springframework.stereotype.Component;

/**
 * Notifications as jobs of the engine's job executor: one job per notification and
 * channel, added in the case's transaction (so a notification exists exactly when the
 * step it tells of was committed) and sent afterwards by whichever node's job executor
 * takes it. A failed send is retried after {@code productops.notifications.retry-cycle};
 * when the retries run out, the job's incident shows on the case in Cockpit, where
 * "Retry" sends it again. What to send is stored, rendered, as the job's byte array and
 * removed with the job. The job is linked to the case's process instance but not to an
 * execution: a case that ends with a notification (rejected, closed) must not take it
 * along. (A process instance per notification did the same with about ten times the rows;
 * see docs/benchmarks.md.)
 */
@Component
public class NotificationJobs implements JobHandler<NotificationJobs.Stored> {

	/** The job handler type, in ACT_RU_JOB.HANDLER_TYPE_. */
	public static final String TYPE = "product-ops-notification";

	private final Senders senders;

	private final ObjectMapper json;

	public NotificationJobs(Senders senders, ObjectMapper json) {
		this.senders = senders;
		this.json = json;
	}

	/**
	 * Adds the notification's job to the current command (a case step), for the case's
	 * process instance.
	 */
	void add(Notification notification, String caseInstanceId, String processDefinitionId) {
		CommandContext command = Context.getCommandContext();
		ByteArrayEntity content = new ByteArrayEntity("notification", bytes(notification), ResourceTypes.RUNTIME);
		command.getByteArrayManager().insertByteArray(content);
		MessageEntity job = new MessageEntity();
		job.setJobHandlerType(TYPE);
		job.setJobHandlerConfiguration(new Stored(content.getId()));
		job.setProcessInstanceId(caseInstanceId);
		job.setProcessDefinitionId(processDefinitionId);
		job.setProcessDefinitionKey(ProductOpsLoop.PROCESS_KEY);
		// sends of one case need not wait for each other or for the case's own jobs
		job.setExclusive(false);
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
		Notification notification = notification(content.getBytes());
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
			throw new IllegalStateException(ex.getMessage(), ex);
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

	/** The content of a pending notification (for tests and operators). */
	public Notification notification(byte[] content) {
		try {
			return this.json.readValue(content, Notification.class);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Unreadable notification", ex);
		}
	}

	private byte[] bytes(Notification notification) {
		try {
			return this.json.writeValueAsString(notification).getBytes(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A job's configuration: the id of its content (ACT_GE_BYTEARRAY). */
	public record Stored(String contentId) implements JobHandlerConfiguration {

		@Override
		public String toCanonicalString() {
			return this.contentId;
		}

	}

}
