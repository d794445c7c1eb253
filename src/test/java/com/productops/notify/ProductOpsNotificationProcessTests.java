package com.productops.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.util.List;
import java.util.Map;

import jakarta.mail.MessagingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.engine.platform7.ProcessCoverageInMemProcessEngineConfiguration;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * processes/ProductOpsNotification.bpmn on its own: a mail and one signed call per webhook target, each its own job;
 * a failing send is retried and ends as an incident, without touching the other sends.
 */
@Deployment(resources = "processes/ProductOpsNotification.bpmn")
class ProductOpsNotificationProcessTests {

	static final Map<Object, Object> BEANS = new java.util.HashMap<>();

	@RegisterExtension
	static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension.builder(configuration())
		.assertClassCoverageAtLeast(1.0)
		.build();

	ProcessEngine processEngine;

	final Senders senders = mock(Senders.class);

	static ProcessCoverageInMemProcessEngineConfiguration configuration() {
		var configuration = new ProcessCoverageInMemProcessEngineConfiguration();
		configuration.setProcessEngineName("notification-process-tests");
		configuration.setJdbcUrl("jdbc:h2:mem:notification-process-tests;DB_CLOSE_DELAY=-1");
		configuration.setJobExecutorActivate(false);
		configuration.setBeans(BEANS);
		return configuration;
	}

	@BeforeEach
	void wire() {
		BpmnAwareTests.init(this.processEngine);
		NotificationDelegates delegates = new NotificationDelegates();
		BEANS.put("senders", this.senders);
		BEANS.put("sendMailDelegate", delegates.sendMailDelegate(this.senders));
		BEANS.put("sendWebhookDelegate", delegates.sendWebhookDelegate(this.senders));
		given(this.senders.retryCycle()).willReturn("R3/PT5M");
		given(this.senders.webhookUrls()).willReturn(List.of("https://a.example/hook", "https://b.example/hook"));
	}

	@Test
	void sendsTheMailAndCallsEveryWebhook() throws Exception {
		ProcessInstance notification = start();
		List<Job> jobs = managementService().createJobQuery().processInstanceId(notification.getId()).list();
		assertThat(jobs).hasSize(3); // the mail and one call per target, each retried on its own

		jobs.forEach(job -> managementService().executeJob(job.getId()));

		assertThat(notification).isEnded().hasPassed("Task_SendMail", "Task_CallWebhooks", "EndEvent_NotificationSent");
		verify(this.senders).sendMail("olivia@productops.example", "[OPS-2026-0001] Shipped", "text", "<p>html</p>");
		verify(this.senders).postWebhook("https://a.example/hook", "SHIPPED", "{\"event\":\"SHIPPED\"}", notification.getId());
		verify(this.senders).postWebhook("https://b.example/hook", "SHIPPED", "{\"event\":\"SHIPPED\"}", notification.getId());
	}

	@Test
	void aFailingSendEndsAsAnIncidentAndLeavesTheOthersAlone() throws Exception {
		willThrow(new MessagingException("Mail server connection failed")).given(this.senders)
			.sendMail(anyString(), anyString(), anyString(), anyString());
		ProcessInstance notification = start();
		Job mail = managementService().createJobQuery().processInstanceId(notification.getId()).activityId("Task_SendMail")
			.singleResult();

		for (int attempt = 0; attempt < 3; attempt++) {
			assertThatThrownBy(() -> managementService().executeJob(mail.getId()))
				.hasMessageContaining("Mail server connection failed");
		}
		managementService().createJobQuery()
			.processInstanceId(notification.getId())
			.activityId("Task_CallWebhooks")
			.list()
			.forEach(job -> managementService().executeJob(job.getId()));

		assertThat(runtimeService().createIncidentQuery().processInstanceId(notification.getId()).singleResult()
			.getIncidentMessage()).contains("Mail server connection failed");
		assertThat(notification).isWaitingAt("Task_SendMail");
		verify(this.senders).postWebhook("https://b.example/hook", "SHIPPED", "{\"event\":\"SHIPPED\"}", notification.getId());
	}

	@Test
	void withoutWebhookTargetsOnlyTheMailIsSent() throws Exception {
		given(this.senders.webhookUrls()).willReturn(List.of());
		ProcessInstance notification = start();
		managementService().createJobQuery()
			.processInstanceId(notification.getId())
			.list()
			.forEach(job -> managementService().executeJob(job.getId()));
		assertThat(notification).isEnded();
	}

	private static ProcessInstance start() {
		return runtimeService().startProcessInstanceByKey(CaseEvents.PROCESS_KEY, "OPS-2026-0001:SHIPPED",
				Map.of(NotificationVariables.EVENT, "SHIPPED", NotificationVariables.RECIPIENTS,
						"olivia@productops.example", NotificationVariables.SUBJECT, "[OPS-2026-0001] Shipped",
						NotificationVariables.TEXT, "text", NotificationVariables.HTML, "<p>html</p>",
						NotificationVariables.PAYLOAD, "{\"event\":\"SHIPPED\"}"));
	}

}
