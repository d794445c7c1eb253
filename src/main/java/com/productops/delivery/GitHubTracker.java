package com.productops.delivery;

import java.net.URI;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.productops.integration.IntegrationException;
import com.productops.integration.JsonHttp;

/**
 * Opens a GitHub issue: POST /repos/{owner}/{repo}/issues with a bearer token (REST API
 * 2022-11-28).
 */
class GitHubTracker implements DeliveryTracker {

	private final DeliveryProperties.GitHub settings;

	private final JsonHttp http;

	GitHubTracker(DeliveryProperties.GitHub settings, JsonHttp http) {
		this.settings = settings;
		this.http = http;
	}

	@Override
	public String name() {
		return "GitHub";
	}

	@Override
	public Ticket open(DeliveryRequest request) {
		URI uri = URI.create(stripSlash(this.settings.apiUrl()) + "/repos/" + this.settings.repository() + "/issues");
		JsonNode issue = this.http.send(this.http.request(uri)
			.setHeader("Accept", "application/vnd.github+json")
			.header("X-GitHub-Api-Version", "2022-11-28")
			.header("Authorization", "Bearer " + this.settings.token())
			.POST(JsonHttp
				.body(Map.of("title", request.title(), "body", request.text(), "labels", this.settings.labels())))
			.build());
		if (!issue.path("number").canConvertToInt() || !issue.hasNonNull("html_url")) {
			throw new IntegrationException("GitHub answered without an issue number: " + issue);
		}
		return new Ticket(this.settings.repository() + "#" + issue.get("number").asInt(),
				issue.get("html_url").asText());
	}

	static String stripSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

}
