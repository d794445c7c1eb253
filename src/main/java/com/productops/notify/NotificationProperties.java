package com.productops.notify;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Notifications (productops.notifications.* in application.yaml).
 *
 * @param enabled off switch for all notifications
 * @param baseUrl how people reach the application, for links in mails and webhooks
 * @param retryCycle how often and how far apart a failed send is retried before it
 * becomes an incident
 * @param mail e-mail settings (the SMTP server itself is spring.mail.*)
 * @param webhooks webhook targets and the secret their payloads are signed with
 * @param batchInterval how often a node sends the notifications added since, in one
 * transaction
 */
@ConfigurationProperties("productops.notifications")
public record NotificationProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("http://localhost:8080") String baseUrl, @DefaultValue("R3/PT5M") String retryCycle,
		@DefaultValue Mail mail, @DefaultValue Webhooks webhooks, @DefaultValue("PT0.5S") Duration batchInterval) {

	public record Mail(@DefaultValue("true") boolean enabled,
			@DefaultValue("product-ops@productops.example") String from) {
	}

	/**
	 * Every payload is signed: webhook targets without a key are a configuration error,
	 * found at start-up.
	 */
	public NotificationProperties {
		if (enabled && webhooks != null && webhooks.urls() != null && !webhooks.urls().isEmpty()
				&& (webhooks.secret() == null || webhooks.secret().isBlank())) {
			throw new IllegalArgumentException(
					"productops.notifications.webhooks.secret is empty: set the key the " + "payloads to "
							+ webhooks.urls() + " are signed with (HMAC-SHA256, header X-ProductOps-Signature)");
		}
	}

	public record Webhooks(@DefaultValue List<String> urls, @DefaultValue("") String secret) {
	}

}
