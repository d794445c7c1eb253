package com.productops.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.productops.testing.AppNode;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

class SendersTests {

	/**
	 * A fresh install has no mail server: mails are written to the log, so no
	 * notification fails and retries.
	 */
	@Test
	void withoutAMailServerMailsGoToTheLog() {
		NotificationProperties properties = new NotificationProperties(true, "http://localhost:8080", "R3/PT5M",
				new NotificationProperties.Mail(true, "product-ops@productops.example"),
				new NotificationProperties.Webhooks(List.of(), ""), Duration.ofMillis(500));
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
				new NotificationProperties.Webhooks(targets, " "), Duration.ofMillis(500)))
			.hasMessageContaining("productops.notifications.webhooks.secret is empty");
		assertThatCode(() -> new NotificationProperties(true, "http://localhost:8080", "R3/PT5M", mail,
				new NotificationProperties.Webhooks(targets, "key"), Duration.ofMillis(500)))
			.doesNotThrowAnyException();
		assertThatCode(() -> new NotificationProperties(false, "http://localhost:8080", "R3/PT5M", mail,
				new NotificationProperties.Webhooks(targets, ""), Duration.ofMillis(500)))
			.doesNotThrowAnyException(); // nothing is sent
	}

	/**
	 * Mail parts find their stream provider by name, not by scanning every jar for a
	 * service; a thread whose context class loader cannot see the provider still sends
	 * (the name is tried with that loader only).
	 */
	@Test
	void mailPartsFindTheirStreamProviderByName() throws Exception {
		GreenMail smtp = new GreenMail(new ServerSetup(AppNode.freePort(), "localhost", ServerSetup.PROTOCOL_SMTP));
		smtp.start();
		try {
			JavaMailSenderImpl server = new JavaMailSenderImpl();
			server.setHost("localhost");
			server.setPort(smtp.getSmtp().getPort());
			DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
			beans.registerSingleton("mailSender", server);
			Senders senders = new Senders(beans.getBeanProvider(JavaMailSender.class),
					new NotificationProperties(true, "http://localhost:8080", "R3/PT5M",
							new NotificationProperties.Mail(true, "product-ops@productops.example"),
							new NotificationProperties.Webhooks(List.of(), ""), Duration.ofMillis(500)));
			assertThat(System.getProperty(Senders.STREAM_PROVIDER)).isEqualTo(Senders.ANGUS_STREAM_PROVIDER);

			AtomicReference<Throwable> failure = new AtomicReference<>();
			Thread sender = new Thread(() -> {
				try {
					senders.sendMail("olivia@productops.example", "[OPS-2026-0001] Wir haben Ihre Meldung – danke",
							"text", "<p>html</p>");
				}
				catch (Throwable ex) {
					failure.set(ex);
				}
			});
			// a loader that does not see Angus Mail (as the system loader of a packaged
			// jar)
			sender.setContextClassLoader(ClassLoader.getPlatformClassLoader());
			sender.start();
			sender.join();

			assertThat(failure.get()).isNull();
			MimeMessage received = smtp.getReceivedMessages()[0];
			assertThat(received.getSubject()).isEqualTo("[OPS-2026-0001] Wir haben Ihre Meldung – danke");
			assertThat(received.getContentType()).startsWith("multipart/mixed");
		}
		finally {
			smtp.stop();
		}
	}

}
