package com.productops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * The application with its real configuration (H2 file database in a temporary folder), driven over the engine's REST
 * API as a client would: files a report, triages it, decides, ships, records the metric, fires the verification
 * timer, verifies. And bad input is answered with 400 and leaves nothing behind.
 */
class ProductOpsLoopIntegrationTests extends RunningApplicationTests {

	RestClient rest;

	@BeforeEach
	void client() {
		this.rest = RestClient.builder()
			.baseUrl("http://localhost:" + this.port + "/engine-rest")
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			})
			.build();
	}

	@Test
	void wholeLoopOverRest() {
		JsonNode started = post("/process-definition/key/productOpsLoop/start", Map.of("variables",
				variables("title", "Couriers cannot see the drop-off note", "area", "DISPATCH", "description",
						"The note is cut off after 40 characters", "frequency", "HOURLY", "peopleAffectedPerWeek", 300,
						"hoursLostPerWeek", 25.5, "urgency", "HIGH", "evidenceLinks", "https://support.example/t/1",
						"reporter", "olivia")))
			.getBody();
		String instance = started.get("id").asText();
		String caseNumber = started.get("businessKey").asText();
		assertThat(caseNumber).matches("OPS-\\d{4}-\\d{4}");

		JsonNode triage = singleTask(instance);
		assertThat(triage.get("taskDefinitionKey").asText()).isEqualTo("Task_TriageReport");
		assertThat(triage.get("due").isNull()).isFalse();
		assertDeployedForm(triage, "triage-report");
		JsonNode vars = get("/process-instance/" + instance + "/variables");
		assertThat(vars.at("/priority/value").asText()).isEqualTo("P1");
		assertThat(vars.at("/pmGroup/value").asText()).isEqualTo("pm-dispatch");
		assertThat(vars.at("/score/value").asDouble()).isEqualTo(651.0);

		complete(triage, variables("triageOutcome", "ACCEPT"));
		JsonNode decide = singleTask(instance);
		assertThat(decide.get("taskDefinitionKey").asText()).isEqualTo("Task_DecideOnReport");
		assertDeployedForm(decide, "decide-on-report");
		assertThat(get("/task/" + decide.get("id").asText() + "/identity-links").findValuesAsText("groupId"))
			.containsExactly("pm-dispatch");

		complete(decide, variables("pmDecision", "BUILD", "decisionRationale", "Top courier complaint", "successMetric",
				"Courier tickets about notes per week", "metricDirection", "DECREASE", "baselineValue", 120,
				"targetValue", 30, "verificationWindow", "P14D"));
		JsonNode ship = singleTask(instance);
		assertThat(ship.get("taskDefinitionKey").asText()).isEqualTo("Task_ConfirmShipped");
		assertDeployedForm(ship, "confirm-shipped");

		// the delivery tool says it shipped
		assertThat(post("/message", Map.of("messageName", "DeliveryShipped", "businessKey", caseNumber,
				"processVariables", variables("deliveryRef", "https://git.example/pr/77")))
			.getStatusCode()
			.value()).isEqualTo(204);
		assertThat(get("/task?processInstanceId=" + instance)).isEmpty();

		ResponseEntity<JsonNode> text = this.rest.put()
			.uri("/process-instance/" + instance + "/variables/observedValue")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("value", "about 25", "type", "String"))
			.retrieve()
			.toEntity(JsonNode.class);
		assertThat(text.getStatusCode().value()).isEqualTo(400);
		assertThat(text.getBody().get("message").asText()).startsWith("observedValue must be a number");
		assertThat(post("/process-instance/" + instance + "/variables",
				Map.of("modifications", Map.of("observedValue", Map.of("value", "25", "type", "String"))))
			.getStatusCode()
			.value()).isEqualTo(400);
		put("/process-instance/" + instance + "/variables/observedValue", Map.of("value", 25, "type", "Double"));
		JsonNode timer = get("/job?processInstanceId=" + instance + "&timers=true").get(0);
		assertThat(post("/job/" + timer.get("id").asText() + "/execute", Map.of()).getStatusCode().value()).isEqualTo(204);

		JsonNode verify = singleTask(instance);
		assertThat(verify.get("taskDefinitionKey").asText()).isEqualTo("Task_VerifyOutcome");
		assertDeployedForm(verify, "verify-outcome");
		assertThat(get("/process-instance/" + instance + "/variables/verificationVerdict").get("value").asText())
			.isEqualTo("WORKING");
		complete(verify, variables("verificationOutcome", "WORKING", "verificationNote", "25 tickets, below 30"));

		JsonNode finished = get("/history/process-instance/" + instance);
		assertThat(finished.get("state").asText()).isEqualTo("COMPLETED");
		assertThat(get("/history/activity-instance?processInstanceId=" + instance + "&activityType=noneEndEvent")
			.findValuesAsText("activityId")).containsExactly("EndEvent_ClosedWorking");
		assertThat(get("/history/variable-instance?processInstanceId=" + instance + "&variableName=caseOutcome").get(0)
			.get("value")
			.asText()).isEqualTo("WORKING");
	}

	@Test
	void startFormIsDeployed() {
		JsonNode definition = get("/process-definition/key/productOpsLoop");
		assertThat(definition.get("versionTag").asText()).isNotBlank();
		ResponseEntity<String> form = this.rest.get()
			.uri("/process-definition/key/productOpsLoop/deployed-start-form")
			.retrieve()
			.toEntity(String.class);
		assertThat(form.getStatusCode().value()).isEqualTo(200);
		assertThat(form.getBody()).contains("\"id\" : \"report-problem\"".replace(" : ", ": "));
	}

	@Test
	void badReportsAreRefusedWith400AndLeaveNoCase() {
		long before = count("/history/process-instance/count?processDefinitionKey=productOpsLoop");

		assertRefused(Map.of("variables", variables("area", "OTHER")), "title is required");
		assertRefused(Map.of("variables", report("area", "MARS")), "area must be one of");
		assertRefused(Map.of("variables", report("peopleAffectedPerWeek", -5)),
				"peopleAffectedPerWeek must be at least 0 (got -5)");
		assertRefused(Map.of("variables", report("hoursLostPerWeek", -0.5)), "hoursLostPerWeek must be at least 0");
		Map<String, Object> anonymous = report();
		anonymous.remove("reporter");
		assertRefused(Map.of("variables", anonymous), "reporter is required");

		ResponseEntity<JsonNode> notJson = this.rest.post()
			.uri("/process-definition/key/productOpsLoop/start")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{not json")
			.retrieve()
			.toEntity(JsonNode.class);
		assertThat(notJson.getStatusCode().value()).isEqualTo(400);
		assertThat(notJson.getBody().get("message").asText()).startsWith("The request body is not valid JSON");

		// Tasklist's way in
		JsonNode definition = get("/process-definition/key/productOpsLoop");
		ResponseEntity<JsonNode> viaForm = post("/process-definition/" + definition.get("id").asText() + "/submit-form",
				Map.of("variables", report("urgency", "YESTERDAY")));
		assertThat(viaForm.getStatusCode().value()).isEqualTo(400);
		assertThat(viaForm.getBody().get("message").asText()).contains("urgency must be one of");

		// an unknown definition id is left to the engine, which names it
		ResponseEntity<JsonNode> unknown = post("/process-definition/productOpsLoop:9:unknown/start",
				Map.of("variables", report()));
		assertThat(unknown.getBody().get("message").asText())
			.contains("no deployed process definition found with id 'productOpsLoop:9:unknown'");

		assertThat(count("/history/process-instance/count?processDefinitionKey=productOpsLoop")).isEqualTo(before);
	}

	@Test
	void duplicateOfAnUnknownCaseIsRefusedAndTheTaskStays() {
		String instance = post("/process-definition/key/productOpsLoop/start", Map.of("variables", report()))
			.getBody()
			.get("id")
			.asText();
		JsonNode triage = singleTask(instance);

		ResponseEntity<JsonNode> refused = post("/task/" + triage.get("id").asText() + "/complete",
				Map.of("variables", variables("triageOutcome", "DUPLICATE", "duplicateOf", "OPS-1999-0001")));
		assertThat(refused.getStatusCode().value()).isEqualTo(400);
		assertThat(refused.getBody().get("message").asText()).isEqualTo("duplicateOf OPS-1999-0001 does not exist");

		ResponseEntity<JsonNode> viaForm = post("/task/" + triage.get("id").asText() + "/submit-form",
				Map.of("variables", variables("triageOutcome", "REJECT")));
		assertThat(viaForm.getStatusCode().value()).isEqualTo(400);
		assertThat(viaForm.getBody().get("message").asText()).startsWith("triageNote is required when the outcome is REJECT");

		assertThat(singleTask(instance).get("id").asText()).isEqualTo(triage.get("id").asText());
	}

	// --- helpers ------------------------------------------------------------------------------------------------

	private static Map<String, Object> report(Object... overrides) {
		Map<String, Object> report = variables("title", "Supply forecast ignores holidays", "area", "SUPPLY",
				"description", "Forecast is 30% off on public holidays", "frequency", "WEEKLY", "peopleAffectedPerWeek", 40,
				"hoursLostPerWeek", 6, "urgency", "MEDIUM", "reporter", "olivia");
		report.putAll(variables(overrides));
		return report;
	}

	/** Engine REST variable format: {"name": {"value": v}}. */
	private static Map<String, Object> variables(Object... namesAndValues) {
		Map<String, Object> variables = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			variables.put((String) namesAndValues[i], Map.of("value", namesAndValues[i + 1]));
		}
		return variables;
	}

	private void assertRefused(Map<String, Object> body, String message) {
		ResponseEntity<JsonNode> response = post("/process-definition/key/productOpsLoop/start", body);
		assertThat(response.getStatusCode().value()).isEqualTo(400);
		assertThat(response.getBody().get("type").asText()).isEqualTo("InvalidRequestException");
		assertThat(response.getBody().get("message").asText()).contains(message);
	}

	private void assertDeployedForm(JsonNode task, String formId) {
		assertThat(task.at("/camundaFormRef/key").asText()).isEqualTo(formId);
		ResponseEntity<String> form = this.rest.get()
			.uri("/task/" + task.get("id").asText() + "/deployed-form")
			.retrieve()
			.toEntity(String.class);
		assertThat(form.getStatusCode().value()).isEqualTo(200);
		assertThat(form.getBody()).contains(formId);
	}

	private JsonNode singleTask(String instance) {
		List<JsonNode> tasks = List.copyOf(iterable(get("/task?processInstanceId=" + instance)));
		assertThat(tasks).hasSize(1);
		return tasks.get(0);
	}

	private static List<JsonNode> iterable(JsonNode array) {
		List<JsonNode> list = new java.util.ArrayList<>();
		array.forEach(list::add);
		return list;
	}

	private void complete(JsonNode task, Map<String, Object> variables) {
		ResponseEntity<JsonNode> response = post("/task/" + task.get("id").asText() + "/complete",
				Map.of("variables", variables));
		assertThat(response.getStatusCode().value()).as(String.valueOf(response.getBody())).isEqualTo(204);
	}

	private long count(String uri) {
		return get(uri).get("count").asLong();
	}

	private JsonNode get(String uri) {
		ResponseEntity<JsonNode> response = this.rest.get().uri(uri).retrieve().toEntity(JsonNode.class);
		assertThat(response.getStatusCode().value()).as(uri).isEqualTo(200);
		return response.getBody();
	}

	private ResponseEntity<JsonNode> post(String uri, Object body) {
		return this.rest.post().uri(uri).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(JsonNode.class);
	}

	private void put(String uri, Object body) {
		ResponseEntity<Void> response = this.rest.put()
			.uri(uri)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.toBodilessEntity();
		assertThat(response.getStatusCode().value()).isEqualTo(204);
	}

}
