package com.productops.notify;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The sending steps of the "Product Ops notification" process that versions before
 * 2026-11-30 started for every notification (now {@link NotificationJobs}). Its
 * definition stays in databases that had it, with instances that may still wait to send:
 * these two finish them.
 */
@Configuration(proxyBeanMethods = false)
class NotificationDelegates {

	@Bean
	JavaDelegate sendMailDelegate(Senders senders) {
		return execution -> senders.sendMail((String) execution.getVariable("recipients"),
				(String) execution.getVariable("mailSubject"), (String) execution.getVariable("mailText"),
				(String) execution.getVariable("mailHtml"));
	}

	@Bean
	JavaDelegate sendWebhookDelegate(Senders senders) {
		return execution -> senders.postWebhook((String) execution.getVariable("webhookUrl"),
				(String) execution.getVariable("notificationEvent"), (String) execution.getVariable("webhookPayload"),
				execution.getProcessInstanceId());
	}

}
