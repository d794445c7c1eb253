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
 * processes/ProductOpsNotification.bpmn on its own: one instance per channel (the mail, or one webhook target), each
 * send its own job; a failing send is retried and ends as an incident, without touching the other channels.
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
	}

	@Test
	void aMailNotificationSendsTheMail() throws Exception {
		ProcessInstance notification = start(NotificationVariables.MAIL);
		Job send = onlyJob(notification);

		managementService().executeJob(send.getId());

		assertThat(notification).isEnded().hasPassed("Task_SendMail", "EndEvent_MailSent");
		verify(this.senders).sendMail("olivia@productops.example", "[OPS-2026-0001] Shipped", "text", "<p>html</p>");
	}

	@Test
	void aWebhookNotificationCallsItsTargetWithItsOwnDeliveryId() throws Exception {
		ProcessInstance notification = start(NotificationVariables.WEBHOOK);

		managementService().executeJob(onlyJob(notification).getId());

		assertThat(notification).isEnded().hasPassed("Task_CallWebhook", "EndEvent_WebhookCalled");
		verify(this.senders).postWebhook("https://a.example/hook", "SHIPPED", "{\"event\":\"SHIPPED\"}",
				notification.getId());
	}

	@Test
	void aFailingSendIsRetriedThenEndsAsAnIncidentAndLeavesTheOtherChannelsAlone() throws Exception {
		willThrow(new MessagingException("Mail server connection failed")).given(this.senders)
			.sendMail(anyString(), anyString(), anyString(), anyString());
		ProcessInstance mail = start(NotificationVariables.MAIL);
		ProcessInstance webhook = start(NotificationVariables.WEBHOOK);
		Job send = onlyJob(mail);

		for (int attempt = 0; attempt < 3; attempt++) {
			assertThatThrownBy(() -> managementService().executeJob(send.getId()))
				.hasMessageContaining("Mail server connection failed");
		}
		managementService().executeJob(onlyJob(webhook).getId());

		assertThat(runtimeService().createIncidentQuery().processInstanceId(mail.getId()).singleResult()
			.getIncidentMessage()).contains("Mail server connection failed");
		assertThat(mail).isWaitingAt("Task_SendMail");
		assertThat(webhook).isEnded();
	}

	private static Job onlyJob(ProcessInstance notification) {
		return managementService().createJobQuery().processInstanceId(notification.getId()).singleResult();
	}

	private static ProcessInstance start(String channel) {
		Map<String, Object> variables = new java.util.HashMap<>(Map.of(NotificationVariables.EVENT, "SHIPPED",
				NotificationVariables.CHANNEL, channel));
		if (NotificationVariables.MAIL.equals(channel)) {
			variables.putAll(Map.of(NotificationVariables.RECIPIENTS, "olivia@productops.example",
					NotificationVariables.SUBJECT, "[OPS-2026-0001] Shipped", NotificationVariables.TEXT, "text",
					NotificationVariables.HTML, "<p>html</p>"));
		}
		else {
			variables.putAll(Map.of(NotificationVariables.WEBHOOK_URL, "https://a.example/hook",
					NotificationVariables.PAYLOAD, "{\"event\":\"SHIPPED\"}"));
		}
		return runtimeService().startProcessInstanceByKey(CaseEvents.PROCESS_KEY, "OPS-2026-0001:SHIPPED", variables);
	}

}
