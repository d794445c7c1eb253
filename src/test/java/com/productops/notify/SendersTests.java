package com.productops.notify;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;

class SendersTests {

	/**
	 * A fresh install has no mail server: mails are written to the log, so no
	 * notification fails and retries.
	 */
	@Test
	void withoutAMailServerMailsGoToTheLog() {
		NotificationProperties properties = new NotificationProperties(true, "http://localhost:8080", "R3/PT5M",
				new NotificationProperties.Mail(true, "product-ops@productops.example"),
				new NotificationProperties.Webhooks(List.of(), ""));
		Senders senders = new Senders(new DefaultListableBeanFactory().getBeanProvider(JavaMailSender.class),
				properties);
		assertThatCode(() -> senders.sendMail("olivia@productops.example", "[OPS-2026-0001] We received your report",
				"text", "<p>html</p>"))
			.doesNotThrowAnyException();
	}

	/**
	 * Webhook targets without a signing key stop the start with what to set, not each
	 * send with "Empty key".
	 */
	@Test
	void webhookTargetsNeedTheirSigningKey() {
		NotificationProperties.Mail mail = new NotificationProperties.Mail(true, "product-ops@productops.example");
		List<String> targets = List.of("https://hooks.example/ops");
		assertThatThrownBy(() -> new NotificationProperties(true, "http://localhost:8080", "R3/PT5M", mail,
				new NotificationProperties.Webhooks(targets, " ")))
			.hasMessageContaining("productops.notifications.webhooks.secret is empty");
		assertThatCode(() -> new NotificationProperties(true, "http://localhost:8080", "R3/PT5M", mail,
				new NotificationProperties.Webhooks(targets, "key")))
			.doesNotThrowAnyException();
		assertThatCode(() -> new NotificationProperties(false, "http://localhost:8080", "R3/PT5M", mail,
				new NotificationProperties.Webhooks(targets, "")))
			.doesNotThrowAnyException(); // nothing is sent
	}

}
