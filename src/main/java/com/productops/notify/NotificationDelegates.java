package com.productops.notify;

import com.productops.loop.CaseVariable;
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

	// the variables of a notification instance
	private static final CaseVariable<String> RECIPIENTS = CaseVariable.text("recipients");

	private static final CaseVariable<String> MAIL_SUBJECT = CaseVariable.text("mailSubject");

	private static final CaseVariable<String> MAIL_TEXT = CaseVariable.text("mailText");

	private static final CaseVariable<String> MAIL_HTML = CaseVariable.text("mailHtml");

	private static final CaseVariable<String> WEBHOOK_URL = CaseVariable.text("webhookUrl");

	private static final CaseVariable<String> NOTIFICATION_EVENT = CaseVariable.text("notificationEvent");

	private static final CaseVariable<String> WEBHOOK_PAYLOAD = CaseVariable.text("webhookPayload");

	@Bean
	JavaDelegate sendMailDelegate(Senders senders) {
		return execution -> senders.sendMail(RECIPIENTS.from(execution), MAIL_SUBJECT.from(execution),
				MAIL_TEXT.from(execution), MAIL_HTML.from(execution));
	}

	@Bean
	JavaDelegate sendWebhookDelegate(Senders senders) {
		return execution -> senders.postWebhook(WEBHOOK_URL.from(execution), NOTIFICATION_EVENT.from(execution),
				WEBHOOK_PAYLOAD.from(execution), execution.getProcessInstanceId());
	}

}
