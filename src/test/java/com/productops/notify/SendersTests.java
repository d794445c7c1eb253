package com.productops.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
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
			Senders senders = sendingTo(smtp.getSmtp().getPort());
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

	/**
	 * A batch's mails share one connection to the mail server; a mail that fails there
	 * closes it, and the next one opens another. Connections counted by a relay in front
	 * of the server.
	 */
	@Test
	void aBatchsMailsShareOneConnection() throws Exception {
		int port = AppNode.freePort();
		GreenMail smtp = new GreenMail(new ServerSetup(port, "localhost", ServerSetup.PROTOCOL_SMTP));
		smtp.start();
		try (Relay relay = new Relay(port)) {
			Senders senders = sendingTo(relay.port());

			// alone: a connection per mail
			senders.sendMail("olivia@productops.example", "one", "text", "<p>html</p>");
			senders.sendMail("olivia@productops.example", "two", "text", "<p>html</p>");
			assertThat(relay.connections()).isEqualTo(2);

			// a batch: one, also past a mail refused before it reached the server
			senders.overOneConnection(() -> {
				send(senders, "three");
				assertThatThrownBy(() -> senders.sendMail("bad@@productops.example", "refused", "text", "<p>x</p>"))
					.isNotNull();
				send(senders, "four");
				return null;
			});
			assertThat(relay.connections()).isEqualTo(3);

			// the server goes away in the middle of a batch: that mail fails, the next
			// one
			// connects again
			senders.overOneConnection(() -> {
				send(senders, "five");
				relay.dropConnections();
				assertThatThrownBy(() -> senders.sendMail("olivia@productops.example", "lost", "text", "<p>x</p>"))
					.isNotNull();
				send(senders, "six");
				return null;
			});
			assertThat(relay.connections()).isEqualTo(5);
			// each mail reached its two recipients (the sender's address in To, olivia in
			// Bcc)
			assertThat(smtp.getReceivedMessages()).extracting(MimeMessage::getSubject)
				.containsExactlyInAnyOrder("one", "one", "two", "two", "three", "three", "four", "four", "five", "five",
						"six", "six");
		}
		finally {
			smtp.stop();
		}
	}

	/** Senders with a mail server on localhost at that port. */
	private static Senders sendingTo(int port) {
		JavaMailSenderImpl server = new JavaMailSenderImpl();
		server.setHost("localhost");
		server.setPort(port);
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		beans.registerSingleton("mailSender", server);
		return new Senders(beans.getBeanProvider(JavaMailSender.class),
				new NotificationProperties(true, "http://localhost:8080", "R3/PT5M",
						new NotificationProperties.Mail(true, "product-ops@productops.example"),
						new NotificationProperties.Webhooks(List.of(), ""), Duration.ofMillis(500)));
	}

	private static void send(Senders senders, String subject) {
		try {
			senders.sendMail("olivia@productops.example", subject, "text", "<p>html</p>");
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Relays TCP connections to a port, counting them; can drop the open ones. */
	private static final class Relay implements AutoCloseable {

		private final ServerSocket listener = new ServerSocket(0);

		private final AtomicInteger connections = new AtomicInteger();

		private final List<Socket> open = new CopyOnWriteArrayList<>();

		Relay(int target) throws IOException {
			daemon(() -> {
				while (!this.listener.isClosed()) {
					try {
						Socket client = this.listener.accept();
						Socket upstream = new Socket("localhost", target);
						this.connections.incrementAndGet();
						this.open.addAll(List.of(client, upstream));
						daemon(() -> pipe(client, upstream));
						daemon(() -> pipe(upstream, client));
					}
					catch (IOException ex) {
						// closed
					}
				}
			});
		}

		int port() {
			return this.listener.getLocalPort();
		}

		private static void daemon(Runnable work) {
			Thread thread = new Thread(work, "relay");
			thread.setDaemon(true);
			thread.start();
		}

		int connections() {
			return this.connections.get();
		}

		void dropConnections() {
			for (Socket socket : this.open) {
				try {
					socket.close();
				}
				catch (IOException ex) {
					// closed already
				}
			}
			this.open.clear();
		}

		private static void pipe(Socket from, Socket to) {
			try {
				from.getInputStream().transferTo(to.getOutputStream());
			}
			catch (IOException ex) {
				// the other side closed
			}
			finally {
				try {
					to.close();
				}
				catch (IOException ex) {
					// already closed
				}
			}
		}

		@Override
		public void close() throws IOException {
			this.listener.close();
			dropConnections();
		}

	}

}
