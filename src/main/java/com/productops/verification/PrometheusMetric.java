package com.productops.verification;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.productops.integration.IntegrationException;
import com.productops.integration.JsonHttp;

/**
 * Evaluates a PromQL instant query: GET /api/v1/query?query=…&time=…. The query must come
 * down to one number (a scalar or a vector with exactly one series); anything else is an
 * {@link IntegrationException} saying why.
 */
class PrometheusMetric {

	private final MetricsProperties.Prometheus settings;

	private final JsonHttp http;

	PrometheusMetric(MetricsProperties.Prometheus settings) {
		this.settings = settings;
		this.http = new JsonHttp("Prometheus", settings.timeout());
	}

	double read(String query, Instant at) {
		String url = (this.settings.url().endsWith("/") ? this.settings.url() : this.settings.url() + "/")
				+ "api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&time="
				+ at.getEpochSecond();
		var request = this.http.request(URI.create(url)).GET();
		if (!this.settings.token().isBlank()) {
			request.header("Authorization", "Bearer " + this.settings.token());
		}
		JsonNode answer = this.http.send(request.build());
		if (!"success".equals(answer.path("status").asText())) {
			throw new IntegrationException("Prometheus answered " + answer.path("errorType").asText("an error") + ": "
					+ answer.path("error").asText());
		}
		JsonNode data = answer.path("data");
		JsonNode result = data.path("result");
		String sample = switch (data.path("resultType").asText()) {
			case "scalar" -> result.path(1).asText();
			case "vector" -> {
				if (result.size() != 1) {
					throw new IntegrationException("Prometheus query returned " + result.size() + " series; it must "
							+ "return exactly one (aggregate it, e.g. sum(...) or avg(...))");
				}
				yield result.path(0).path("value").path(1).asText();
			}
			default -> throw new IntegrationException("Prometheus query returned a " + data.path("resultType").asText()
					+ "; it must return a scalar or a single-series vector");
		};
		try {
			double value = Double.parseDouble(sample);
			if (!Double.isFinite(value)) {
				throw new IntegrationException("Prometheus query returned " + sample + ", not a finite number");
			}
			return value;
		}
		catch (NumberFormatException ex) {
			throw new IntegrationException("Prometheus query returned '" + sample + "', not a number", ex);
		}
	}

}
