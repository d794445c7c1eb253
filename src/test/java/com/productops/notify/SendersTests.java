package com.productops.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.StreamProvider;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

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

	/**
	 * Mail parts find their stream provider by name, not by scanning every jar for a
	 * service (the class named must exist: a wrong name fails every mail).
	 */
	@Test
	void mailPartsFindTheirStreamProviderByName() throws Exception {
		Class.forName(Senders.class.getName()); // its static initialiser names the
												// provider

		assertThat(System.getProperty(Senders.STREAM_PROVIDER)).isEqualTo(Senders.ANGUS_STREAM_PROVIDER);
		assertThat(StreamProvider.provider().getClass().getName()).isEqualTo(Senders.ANGUS_STREAM_PROVIDER);
		MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
		MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
		helper.setText("plain", "<p>html</p>");
		assertThat(message.getContent()).isInstanceOf(MimeMultipart.class);
	}

}
