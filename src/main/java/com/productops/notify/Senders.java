package com.productops.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.productops.integration.Hmac;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * The transports: SMTP and signed webhooks. Both throw on failure, so that the engine
 * retries the notification's job and finally raises an incident. Without a mail server
 * ({@code spring.mail.host} not set: a fresh install), mails are written to the log
 * instead of failing every notification; that is said once at start-up.
 */
@Component
public class Senders {

	static final String SIGNATURE_HEADER = "X-ProductOps-Signature";

	static final String DELIVERY_HEADER = "X-ProductOps-Delivery";

	private static final Logger log = LoggerFactory.getLogger(Senders.class);

	/**
	 * Jakarta Mail 2.1 looks up its stream provider with a ServiceLoader for every part
	 * of every mail (jakartaee/mail-api#699, #861): half of sending a mail went into
	 * scanning the application's jars. Naming the provider lets it load the class
	 * directly.
	 */
	static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

	static final String ANGUS_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

	static {
		if (System.getProperty(STREAM_PROVIDER) == null
				&& ClassUtils.isPresent(ANGUS_STREAM_PROVIDER, Senders.class.getClassLoader())) {
			System.setProperty(STREAM_PROVIDER, ANGUS_STREAM_PROVIDER);
		}
	}

	/** null: no mail server configured, mails go to the log */
	private final JavaMailSender mail;

	private final NotificationProperties properties;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	public Senders(ObjectProvider<JavaMailSender> mail, NotificationProperties properties) {
		this.mail = mail.getIfAvailable();
		this.properties = properties;
		if (this.mail == null && properties.mail().enabled()) {
			log.warn("No mail server is configured (spring.mail.host): notification mails are written to this log, "
					+ "not sent");
		}
	}

	/**
	 * How failed sends are retried before they become an incident (ISO-8601 repeat, e.g.
	 * R3/PT5M). Notification jobs take it from the properties; this is for the sending
	 * steps of notification instances of earlier versions.
	 */
	public String retryCycle() {
		return this.properties.retryCycle();
	}

	public void sendMail(String recipients, String subject, String text, String html) throws MessagingException {
		if (!this.properties.mail().enabled() || recipients == null || recipients.isBlank()) {
			return;
		}
		if (this.mail == null) {
			log.info("Mail to {} (no mail server configured, not sent): {}\n{}", recipients, subject, text);
			return;
		}
		// the named stream provider is loaded through the thread's context class loader,
		// with no second try: make it the one that sees the application's jars
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		thread.setContextClassLoader(Senders.class.getClassLoader());
		try {
			MimeMessage message = this.mail.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
			helper.setFrom(this.properties.mail().from());
			// each recipient sees only themselves: followers of a case do not learn each
			// other's addresses
			helper.setTo(this.properties.mail().from());
			helper.setBcc(recipients.split(","));
			helper.setSubject(subject);
			helper.setText(text, html);
			this.mail.send(message);
		}
		finally {
			thread.setContextClassLoader(previous);
		}
	}

	/**
	 * @param deliveryId the same for every attempt of one notification (header
	 * X-ProductOps-Delivery)
	 */
	public void postWebhook(String url, String event, String payload, String deliveryId)
			throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.header("X-ProductOps-Event", event)
			.header(DELIVERY_HEADER, deliveryId)
			.header(SIGNATURE_HEADER, Hmac.signature(payload, this.properties.webhooks().secret()))
			.POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() / 100 != 2) {
			throw new IOException("Webhook " + url + " answered " + response.statusCode());
		}
	}

}
