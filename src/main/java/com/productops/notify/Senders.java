package com.productops.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

import com.productops.integration.Hmac;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
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

	/**
	 * The connection to the mail server the current thread's batch holds, once opened.
	 */
	private final ThreadLocal<Transport[]> batch = new ThreadLocal<>();

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
			Transport[] open = this.batch.get();
			if (open == null) {
				this.mail.send(message);
			}
			else {
				send(open, message);
			}
		}
		finally {
			thread.setContextClassLoader(previous);
		}
	}

	/**
	 * Runs the work with its mails sent over one connection to the mail server, opened at
	 * its first mail and closed at the end: a connection of its own for every mail would
	 * pay for connecting, TLS and the login each time. A mail that fails closes it, and
	 * the next mail opens another.
	 */
	public <T> T overOneConnection(Supplier<T> work) {
		if (!(this.mail instanceof JavaMailSenderImpl) || this.batch.get() != null) {
			return work.get();
		}
		Transport[] open = new Transport[1];
		this.batch.set(open);
		try {
			return work.get();
		}
		finally {
			this.batch.remove();
			close(open);
		}
	}

	private void send(Transport[] open, MimeMessage message) throws MessagingException {
		try {
			// (not isConnected(): it asks the server with a NOOP before every mail)
			if (open[0] == null) {
				open[0] = connect((JavaMailSenderImpl) this.mail);
			}
			// sets the Date and Message-ID headers, as JavaMailSenderImpl has it do
			message.saveChanges();
			open[0].sendMessage(message, message.getAllRecipients());
		}
		catch (MessagingException | RuntimeException ex) {
			close(open);
			throw ex;
		}
	}

	/** Connects as JavaMailSenderImpl does (an empty user name: no login). */
	private static Transport connect(JavaMailSenderImpl server) throws MessagingException {
		String username = server.getUsername();
		String password = server.getPassword();
		if ("".equals(username)) {
			username = null;
			password = "".equals(password) ? null : password;
		}
		Transport transport = server.getSession()
			.getTransport((server.getProtocol() != null) ? server.getProtocol() : "smtp");
		transport.connect(server.getHost(), server.getPort(), username, password);
		return transport;
	}

	private static void close(Transport[] open) {
		if (open[0] != null) {
			try {
				open[0].close();
			}
			catch (MessagingException ex) {
				log.debug("Closing the mail server's connection failed", ex);
			}
			open[0] = null;
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
