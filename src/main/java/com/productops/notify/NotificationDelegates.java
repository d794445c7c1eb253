package com.productops.notify;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The two sending steps of processes/ProductOpsNotification.bpmn: map the variables, call the sender. */
@Configuration(proxyBeanMethods = false)
class NotificationDelegates {

	@Bean
	JavaDelegate sendMailDelegate(Senders senders) {
		return execution -> senders.sendMail((String) execution.getVariable(NotificationVariables.RECIPIENTS),
				(String) execution.getVariable(NotificationVariables.SUBJECT),
				(String) execution.getVariable(NotificationVariables.TEXT),
				(String) execution.getVariable(NotificationVariables.HTML));
	}

	@Bean
	JavaDelegate sendWebhookDelegate(Senders senders) {
		// the notification's id goes along: a receiver can drop a delivery it already has (a retry after a crash)
		return execution -> senders.postWebhook((String) execution.getVariable(NotificationVariables.WEBHOOK_URL),
				(String) execution.getVariable(NotificationVariables.EVENT),
				(String) execution.getVariable(NotificationVariables.PAYLOAD), execution.getProcessInstanceId());
	}

}
