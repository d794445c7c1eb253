package com.productops.notify;

import java.util.ArrayList;

import com.productops.loop.ProductOpsLoop;
import com.productops.ops.EngineSessions;
import com.productops.ops.HistoryEventFollowers;
import org.camunda.bpm.engine.impl.bpmn.parser.FailedJobRetryConfiguration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.DefaultJobRetryCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.persistence.entity.IncidentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.util.ParseUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Teaches the engine about notification jobs ({@link NotificationJobs}): runs them,
 * retries a failed send after the notifications' retry cycle (the engine retries jobs of
 * no BPMN activity at once), and puts the incident of one whose retries ran out on its
 * case, where Cockpit shows it with its "Retry".
 */
@Component
public class NotificationJobsPlugin extends AbstractProcessEnginePlugin {

	private final NotificationJobs jobs;

	private final NotificationProperties properties;

	private final JdbcTemplate jdbc;

	public NotificationJobsPlugin(NotificationJobs jobs, NotificationProperties properties, JdbcTemplate jdbc) {
		this.jobs = jobs;
		this.properties = properties;
		this.jdbc = jdbc;
	}

	/**
	 * A case that ends (or is deleted) keeps its notifications' incidents: they move off
	 * the case, whose row the engine deletes (their key to it would fail the step), to
	 * the loop's definition, where Cockpit still shows them with their "Retry".
	 */
	@Override
	public void postInit(ProcessEngineConfigurationImpl configuration) {
		HistoryEventFollowers.follow(configuration, this::moveIncidentsOfEnded);
	}

	private void moveIncidentsOfEnded(HistoryEvent event) {
		if (event instanceof HistoricProcessInstanceEventEntity instance && instance.getEndTime() != null
				&& ProductOpsLoop.PROCESS_KEY.equals(instance.getProcessDefinitionKey())) {
			// only incidents of no execution: the engine removes its own with the case
			this.jdbc.update("UPDATE ACT_RU_INCIDENT SET PROC_INST_ID_ = NULL "
					+ "WHERE PROC_INST_ID_ = ? AND EXECUTION_ID_ IS NULL", instance.getProcessInstanceId());
		}
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		if (configuration.getCustomJobHandlers() == null) {
			configuration.setCustomJobHandlers(new ArrayList<JobHandler>());
		}
		configuration.getCustomJobHandlers().add(this.jobs);
		EngineSessions.add(configuration, this.jobs.stepMails());
		String retryCycle = this.properties.retryCycle();
		configuration
			.setFailedJobCommandFactory((jobId, exception) -> new RetryCmd(jobId, exception, retryCycle, this.jobs));
		if (configuration.getCustomIncidentHandlers() == null) {
			configuration.setCustomIncidentHandlers(new ArrayList<IncidentHandler>());
		}
		configuration.getCustomIncidentHandlers().add(new OnTheCase());
	}

	private static boolean isNotification(JobEntity job) {
		return job != null && NotificationJobs.TYPE.equals(job.getJobHandlerType());
	}

	/**
	 * The engine's retry command; for a notification with the notifications' retry cycle.
	 */
	static final class RetryCmd extends DefaultJobRetryCmd {

		private final String retryCycle;

		private final NotificationJobs jobs;

		RetryCmd(String jobId, Throwable exception, String retryCycle, NotificationJobs jobs) {
			super(jobId, exception);
			this.retryCycle = retryCycle;
			this.jobs = jobs;
		}

		@Override
		public Object execute(CommandContext command) {
			if (!isNotification(getJob())) {
				return super.execute(command);
			}
			this.jobs.forgetSent(command, getJob(), this.exception);
			try {
				executeCustomStrategy(command, getJob(), null);
			}
			catch (Exception ex) {
				executeStandardStrategy(command);
			}
			return null;
		}

		@Override
		public FailedJobRetryConfiguration getFailedJobRetryConfiguration(JobEntity job, ActivityImpl activity) {
			return isNotification(job) ? ParseUtil.parseRetryIntervals(this.retryCycle)
					: super.getFailedJobRetryConfiguration(job, activity);
		}

	}

	/**
	 * The engine's failed-job incidents; a notification's is put on its case while the
	 * case runs (the job has no execution).
	 */
	static final class OnTheCase extends DefaultIncidentHandler {

		OnTheCase() {
			super(Incident.FAILED_JOB_HANDLER_TYPE);
		}

		@Override
		public Incident createIncident(IncidentContext context, String message) {
			Incident incident = super.createIncident(context, message);
			if (context.getExecutionId() == null && incident instanceof IncidentEntity entity) {
				CommandContext command = Context.getCommandContext();
				JobEntity job = command.getJobManager().findJobById(context.getConfiguration());
				// a case that ended already keeps its incidents on the loop's definition
				// (its row is gone: a key to it would fail the incident)
				if (isNotification(job)
						&& command.getExecutionManager().findExecutionById(job.getProcessInstanceId()) != null) {
					entity.setProcessInstanceId(job.getProcessInstanceId());
				}
			}
			return incident;
		}

	}

}
