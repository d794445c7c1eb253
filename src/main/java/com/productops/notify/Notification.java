package com.productops.notify;

/**
 * One notification over one channel, rendered when the case step that caused it ran: a
 * mail to its recipients, or a signed call of one webhook target. Kept with its job until
 * it was sent (see {@link NotificationJobs}).
 *
 * @param channel MAIL or WEBHOOK
 * @param event what happened to the case (a {@link CaseEvent} name)
 * @param caseNumber the case's number, for the log
 * @param target the mail's recipients (comma-separated addresses) or the webhook's URL
 * @param subject the mail's subject (null for a webhook)
 * @param text the mail's plain text, or the webhook's JSON body
 * @param html the mail's HTML (null for a webhook)
 */
public record Notification(String channel, String event, String caseNumber, String target, String subject, String text,
		String html) {

	public static final String MAIL = "MAIL";

	public static final String WEBHOOK = "WEBHOOK";

	static Notification mail(CaseEvent event, String caseNumber, String recipients, MailTemplates.Mail mail) {
		return new Notification(MAIL, event.name(), caseNumber, recipients, mail.subject(), mail.text(), mail.html());
	}

	static Notification webhook(CaseEvent event, String caseNumber, String url, String payload) {
		return new Notification(WEBHOOK, event.name(), caseNumber, url, null, payload, null);
	}

}
