package com.productops.notify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.productops.loop.BusinessClock;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Sends the mail jobs ({@link NotificationJobs}) of all cases in batches: every
 * {@code productops.notifications.batch-interval} one transaction takes the jobs added
 * since, runs them and commits once. A batch's mails share one connection to the mail
 * server.
 *
 * <p>
 * Why: the job executor runs one job per transaction, with a commit to take it and one to
 * end it, and most steps of a case add a mail job; those commits were most of what
 * notifications cost (docs/benchmarks.md). Each job of a batch gets what the job executor
 * would give it: run, deleted, a line in the job log; or, when a send fails, the engine's
 * retry command, so from then on the job executor retries it and its incident shows in
 * Cockpit as before. A mail job is due a minute after it was added: until then it is the
 * batches', after that the job executor's (no node ran a batch in time). Nodes share the
 * work through row locks: a batch skips the jobs another node's batch holds. Webhook
 * calls are not batched: the job executor sends them at once, side by side.
 */
@Component
public class NotificationBatches implements ApplicationRunner, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(NotificationBatches.class);

	/** How long a mail job waits for a batch before the job executor takes it. */
	static final Duration JOB_EXECUTOR_AFTER = Duration.ofMinutes(1);

	/** Jobs per transaction: bounds what a crash in the middle of a batch sends twice. */
	public static final int BATCH_SIZE = 20;

	/**
	 * A batch starts no further job after this long (a slow mail server): it holds its
	 * jobs' rows meanwhile, and none of them may fall due to the job executor before it
	 * ends.
	 */
	static final Duration BATCH_TIME = Duration.ofSeconds(15);

	/** A batch takes a job only while at least this much of its minute is left. */
	static final Duration LEFT_OF_MINUTE = Duration.ofSeconds(30);

	/**
	 * Mail jobs with enough of their minute left (after it, and once failed, a job is the
	 * job executor's; webhook jobs are due when added), not suspended; oldest first.
	 */
	private static final String PENDING = "SELECT ID_ FROM ACT_RU_JOB WHERE HANDLER_TYPE_ = ? AND DUEDATE_ > ? "
			+ "AND LOCK_OWNER_ IS NULL AND EXCEPTION_MSG_ IS NULL AND RETRIES_ > 0 AND SUSPENSION_STATE_ = 1 "
			+ "ORDER BY DUEDATE_ FETCH FIRST " + BATCH_SIZE + " ROWS ONLY FOR UPDATE SKIP LOCKED";

	private final ProcessEngineConfigurationImpl engine;

	private final NotificationProperties properties;

	private final Senders senders;

	private final BusinessClock clock;

	private final boolean jobExecution;

	private final ScheduledExecutorService rounds = Executors.newSingleThreadScheduledExecutor(task -> {
		Thread thread = new Thread(task, "notification-batches");
		thread.setDaemon(true);
		return thread;
	});

	NotificationBatches(ProcessEngine engine, NotificationProperties properties, Senders senders, BusinessClock clock,
			@Value("${camunda.bpm.job-execution.enabled:true}") boolean jobExecution) {
		this.engine = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
		this.properties = properties;
		this.senders = senders;
		this.clock = clock;
		this.jobExecution = jobExecution;
	}

	/** Batches run where jobs run: a node without a job executor sends nothing. */
	@Override
	public void run(ApplicationArguments args) {
		if (this.jobExecution) {
			long interval = this.properties.batchInterval().toMillis();
			this.rounds.scheduleWithFixedDelay(this::round, interval, interval, TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public void destroy() throws InterruptedException {
		this.rounds.shutdown();
		this.rounds.awaitTermination(30, TimeUnit.SECONDS);
	}

	private void round() {
		try {
			// a full batch: more may be waiting (unless the node is stopping)
			while (send() == BATCH_SIZE && !this.rounds.isShutdown()) {
				Thread.yield();
			}
		}
		catch (RuntimeException ex) {
			// the batch's jobs stay, for the next round
			log.warn("A batch of notifications was not sent: {}", ex.toString());
		}
	}

	/**
	 * Sends one batch of pending mail jobs in one transaction.
	 * @return the number of jobs it took: sent, or failed and handed to the job executor
	 */
	public int send() {
		return this.senders.overOneConnection(() -> this.engine.getCommandExecutorTxRequired().execute(this::send));
	}

	private int send(CommandContext command) {
		Instant deadline = this.clock.instant().plus(BATCH_TIME);
		int taken = 0;
		for (String id : pending(command)) {
			if (this.clock.instant().isAfter(deadline)) {
				// the rest go back at the commit, for the next batch
				break;
			}
			taken++;
			JobEntity job = command.getJobManager().findJobById(id);
			try {
				// as the job executor has it: the handler may ask for its job
				command.setCurrentJob(job);
				job.execute(command);
			}
			catch (RuntimeException ex) {
				log.warn("Notification job {} not sent; it is retried after {}: {}", id, this.properties.retryCycle(),
						ex.getMessage());
				// as the job executor after a failed attempt: the job log, then the retry
				command.getHistoricJobLogManager().fireJobFailedEvent(job, ex);
				this.engine.getFailedJobCommandFactory().getCommand(id, ex).execute(command);
				// the rest wait for the next round: a mail server that is down fails
				// every send, each after its timeout
				break;
			}
			finally {
				command.setCurrentJob(null);
			}
		}
		return taken;
	}

	private List<String> pending(CommandContext command) {
		Instant now = this.clock.instant();
		// the command's own connection: the row locks belong to its transaction
		Connection connection = command.getDbSqlSession().getSqlSession().getConnection();
		List<String> ids = new ArrayList<>();
		try (PreparedStatement select = connection.prepareStatement(PENDING)) {
			select.setString(1, NotificationJobs.TYPE);
			select.setTimestamp(2, Timestamp.from(now.plus(LEFT_OF_MINUTE)));
			try (ResultSet rows = select.executeQuery()) {
				while (rows.next()) {
					ids.add(rows.getString(1));
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Pending notifications not readable", ex);
		}
		return ids;
	}

}
