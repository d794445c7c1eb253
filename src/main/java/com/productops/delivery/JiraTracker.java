package com.productops.delivery;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.productops.integration.IntegrationException;
import com.productops.integration.JsonHttp;

/**
 * Opens a Jira issue: POST /rest/api/{2|3}/issue. Jira Cloud authenticates with account
 * e-mail and API token (Basic), Server/Data Center with a personal access token (Bearer).
 * API 3 wants the description in Atlassian Document Format.
 */
class JiraTracker implements DeliveryTracker {

	private final DeliveryProperties.Jira settings;

	private final JsonHttp http;

	JiraTracker(DeliveryProperties.Jira settings, JsonHttp http) {
		this.settings = settings;
		this.http = http;
	}

	@Override
	public String name() {
		return "Jira";
	}

	@Override
	public Ticket open(DeliveryRequest request) {
		String site = GitHubTracker.stripSlash(this.settings.url());
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("project", Map.of("key", this.settings.project()));
		fields.put("issuetype", Map.of("name", this.settings.issueType()));
		fields.put("summary", request.title());
		fields.put("description", (this.settings.apiVersion() >= 3) ? document(request.paragraphs()) : request.text());
		fields.put("labels", this.settings.labels());
		JsonNode issue = this.http
			.send(this.http.request(URI.create(site + "/rest/api/" + this.settings.apiVersion() + "/issue"))
				.header("Authorization", authorization())
				.POST(JsonHttp.body(Map.of("fields", fields)))
				.build());
		if (!issue.hasNonNull("key")) {
			throw new IntegrationException("Jira answered without an issue key: " + issue);
		}
		String key = issue.get("key").asText();
		return new Ticket(key, site + "/browse/" + key);
	}

	private String authorization() {
		if (this.settings.user().isBlank()) {
			return "Bearer " + this.settings.token();
		}
		String credentials = this.settings.user() + ":" + this.settings.token();
		return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
	}

	/** Atlassian Document Format: one paragraph per text block. */
	private static Map<String, Object> document(List<String> paragraphs) {
		List<Map<String, Object>> content = paragraphs.stream()
			.map(text -> Map.<String, Object>of("type", "paragraph", "content",
					List.of(Map.of("type", "text", "text", text))))
			.toList();
		return Map.of("type", "doc", "version", 1, "content", content);
	}

}
