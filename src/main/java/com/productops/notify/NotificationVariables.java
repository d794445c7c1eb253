package com.productops.notify;

/** Variables of the notification process (processes/ProductOpsNotification.bpmn): what to send, already rendered. */
final class NotificationVariables {

	static final String EVENT = "notificationEvent";

	static final String CASE_NUMBER = "caseNumber";

	static final String CASE_INSTANCE_ID = "caseInstanceId";

	/** E-mail addresses, comma-separated. */
	static final String RECIPIENTS = "recipients";

	static final String SUBJECT = "mailSubject";

	static final String TEXT = "mailText";

	static final String HTML = "mailHtml";

	/** The webhook body (JSON). */
	static final String PAYLOAD = "webhookPayload";

	/** One webhook target (the multi-instance element variable). */
	static final String WEBHOOK_URL = "webhookUrl";

	private NotificationVariables() {
	}

}
