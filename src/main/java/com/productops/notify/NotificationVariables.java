package com.productops.notify;

/** Variables of the notification process (processes/ProductOpsNotification.bpmn): what to send, already rendered. */
final class NotificationVariables {

	static final String EVENT = "notificationEvent";

	/** MAIL or WEBHOOK: each notification instance sends over one channel. */
	static final String CHANNEL = "notificationChannel";

	static final String MAIL = "MAIL";

	static final String WEBHOOK = "WEBHOOK";

	static final String CASE_NUMBER = "caseNumber";

	static final String CASE_INSTANCE_ID = "caseInstanceId";

	/** E-mail addresses, comma-separated. */
	static final String RECIPIENTS = "recipients";

	static final String SUBJECT = "mailSubject";

	static final String TEXT = "mailText";

	static final String HTML = "mailHtml";

	/** The webhook body (JSON). */
	static final String PAYLOAD = "webhookPayload";

	/** The webhook target of a WEBHOOK notification. */
	static final String WEBHOOK_URL = "webhookUrl";

	private NotificationVariables() {
	}

}
