package com.productops.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.List;
import java.util.Map;

import com.productops.loop.CaseVariables;
import com.productops.loop.LoopProcessTest;
import com.productops.loop.ProductOpsLoop;
import com.productops.notify.NotificationJobs;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.AcquirableJobEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.community.process_test_coverage.core.engine.ExcludeFromProcessCoverage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every job of a case has a due date, so the job executor's query by due date finds the
 * due ones (here the webhook call of the new case) and not those due later (its
 * deadlines), through the index on due dates.
 */
@LoopProcessTest
@ExcludeFromProcessCoverage // walks the start only
class JobAcquisitionByDueDateTests {

	@Autowired
	private ProcessEngine engine;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private JobAcquisitionByDueDate plugin;

	@Test
	void theDueJobsAreFoundByTheirDueDates() {
		ProcessInstance instance = start("Couriers cannot see the drop-off note");
		List<Job> jobs = this.engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).list();
		// the webhook call of "received", the triage's deadline and escalation
		assertThat(jobs).hasSizeGreaterThanOrEqualTo(3).allSatisfy(job -> assertThat(job.getDuedate()).isNotNull());
		List<String> notifications = jobs.stream()
			.filter(job -> NotificationJobs.TYPE.equals(handlerType(job)))
			.map(Job::getId)
			.toList();
		assertThat(notifications).isNotEmpty();

		assertThat(acquirable()).containsExactlyInAnyOrderElementsOf(notifications);
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_NAME = 'ACT_RU_JOB' AND INDEX_NAME = ?",
				Integer.class, JobAcquisitionByDueDate.INDEX))
			.isOne();
	}

	@Test
	void aJobLeftWithoutDueDateIsDueAtStartUp() {
		ProcessInstance instance = start("Payout missing for last week");
		// as an earlier version added its webhook calls
		this.jdbc.update("UPDATE ACT_RU_JOB SET DUEDATE_ = NULL WHERE HANDLER_TYPE_ = ?", NotificationJobs.TYPE);
		assertThat(acquirable()).isEmpty();

		this.plugin.postProcessEngineBuild(this.engine);

		assertThat(acquirable()).isNotEmpty()
			.allSatisfy(id -> assertThat(this.engine.getManagementService()
				.createJobQuery()
				.jobId(id)
				.processInstanceId(instance.getId())
				.singleResult()
				.getDuedate()).isBeforeOrEqualTo(new Date()));
	}

	private ProcessInstance start(String title) {
		return this.engine.getRuntimeService()
			.startProcessInstanceByKey(ProductOpsLoop.PROCESS_KEY,
					Map.of(CaseVariables.TITLE, title, CaseVariables.AREA, "DISPATCH", CaseVariables.DESCRIPTION,
							"Seen every day", CaseVariables.FREQUENCY, "DAILY", CaseVariables.PEOPLE_AFFECTED_PER_WEEK,
							10, CaseVariables.HOURS_LOST_PER_WEEK, 1, CaseVariables.URGENCY, "MEDIUM",
							CaseVariables.REPORTER, "olivia"));
	}

	@Test
	void aJobSetToNoDueDateIsDueNow() {
		ProcessInstance instance = start("Refund button greyed out");
		Job webhook = this.engine.getManagementService()
			.createJobQuery()
			.processInstanceId(instance.getId())
			.list()
			.stream()
			.filter(job -> NotificationJobs.TYPE.equals(handlerType(job)))
			.findFirst()
			.orElseThrow();
		this.engine.getManagementService()
			.setJobDuedate(webhook.getId(), new Date(System.currentTimeMillis() + 3_600_000));
		assertThat(acquirable()).doesNotContain(webhook.getId());

		// as engine REST's PUT /job/{id}/duedate with {"duedate": null}
		this.engine.getManagementService().setJobDuedate(webhook.getId(), null);

		assertThat(
				this.engine.getManagementService().createJobQuery().jobId(webhook.getId()).singleResult().getDuedate())
			.isNotNull();
		assertThat(acquirable()).contains(webhook.getId());
	}

	/** The ids of the jobs the job executor would take now, by the engine's own query. */
	private List<String> acquirable() {
		ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) this.engine
			.getProcessEngineConfiguration();
		return configuration.getCommandExecutorTxRequired()
			.execute(command -> command.getJobManager().findNextJobsToExecute(new Page(0, 100)))
			.stream()
			.map(AcquirableJobEntity::getId)
			.toList();
	}

	private String handlerType(Job job) {
		return this.jdbc.queryForObject("SELECT HANDLER_TYPE_ FROM ACT_RU_JOB WHERE ID_ = ?", String.class,
				job.getId());
	}

}
