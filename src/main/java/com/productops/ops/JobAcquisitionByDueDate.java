package com.productops.ops;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Date;

import com.productops.loop.BusinessClock;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.AcquirableJobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The job executor finds the due jobs through an index on their due dates instead of
 * reading every job. Its query (several times a second while cases move: every step that
 * adds a job wakes it) read ACT_RU_JOB from end to end, and that table holds a timer or
 * two of every open case (deadlines, verification windows, regression watch readings):
 * the cost grew with the number of open cases. Every job gets a due date (the engine's
 * {@code ensureJobDueDateNotNull}; a job without one would never be taken), the
 * acquisition asks for the earliest due first ({@code jobExecutorAcquireByDueDate}), and
 * an index on {@code DUEDATE_} answers it: the jobs due in the future are not read. The
 * engine's schema has no such index; this adds it where missing, on H2 and on PostgreSQL,
 * and gives a due date to jobs an earlier version left without one. A command that leaves
 * a job without a due date (engine REST lets an operator set "none") gives it "now": what
 * "none" meant to the job executor before.
 */
@Component
public class JobAcquisitionByDueDate extends AbstractProcessEnginePlugin {

	private static final Logger log = LoggerFactory.getLogger(JobAcquisitionByDueDate.class);

	public static final String INDEX = "OPS_IDX_JOB_DUEDATE";

	private final BusinessClock clock;

	public JobAcquisitionByDueDate(BusinessClock clock) {
		this.clock = clock;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		configuration.setEnsureJobDueDateNotNull(true);
		configuration.setJobExecutorAcquireByDueDate(true);
		// inside the command's context, after its work and before its changes are written
		if (configuration.getCustomPostCommandInterceptorsTxRequired() == null) {
			configuration.setCustomPostCommandInterceptorsTxRequired(new ArrayList<>());
		}
		configuration.getCustomPostCommandInterceptorsTxRequired().add(new DueDateKept());
		if (configuration.getCustomPostCommandInterceptorsTxRequiresNew() == null) {
			configuration.setCustomPostCommandInterceptorsTxRequiresNew(new ArrayList<>());
		}
		configuration.getCustomPostCommandInterceptorsTxRequiresNew().add(new DueDateKept());
	}

	/** Gives "now" to every job a command leaves without a due date. */
	private final class DueDateKept extends CommandInterceptor {

		@Override
		public <T> T execute(Command<T> command) {
			T result = this.next.execute(command);
			// the cache keeps jobs under this type: asked for JobEntity, it finds none
			for (AcquirableJobEntity cached : Context.getCommandContext()
				.getDbEntityManager()
				.getCachedEntitiesByType(AcquirableJobEntity.class)) {
				if (cached instanceof JobEntity job && job.getDuedate() == null) {
					job.setDuedate(Date.from(JobAcquisitionByDueDate.this.clock.instant()));
				}
			}
			return result;
		}

	}

	/** After the engine created or checked its schema, before any job is taken. */
	@Override
	public void postProcessEngineBuild(ProcessEngine engine) {
		ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine
			.getProcessEngineConfiguration();
		String jobs = configuration.getDatabaseTablePrefix() + "ACT_RU_JOB";
		configuration.getCommandExecutorTxRequired().execute(command -> {
			try (PreparedStatement due = connection(command)
				.prepareStatement("UPDATE " + jobs + " SET DUEDATE_ = ? WHERE DUEDATE_ IS NULL")) {
				due.setTimestamp(1, Timestamp.from(this.clock.instant()));
				int dated = due.executeUpdate();
				if (dated > 0) {
					log.info("{} jobs without a due date are due now", dated);
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Jobs without a due date could not be given one", ex);
			}
			return null;
		});
		try {
			configuration.getCommandExecutorTxRequired().execute(command -> {
				try (Statement index = connection(command).createStatement()) {
					index.execute("CREATE INDEX IF NOT EXISTS " + INDEX + " ON " + jobs + " (DUEDATE_)");
				}
				catch (SQLException ex) {
					throw new IllegalStateException(ex.getMessage(), ex);
				}
				return null;
			});
		}
		catch (RuntimeException ex) {
			// another node creating it at the same moment (PostgreSQL); without the
			// index, due jobs are still found, by reading every job
			log.warn("Index {} on {} not created: {}", INDEX, jobs, ex.getMessage());
		}
	}

	private static Connection connection(CommandContext command) {
		return command.getDbSqlSession().getSqlSession().getConnection();
	}

}
