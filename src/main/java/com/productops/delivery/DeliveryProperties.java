package com.productops.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where product teams track delivery (productops.delivery.* in application.yaml). Tokens
 * and webhook secrets come from the environment only.
 *
 * @param tracker {@code none}, {@code github} or {@code jira}: the tracker of every PM
 * group not listed in teams
 * @param teams a different tracker per PM group, e.g. {@code pm-payments: jira}
 * @param retryCycle how often and how far apart a failed ticket creation is retried
 * before it becomes an incident
 * @param timeout the time limit of one call to the tracker
 */
@ConfigurationProperties("productops.delivery")
public record DeliveryProperties(@DefaultValue("none") String tracker, @DefaultValue Map<String, String> teams,
		@DefaultValue("R3/PT5M") String retryCycle, @DefaultValue("PT10S") Duration timeout,
		@DefaultValue GitHub github, @DefaultValue Jira jira) {

	/**
	 * @param apiUrl the REST API root (GitHub Enterprise: https://HOST/api/v3)
	 * @param repository where issues are created, {@code owner/name}
	 * @param token a token allowed to create issues there (PRODUCTOPS_GITHUB_TOKEN)
	 * @param webhookSecret the secret of the repository's webhook
	 * (PRODUCTOPS_GITHUB_WEBHOOK_SECRET)
	 */
	public record GitHub(@DefaultValue("https://api.github.com") String apiUrl, @DefaultValue("") String repository,
			@DefaultValue("") String token, @DefaultValue("product-ops") List<String> labels,
			@DefaultValue("") String webhookSecret) {
	}

	/**
	 * @param url the site, e.g. https://acme.atlassian.net or https://jira.acme.example
	 * @param apiVersion 2 (Cloud and Server/Data Center) or 3 (Cloud, descriptions in
	 * Atlassian Document Format)
	 * @param user Jira Cloud: the account e-mail for Basic auth with an API token; empty:
	 * the token is a Server/Data Center personal access token sent as Bearer
	 * @param token API token or personal access token (PRODUCTOPS_JIRA_TOKEN)
	 * @param webhookSecret the secret of the admin webhook
	 * (PRODUCTOPS_JIRA_WEBHOOK_SECRET)
	 * @param shippedResolutions the resolutions of a Done issue that mean the work
	 * shipped (none at all counts too); others (Won't Do, Duplicate, Cancelled) leave the
	 * case waiting
	 */
	public record Jira(@DefaultValue("") String url, @DefaultValue("2") int apiVersion,
			@DefaultValue("") String project, @DefaultValue("Task") String issueType, @DefaultValue("") String user,
			@DefaultValue("") String token, @DefaultValue("product-ops") List<String> labels,
			@DefaultValue("") String webhookSecret, @DefaultValue( {
					"Done", "Fixed" }) List<String> shippedResolutions){
	}

}
