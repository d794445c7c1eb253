package com.productops;

import static com.productops.EngineRestClient.DEMO_PASSWORD;
import static com.productops.EngineRestClient.variables;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * Who may do what, tried over HTTP by each persona as a client would (demo users,
 * password "demo"): REST needs a login; reporters see their own cases only; PMs their own
 * area; leads read everything and change nothing; only admins deploy; Java-serialized
 * variables are refused.
 */
class SecurityIntegrationTests extends RunningApplicationTests {

	/** One GET per endpoint family the application and its tools use. */
	static final List<String> ENDPOINT_FAMILIES = List.of("/process-definition", "/process-instance", "/task",
			"/variable-instance", "/execution", "/job", "/incident", "/deployment", "/decision-definition", "/filter",
			"/user", "/group", "/authorization", "/history/process-instance", "/history/activity-instance",
			"/history/task", "/history/variable-instance", "/history/detail", "/history/user-operation",
			"/history/decision-instance", "/history/incident");

	EngineRestClient olivia;

	EngineRestClient otto;

	EngineRestClient priya;

	EngineRestClient sam;

	EngineRestClient dana;

	EngineRestClient lee;

	EngineRestClient admin;

	@BeforeEach
	void clients() {
		this.olivia = as("olivia");
		this.otto = as("otto");
		this.priya = as("priya");
		this.sam = as("sam");
		this.dana = as("dana");
		this.lee = as("lee");
		this.admin = as("admin");
	}

	@Test
	void restNeedsALogin() {
		// a user of its own: wrong passwords lock a user out for a few seconds
		User tess = this.identity.newUser("tess");
		tess.setPassword("right-password");
		this.identity.saveUser(tess);
		EngineRestClient anonymous = new EngineRestClient(this.port, null, null);
		EngineRestClient unknownUser = new EngineRestClient(this.port, "mallory", DEMO_PASSWORD);
		EngineRestClient wrongPassword = new EngineRestClient(this.port, "tess", "wrong-password");

		for (String endpoint : ENDPOINT_FAMILIES) {
			assertThat(anonymous.getEntity(endpoint).getStatusCode().value()).as("anonymous " + endpoint)
				.isEqualTo(401);
			// after 10 failures for one user from one address, that address is throttled
			// (429) for that user
			assertThat(unknownUser.getEntity(endpoint).getStatusCode().value()).as("unknown user " + endpoint)
				.isIn(401, 429);
			assertThat(wrongPassword.getEntity(endpoint).getStatusCode().value()).as("wrong password " + endpoint)
				.isIn(401, 429);
			assertThat(this.admin.getEntity(endpoint).getStatusCode().value()).as("admin " + endpoint).isEqualTo(200);
		}
		assertThat(anonymous
			.post("/process-definition/key/productOpsLoop/start",
					Map.of("variables", ProductOpsLoopIntegrationTests.report()))
			.getStatusCode()
			.value()).isEqualTo(401);
		assertThat(anonymous.post("/message", Map.of("messageName", "DeliveryShipped", "businessKey", "OPS-2026-0001"))
			.getStatusCode()
			.value()).isEqualTo(401);
		// the engine's name stays open, as in Camunda's own set-up
		assertThat(anonymous.getEntity("/engine").getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void reportersSeeTheirOwnCasesOnly() {
		String mine = this.olivia.fileReport(ProductOpsLoopIntegrationTests.report("title", "Olivia's own report"))
			.get("id")
			.asText();
		String theirs = this.otto.fileReport(ProductOpsLoopIntegrationTests.report("title", "Otto's own report"))
			.get("id")
			.asText();

		// the reporter is whoever is logged in: a report that names another reporter is
		// refused
		ResponseEntity<JsonNode> spoofed = this.olivia.post("/process-definition/key/productOpsLoop/start",
				Map.of("variables",
						ProductOpsLoopIntegrationTests.report("title", "Filed in Otto's name", "reporter", "otto")));
		assertThat(spoofed.getStatusCode().value()).isEqualTo(400);
		assertThat(spoofed.getBody().get("message").asText()).isEqualTo("Not fields of the report form: reporter");
		assertThat(this.priya.get("/process-instance/" + mine + "/variables").at("/reporter/value").asText())
			.isEqualTo("olivia");

		// her own case: listed, readable, with history
		assertThat(this.olivia.get("/process-instance").findValuesAsText("id")).contains(mine).doesNotContain(theirs);
		assertThat(this.olivia.get("/process-instance/" + mine + "/variables").at("/title/value").asText())
			.isEqualTo("Olivia's own report");
		assertThat(this.olivia.get("/history/process-instance").findValuesAsText("id")).contains(mine)
			.doesNotContain(theirs);
		assertThat(this.olivia.get("/history/variable-instance?processInstanceId=" + mine)).isNotEmpty();

		// Otto's case: not listed, not readable, no history, nothing to complete
		assertThat(this.olivia.getEntity("/process-instance/" + theirs).getStatusCode().value()).isIn(403, 404);
		assertThat(this.olivia.getEntity("/process-instance/" + theirs + "/variables").getStatusCode().value())
			.isEqualTo(403);
		assertThat(this.olivia.get("/history/process-instance?processInstanceId=" + theirs)).isEmpty();
		assertThat(this.olivia.get("/history/variable-instance?processInstanceId=" + theirs)).isEmpty();
		assertThat(this.olivia.get("/history/activity-instance?processInstanceId=" + theirs)).isEmpty();
		assertThat(this.olivia.get("/history/task?processInstanceId=" + theirs)).isEmpty();
		assertThat(this.olivia.get("/variable-instance?processInstanceIdIn=" + theirs)).isEmpty();
		assertThat(this.olivia.tasks(theirs)).isEmpty();
		JsonNode triage = this.priya.singleTask(theirs);
		assertThat(this.olivia
			.post("/task/" + triage.get("id").asText() + "/complete",
					Map.of("variables", variables("triageOutcome", "REJECT", "triageNote", "sabotage")))
			.getStatusCode()
			.value()).isIn(403, 404);

		// a question about Otto's report goes to Otto, and only Otto can answer it
		this.priya.complete(triage, variables("triageOutcome", "NEEDS_INFO", "triageNote", "Which city?"));
		assertThat(this.olivia.tasks(theirs)).isEmpty();
		JsonNode question = this.otto.singleTask(theirs);
		assertThat(question.get("taskDefinitionKey").asText()).isEqualTo("Task_ProvideMoreInfo");
		assertThat(this.olivia
			.post("/task/" + question.get("id").asText() + "/complete",
					Map.of("variables", variables("moreInfo", "not mine to answer")))
			.getStatusCode()
			.value()).isIn(403, 404);
		// the case page asks Otto the question itself, and tells Priya it waits for the
		// reporter
		String theirCase = this.priya.get("/process-instance/" + theirs).get("businessKey").asText();
		JsonNode asked = EngineRestClient.api(this.port, "otto", EngineRestClient.DEMO_PASSWORD)
			.get("/cases/" + theirCase + "/story");
		assertThat(asked.get("myQuestion").asText()).isEqualTo("Product Ops asks you: “Which city?”");
		assertThat(asked.get("now").asText()).isEqualTo("Product Ops asked you a question");
		assertThat(EngineRestClient.api(this.port, "priya", EngineRestClient.DEMO_PASSWORD)
			.get("/cases/" + theirCase + "/story")
			.get("now")
			.asText()).isEqualTo("Product Ops asked the reporter a question");
		this.otto.complete(question, variables("moreInfo", "Berlin"));
		assertThat(this.priya.singleTask(theirs).get("taskDefinitionKey").asText()).isEqualTo("Task_TriageReport");

		// "My reports" in Tasklist: each reporter's own reports, with case number and
		// where each one is
		JsonNode myReports = EngineRestClient.api(this.port, "olivia", EngineRestClient.DEMO_PASSWORD)
			.get("/my-reports");
		assertThat(myReports.findValuesAsText("title")).contains("Olivia's own report")
			.doesNotContain("Otto's own report", "Filed in Otto's name");
		JsonNode own = StreamSupport.stream(myReports.spliterator(), false)
			.filter(r -> r.get("title").asText().equals("Olivia's own report"))
			.findFirst()
			.orElseThrow();
		assertThat(own.get("caseNumber").asText()).matches("OPS-\\d{4}-\\d{4}");
		assertThat(own.get("state").asText()).isEqualTo("open");
		assertThat(own.get("whereItIs").asText()).isEqualTo("Product Ops is reviewing the report");
		JsonNode ottos = EngineRestClient.api(this.port, "otto", EngineRestClient.DEMO_PASSWORD).get("/my-reports");
		assertThat(ottos.findValuesAsText("title")).contains("Otto's own report").doesNotContain("Olivia's own report");
		// the case page tells Otto the whole conversation; nobody else who is not
		// involved reads it
		String ottosCase = StreamSupport.stream(ottos.spliterator(), false)
			.filter(r -> r.get("title").asText().equals("Otto's own report"))
			.findFirst()
			.orElseThrow()
			.get("caseNumber")
			.asText();
		JsonNode story = EngineRestClient.api(this.port, "otto", EngineRestClient.DEMO_PASSWORD)
			.get("/cases/" + ottosCase + "/story");
		assertThat(story.toString())
			.contains("\"value\":\"Which city?\"", "\"value\":\"Berlin\"", "More information needed from the reporter")
			.doesNotContain("NEEDS_INFO", "triageNote", "moreInfo");
		assertThat(story.get("now").asText()).isEqualTo("Product Ops is reviewing the report");
		assertThat(EngineRestClient.api(this.port, "olivia", EngineRestClient.DEMO_PASSWORD)
			.getEntity("/cases/" + ottosCase + "/story")
			.getStatusCode()
			.value()).isEqualTo(404);
		assertThat(EngineRestClient.api(this.port, null, null).getEntity("/my-reports").getStatusCode().value())
			.isEqualTo(401);
	}

	@Test
	void aReportMergedIntoACaseThatWasMergedInTurnPointsToWhereTheProblemLivesNow() {
		JsonNode first = this.olivia.fileReport(ProductOpsLoopIntegrationTests.report("title", "Chain: the first"));
		JsonNode second = this.olivia.fileReport(ProductOpsLoopIntegrationTests.report("title", "Chain: the second"));
		JsonNode third = this.otto.fileReport(ProductOpsLoopIntegrationTests.report("title", "Chain: the third"));
		this.priya.complete(this.priya.singleTask(third.get("id").asText()),
				variables("triageOutcome", "DUPLICATE", "duplicateOf", second.get("businessKey").asText()));
		this.priya.complete(this.priya.singleTask(second.get("id").asText()),
				variables("triageOutcome", "DUPLICATE", "duplicateOf", first.get("businessKey").asText()));

		EngineRestClient otto = EngineRestClient.api(this.port, "otto", EngineRestClient.DEMO_PASSWORD);
		JsonNode ottos = otto.get("/my-reports");
		JsonNode merged = StreamSupport.stream(ottos.spliterator(), false)
			.filter(r -> r.get("title").asText().equals("Chain: the third"))
			.findFirst()
			.orElseThrow();
		String firstNumber = first.get("businessKey").asText();
		assertThat(merged.get("whereItIs").asText()).isEqualTo("Merged into " + firstNumber);
		assertThat(ottos.findValuesAsText("title")).as("Otto follows the case his report lives on")
			.contains("Chain: the first");
		assertThat(otto.get("/cases/" + third.get("businessKey").asText() + "/story").get("mergedInto").asText())
			.isEqualTo(firstNumber);
		// people by their names, not their logins: on the case page and on Product Ops'
		// form
		JsonNode firstStory = otto.get("/cases/" + firstNumber + "/story");
		assertThat(firstStory.get("reporter").asText()).isEqualTo("Olivia Ortega");
		JsonNode form = this.priya
			.get("/task/" + this.priya.singleTask(first.get("id").asText()).get("id").asText() + "/form-variables");
		assertThat(form.at("/reporterName/value").asText()).isEqualTo("Olivia Ortega");
		assertThat(form.at("/affectedMarkdown/value").asText()).contains("**Olivia Ortega** (reported it)",
				"**Otto Okafor** (merged report " + third.get("businessKey").asText());
		// the case's page tells everyone on it how far the problem reaches: Olivia's
		// second
		// report counts once (she reported the case), Otto's merged one counts
		assertThat(otto.get("/cases/" + firstNumber + "/story").get("reach").asText())
			.isEqualTo("80 people affected, 12 hours lost per week "
					+ "(everyone who has the problem: the reporter and 1 more person)");
	}

	@Test
	void pmsDecideForTheirOwnAreaOnly() {
		String dispatchCase = this.olivia
			.fileReport(ProductOpsLoopIntegrationTests.report("title", "Dispatch map is slow", "area", "DISPATCH"))
			.get("id")
			.asText();
		this.priya.complete(this.priya.singleTask(dispatchCase), variables("triageOutcome", "ACCEPT"));
		JsonNode decision = this.dana.singleTask(dispatchCase);

		assertThat(this.sam.tasks(dispatchCase)).isEmpty();
		assertThat(this.sam.get("/task?taskDefinitionKey=Task_DecideOnReport").findValuesAsText("processInstanceId"))
			.doesNotContain(dispatchCase);
		assertThat(this.sam.getEntity("/task/" + decision.get("id").asText()).getStatusCode().value()).isIn(403, 404);
		assertThat(this.sam.getEntity("/process-instance/" + dispatchCase + "/variables").getStatusCode().value())
			.isEqualTo(403);
		assertThat(this.sam
			.post("/task/" + decision.get("id").asText() + "/complete",
					Map.of("variables", variables("pmDecision", "WONT_DO", "decisionRationale", "not my area")))
			.getStatusCode()
			.value()).isIn(403, 404);

		// the routed PM can read the case and decide
		assertThat(this.dana.get("/process-instance/" + dispatchCase + "/variables").at("/title/value").asText())
			.isEqualTo("Dispatch map is slow");
		this.dana.complete(decision, variables("pmDecision", "WONT_DO", "decisionRationale", "New map next month"));
		// closed as won't do (it listens for more evidence before it ends)
		assertThat(this.lee
			.get("/history/variable-instance?processInstanceId=" + dispatchCase + "&variableName=caseOutcome")
			.at("/0/value")
			.asText()).isEqualTo("WONT_DO");
	}

	@Test
	void leadsReadEverythingAndChangeNothing() {
		String instance = this.otto.fileReport(ProductOpsLoopIntegrationTests.report("title", "Lead audit case"))
			.get("id")
			.asText();
		JsonNode triage = this.priya.singleTask(instance);

		assertThat(this.lee.get("/process-instance?processInstanceIds=" + instance)).hasSize(1);
		assertThat(this.lee.get("/history/variable-instance?processInstanceId=" + instance)).isNotEmpty();
		assertThat(this.lee.get("/task?processInstanceId=" + instance)).hasSize(1);
		assertThat(this.lee
			.post("/task/" + triage.get("id").asText() + "/complete",
					Map.of("variables", variables("triageOutcome", "ACCEPT")))
			.getStatusCode()
			.value()).isEqualTo(403);
		assertThat(this.lee.post("/task/" + triage.get("id").asText() + "/claim", Map.of("userId", "lee"))
			.getStatusCode()
			.value()).isEqualTo(403);
		assertThat(this.lee.put("/process-instance/" + instance + "/variables/priority", Map.of("value", "P1"))
			.getStatusCode()
			.value()).isEqualTo(403);
		assertThat(this.lee.post("/filter/create", Map.of("resourceType", "Task", "name", "mine", "query", Map.of()))
			.getStatusCode()
			.value()).isEqualTo(403);
	}

	/** What the web apps offer each person: reporting, and links into Cockpit. */
	@Test
	void eachPersonIsToldWhatTheyMayOpen() {
		JsonNode olivia = EngineRestClient.api(this.port, "olivia", DEMO_PASSWORD).get("/me");
		assertThat(olivia.get("mayReport").asBoolean()).isTrue();
		assertThat(olivia.get("cockpit").asBoolean()).isFalse();
		JsonNode lee = EngineRestClient.api(this.port, "lee", DEMO_PASSWORD).get("/me");
		assertThat(lee.get("mayReport").asBoolean()).isFalse();
		assertThat(lee.get("cockpit").asBoolean()).isTrue();
		assertThat(lee.get("home").asText()).isEqualTo("/camunda/app/cockpit/default/#/product-ops");
		assertThat(EngineRestClient.api(this.port, "dana", DEMO_PASSWORD).get("/me").get("cockpit").asBoolean())
			.isFalse();
	}

	@Test
	void onlyAdminsDeploy() {
		for (EngineRestClient notAdmin : List.of(this.lee, this.priya, this.dana, this.olivia)) {
			assertThat(deploy(notAdmin, "not-allowed").getStatusCode().value()).isEqualTo(403);
		}
		ResponseEntity<JsonNode> deployed = deploy(this.admin, "admin-may");
		assertThat(deployed.getStatusCode().value()).isEqualTo(200);
		RestClient.create()
			.delete()
			.uri("http://localhost:" + this.port + "/engine-rest/deployment/" + deployed.getBody().get("id").asText()
					+ "?cascade=true")
			.headers(headers -> headers.setBasicAuth("admin", DEMO_PASSWORD))
			.retrieve()
			.toBodilessEntity();
	}

	@Test
	void caseValuesWrittenByHandMustBeWhatTheLoopWrites() {
		String instance = this.olivia.fileReport(ProductOpsLoopIntegrationTests.report("title", "Typed values probe"))
			.get("id")
			.asText();
		String variables = "/process-instance/" + instance + "/variables";

		ResponseEntity<JsonNode> title = this.admin.put(variables + "/title", Map.of("value", 42, "type", "Integer"));
		assertThat(title.getStatusCode().value()).isEqualTo(400);
		assertThat(title.getBody().get("message").asText()).contains("Title: must be text");
		ResponseEntity<JsonNode> people = this.admin.post(variables,
				Map.of("modifications", Map.of("peopleAffectedPerWeek", Map.of("value", "many", "type", "String"))));
		assertThat(people.getStatusCode().value()).isEqualTo(400);
		assertThat(people.getBody().get("message").asText()).contains("must be a number");
		ResponseEntity<JsonNode> list = this.admin.post(variables,
				Map.of("modifications", Map.of("alsoAffected", Map.of("value", "[{\"person\":null}]"))));
		assertThat(list.getStatusCode().value()).isEqualTo(400);
		assertThat(list.getBody().get("message").asText())
			.contains("Also affected: must be a list as the loop writes it");
		ResponseEntity<JsonNode> answers = this.admin.put(variables + "/reporterAnswers",
				Map.of("value", "not a list", "type", "String"));
		assertThat(answers.getStatusCode().value()).isEqualTo(400);
		// every command that writes values: a start at a later step, a date
		long cases = this.admin.get("/process-instance/count").get("count").asLong();
		ResponseEntity<JsonNode> later = this.admin.post("/process-definition/key/productOpsLoop/start",
				Map.of("variables", Map.of("title", Map.of("value", 7, "type", "Integer")), "startInstructions",
						List.of(Map.of("type", "startBeforeActivity", "activityId", "Task_TriageReport"))));
		assertThat(later.getStatusCode().value()).isEqualTo(400);
		assertThat(this.admin.get("/process-instance/count").get("count").asLong()).isEqualTo(cases);
		assertThat(this.admin.put(variables + "/reportedAt", Map.of("value", "yesterday-ish", "type", "String"))
			.getStatusCode()
			.value()).isEqualTo(400);
		ResponseEntity<JsonNode> batch = this.admin.post("/process-instance/variables-async",
				Map.of("processInstanceIds", List.of(instance), "variables",
						Map.of("title", Map.of("value", 99, "type", "Integer"))));
		assertThat(batch.getStatusCode().value()).isEqualTo(400);
		assertThat(this.admin.put(variables + "/title", Map.of("type", "Null")).getStatusCode().value()).isEqualTo(400);
		assertThat(this.admin.delete(variables + "/reporter").getStatusCode().value()).isEqualTo(400);
		assertThat(
				this.admin.put(variables + "/alsoAffected",
						Map.of("value",
								"[{\"person\":\"otto\",\"peopleAffectedPerWeek\":3,\"hoursLostPerWeek\":1e400,"
										+ "\"via\":\"ME_TOO\"}]",
								"type", "String"))
					.getStatusCode()
					.value())
			.isEqualTo(400);
		assertThat(this.admin.get(variables + "/title").get("value").asText()).isEqualTo("Typed values probe");
		assertThat(this.admin.get(variables).has("reporterAnswers")).isFalse();

		// what the loop writes is still taken by hand
		assertThat(this.admin.put(variables + "/title", Map.of("value", "Typed values, renamed", "type", "String"))
			.getStatusCode()
			.value()).isEqualTo(204);
		assertThat(this.admin
			.put(variables + "/alsoAffected",
					Map.of("value",
							"[{\"person\":\"otto\",\"peopleAffectedPerWeek\":3,"
									+ "\"hoursLostPerWeek\":1,\"via\":\"ME_TOO\"}]",
							"type", "String"))
			.getStatusCode()
			.value()).isEqualTo(204);
	}

	@Test
	void javaSerializedVariablesAreRefused() {
		String instance = this.olivia.fileReport(ProductOpsLoopIntegrationTests.report("title", "Serialization probe"))
			.get("id")
			.asText();
		Map<String, Object> serialized = Map.of("value", "rO0ABXQABWhlbGxv", "type", "Object", "valueInfo",
				Map.of("objectTypeName", "java.lang.String", "serializationDataFormat",
						"application/x-java-serialized-object"));

		ResponseEntity<JsonNode> put = this.admin.put("/process-instance/" + instance + "/variables/payload",
				serialized);
		assertThat(put.getStatusCode().value()).isEqualTo(400);
		assertThat(put.getBody().get("message").asText()).contains("Java-serialized variables");
		ResponseEntity<JsonNode> start = this.admin.post("/process-definition/key/productOpsLoop/start",
				Map.of("variables", Map.of("payload", serialized)));
		assertThat(start.getStatusCode().value()).isEqualTo(400);
		assertThat(this.admin.get("/process-instance/" + instance + "/variables").has("payload")).isFalse();
		// a text that only mentions the format is not a serialized value
		assertThat(this.admin
			.put("/process-instance/" + instance + "/variables/note",
					Map.of("value", "we refuse application/x-java-serialized-object", "type", "String"))
			.getStatusCode()
			.value()).isEqualTo(204);
	}

	private EngineRestClient as(String user) {
		return new EngineRestClient(this.port, user, DEMO_PASSWORD);
	}

	private ResponseEntity<JsonNode> deploy(EngineRestClient client, String name) {
		String bpmn = """
				<?xml version="1.0" encoding="UTF-8"?>
				<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
				    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="test">
				  <process id="probe_%s" isExecutable="true" camunda:historyTimeToLive="P1D">
				    <startEvent id="s"/>
				  </process>
				</definitions>""".formatted(name.replace('-', '_'));
		var parts = new LinkedMultiValueMap<String, Object>();
		parts.add("deployment-name", name);
		parts.add("data", new ByteArrayResource(bpmn.getBytes()) {
			@Override
			public String getFilename() {
				return name + ".bpmn";
			}
		});
		return client.postMultipart("/deployment/create", parts);
	}

}
