package com.productops.integration;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON over HTTP to one other system, with a time limit on every call. Every failure (no
 * connection, time-out, an answer other than 2xx, a body that is not JSON) becomes an
 * {@link IntegrationException} naming the system.
 */
public final class JsonHttp {

	private static final int BODY_EXCERPT = 300;

	private static final ObjectMapper JSON = new ObjectMapper();

	private final String system;

	private final Duration timeout;

	private final HttpClient client;

	public JsonHttp(String system, Duration timeout) {
		this.system = system;
		this.timeout = timeout;
		this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
	}

	public static HttpRequest.BodyPublisher body(Object value) {
		try {
			return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(value), StandardCharsets.UTF_8);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	/**
	 * A request to the URI with the time limit and JSON headers set; callers add
	 * authentication and the method.
	 */
	public HttpRequest.Builder request(URI uri) {
		return HttpRequest.newBuilder(uri)
			.timeout(this.timeout)
			.header("Accept", "application/json")
			.header("Content-Type", "application/json")
			.header("User-Agent", "product-ops-loop");
	}

	public JsonNode send(HttpRequest request) {
		HttpResponse<String> response;
		try {
			response = this.client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (HttpTimeoutException ex) {
			throw new IntegrationException(this.system + " did not answer within " + this.timeout.toSeconds() + " s ("
					+ request.method() + " " + request.uri() + ")", ex);
		}
		catch (ConnectException ex) {
			throw new IntegrationException(this.system + " could not be reached at " + request.uri(), ex);
		}
		catch (IOException ex) {
			throw new IntegrationException(this.system + " call failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IntegrationException(this.system + " call interrupted", ex);
		}
		if (response.statusCode() / 100 != 2) {
			throw new IntegrationException(this.system + " answered HTTP " + response.statusCode() + " to "
					+ request.method() + " " + request.uri().getPath() + ": " + excerpt(response.body()));
		}
		try {
			return JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
		}
		catch (JsonProcessingException ex) {
			throw new IntegrationException(
					this.system + " answered with something that is not JSON: " + excerpt(response.body()), ex);
		}
	}

	private static String excerpt(String body) {
		String flat = body.replaceAll("\\s+", " ").strip();
		return flat.length() <= BODY_EXCERPT ? flat : flat.substring(0, BODY_EXCERPT) + "…";
	}

}
