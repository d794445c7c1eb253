package com.productops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.productops.testing.AppNode;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * A client of /engine-rest (or /api) logged in as one user (HTTP Basic), as other tools
 * would call it.
 */
final class EngineRestClient {

	static final String DEMO_PASSWORD = "demo";

	private final RestClient rest;

	EngineRestClient(int port, String user, String password) {
		this(port, "/engine-rest", user, password);
	}

	/** A client of the application's own API (/api) logged in as the user. */
	static EngineRestClient api(int port, String user, String password) {
		return new EngineRestClient(port, "/api", user, password);
	}

	private EngineRestClient(int port, String root, String user, String password) {
		RestClient.Builder builder = RestClient.builder()
			.baseUrl("http://localhost:" + port + root)
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			});
		if (user != null) {
			builder.defaultHeaders(headers -> headers.setBasicAuth(user, password));
		}
		this.rest = builder.build();
	}

	/** Engine REST variable format: {"name": {"value": v}}. */
	static Map<String, Object> variables(Object... namesAndValues) {
		return AppNode.variables(namesAndValues);
	}

	JsonNode get(String uri) {
		ResponseEntity<JsonNode> response = getEntity(uri);
		assertThat(response.getStatusCode().value()).as(uri).isEqualTo(200);
		return response.getBody();
	}

	ResponseEntity<JsonNode> getEntity(String uri) {
		return this.rest.get().uri(uri).retrieve().toEntity(JsonNode.class);
	}

	ResponseEntity<String> getText(String uri) {
		return this.rest.get().uri(uri).retrieve().toEntity(String.class);
	}

	ResponseEntity<JsonNode> post(String uri, Object body) {
		return this.rest.post()
			.uri(uri)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.toEntity(JsonNode.class);
	}

	ResponseEntity<JsonNode> postRaw(String uri, MediaType type, String body) {
		return this.rest.post().uri(uri).contentType(type).body(body).retrieve().toEntity(JsonNode.class);
	}

	ResponseEntity<JsonNode> postMultipart(String uri, Object parts) {
		return this.rest.post()
			.uri(uri)
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(parts)
			.retrieve()
			.toEntity(JsonNode.class);
	}

	ResponseEntity<JsonNode> put(String uri, Object body) {
		return this.rest.put()
			.uri(uri)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.toEntity(JsonNode.class);
	}

	ResponseEntity<JsonNode> delete(String uri) {
		return this.rest.delete().uri(uri).retrieve().toEntity(JsonNode.class);
	}

	long count(String uri) {
		return get(uri).get("count").asLong();
	}

	List<JsonNode> tasks(String processInstanceId) {
		List<JsonNode> tasks = new ArrayList<>();
		get("/task?processInstanceId=" + processInstanceId).forEach(tasks::add);
		return tasks;
	}

	JsonNode singleTask(String processInstanceId) {
		List<JsonNode> tasks = tasks(processInstanceId);
		assertThat(tasks).hasSize(1);
		return tasks.get(0);
	}

	void complete(JsonNode task, Map<String, Object> variables) {
		ResponseEntity<JsonNode> response = post("/task/" + task.get("id").asText() + "/complete",
				Map.of("variables", variables));
		assertThat(response.getStatusCode().value()).as(String.valueOf(response.getBody())).isEqualTo(204);
	}

	/** Files a report; returns the started instance (id, businessKey). */
	JsonNode fileReport(Map<String, Object> variables) {
		ResponseEntity<JsonNode> response = post("/process-definition/key/productOpsLoop/start",
				Map.of("variables", variables));
		assertThat(response.getStatusCode().value()).as(String.valueOf(response.getBody())).isEqualTo(200);
		return response.getBody();
	}

}
