package com.productops;

import static com.productops.EngineRestClient.DEMO_PASSWORD;
import static com.productops.EngineRestClient.variables;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.productops.audit.CaseTimeline;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The application with its real configuration, driven over the engine's REST API by each
 * persona as their tools would: ops files a report, Product Ops triages, the routed PM
 * decides, a delivery tool says it shipped, Product Ops records the metric and verifies,
 * a lead reads the history. And bad input is answered with 400 and leaves nothing behind.
 */
class ProductOpsLoopIntegrationTests extends RunningApplicationTests {

	EngineRestClient olivia;

	EngineRestClient priya;

	EngineRestClient dana;

	EngineRestClient lee;

	EngineRestClient admin;

	@BeforeEach
	void clients() {
		this.olivia = new EngineRestClient(this.port, "olivia", DEMO_PASSWORD);
		this.priya = new EngineRestClient(this.port, "priya", DEMO_PASSWORD);
		this.dana = new EngineRestClient(this.port, "dana", DEMO_PASSWORD);
		this.lee = new EngineRestClient(this.port, "lee", DEMO_PASSWORD);
		this.admin = new EngineRestClient(this.port, "admin", DEMO_PASSWORD);
	}

	@Test
	void wholeLoopOverRest() {
		JsonNode started = this.olivia
			.fileReport(variables("title", "Couriers cannot see the drop-off note", "area", "DISPATCH", "description",
					"The note is cut off after 40 characters", "frequency", "HOURLY", "peopleAffectedPerWeek", 300,
					"hoursLostPerWeek", 25.5, "urgency", "HIGH", "evidenceLinks", "https://support.example/t/1"));
		String instance = started.get("id").asText();
		String caseNumber = started.get("businessKey").asText();
		assertThat(caseNumber).matches("OPS-\\d{4}-\\d{4}");

		JsonNode triage = this.priya.singleTask(instance);
		assertThat(triage.get("taskDefinitionKey").asText()).isEqualTo("Task_TriageReport");
		assertThat(triage.get("due").isNull()).isFalse();
		assertDeployedForm(this.priya, triage, "triage-report");
		JsonNode vars = this.priya.get("/process-instance/" + instance + "/variables");
		assertThat(vars.at("/reporter/value").asText()).isEqualTo("olivia");
		assertThat(vars.at("/priority/value").asText()).isEqualTo("P1");
		assertThat(vars.at("/pmGroup/value").asText()).isEqualTo("pm-dispatch");
		assertThat(vars.at("/score/value").asDouble()).isEqualTo(651.0);

		this.priya.complete(triage, variables("triageOutcome", "ACCEPT"));
		JsonNode decide = this.dana.singleTask(instance);
		assertThat(decide.get("taskDefinitionKey").asText()).isEqualTo("Task_DecideOnReport");
		assertDeployedForm(this.dana, decide, "decide-on-report");
		assertThat(this.dana.get("/task/" + decide.get("id").asText() + "/identity-links").findValuesAsText("groupId"))
			.containsExactly("pm-dispatch");

		this.dana.complete(decide,
				variables("pmDecision", "BUILD", "decisionRationale", "Top courier complaint", "successMetric",
						"Courier tickets about notes per week", "metricDirection", "DECREASE", "baselineValue", 120,
						"targetValue", 30, "verificationWindow", "P14D"));
		JsonNode ship = this.dana.singleTask(instance);
		assertThat(ship.get("taskDefinitionKey").asText()).isEqualTo("Task_ConfirmShipped");
		assertDeployedForm(this.dana, ship, "confirm-shipped");

		// the delivery tool says it shipped; its account reads no case
		EngineRestClient shipbot = new EngineRestClient(this.port, "shipbot", DEMO_PASSWORD);
		assertThat(shipbot.get("/process-instance?businessKey=" + caseNumber)).isEmpty();
		assertThat(shipbot.get("/variable-instance?processInstanceIdIn=" + instance)).isEmpty();
		assertThat(
				shipbot.post("/message",
						Map.of("messageName", "DeliveryShipped", "businessKey", caseNumber, "processVariables",
								variables("deliveryRef", "https://git.example/pr/77")))
					.getStatusCode()
					.value())
			.isEqualTo(204);
		assertThat(this.admin.tasks(instance)).isEmpty();

		// Product Ops, the case's PM group or a metric feed post readings of the success
		// metric
		String readings = "/cases/" + caseNumber + "/metrics";
		ResponseEntity<JsonNode> text = api("priya").post(readings, Map.of("value", "about 25"));
		assertThat(text.getStatusCode().value()).isEqualTo(400);
		assertThat(text.getBody().get("message").asText()).isEqualTo("Value: must be a number");
		ResponseEntity<JsonNode> future = api("priya").post(readings,
				Map.of("value", 25, "timestamp", "2999-01-01T00:00:00Z"));
		assertThat(future.getStatusCode().value()).isEqualTo(400);
		assertThat(future.getBody().get("message").asText()).startsWith("Measured at: must not be in the future");
		assertThat(api("priya").postRaw(readings, MediaType.APPLICATION_JSON, "{\"value\": ").getStatusCode().value())
			.isEqualTo(400);
		assertThat(api("olivia").post(readings, Map.of("value", 25)).getStatusCode().value()).isEqualTo(403);
		assertThat(api("sam").post(readings, Map.of("value", 25)).getStatusCode().value()).isEqualTo(403);
		assertThat(api(null).post(readings, Map.of("value", 25)).getStatusCode().value()).isEqualTo(401);
		assertThat(api("priya").post("/cases/OPS-1999-0001/metrics", Map.of("value", 25)).getStatusCode().value())
			.isEqualTo(404);
		ResponseEntity<JsonNode> recorded = api("dana").post(readings,
				Map.of("value", 25, "source", "support dashboard"));
		assertThat(recorded.getStatusCode().value()).isEqualTo(201);
		assertThat(recorded.getBody().get("recordedBy").asText()).isEqualTo("dana");
		assertThat(api("lee").get(readings).findValuesAsText("source")).containsExactly("support dashboard");

		JsonNode timer = this.admin.get("/job?processInstanceId=" + instance + "&timers=true").get(0);
		assertThat(this.admin.post("/job/" + timer.get("id").asText() + "/execute", Map.of()).getStatusCode().value())
			.isEqualTo(204);

		JsonNode verify = this.priya.singleTask(instance);
		assertThat(verify.get("taskDefinitionKey").asText()).isEqualTo("Task_VerifyOutcome");
		assertDeployedForm(this.priya, verify, "verify-outcome");
		assertThat(this.priya.get("/process-instance/" + instance + "/variables/verificationVerdict")
			.get("value")
			.asText()).isEqualTo("WORKING");
		JsonNode measured = this.priya.get("/process-instance/" + instance + "/variables");
		assertThat(measured.at("/observedValue/value").asDouble()).isEqualTo(25.0);
		assertThat(measured.at("/metricNote/value").asText())
			.isEqualTo("Reading from support dashboard, recorded by Dana Dispatch");
		// a reading of the change recorded after the window is shown beside the window's,
		// which the verdict is made of; one measured before it shipped is not
		String verifyForm = "/task/" + verify.get("id").asText() + "/form-variables";
		assertThat(this.priya.get(verifyForm).has("laterReadingText")).isFalse();
		assertThat(api("dana").post(readings, Map.of("value", 3, "timestamp", "2026-01-20T09:30:00Z"))
			.getStatusCode()
			.value()).isEqualTo(201);
		assertThat(this.priya.get(verifyForm).has("laterReadingText")).isFalse();
		// on one line, as text: no heading, no link
		assertThat(
				api("dana").post(readings, Map.of("value", 41.5, "source", "weekly *export*\n===\nhttps://x.example"))
					.getStatusCode()
					.value())
			.isEqualTo(201);
		assertThat(this.priya.get(verifyForm).at("/laterReadingText/value").asText()).startsWith("41.5, measured ")
			.endsWith("(weekly \\*export\\* \\=\\=\\= https\\://x\\.example, recorded by Dana Dispatch)");
		// of more, the latest measured, and how many there are
		assertThat(api("priya").post(readings, Map.of("value", 29, "timestamp", "2026-01-21T09:30:00Z"))
			.getStatusCode()
			.value()).isEqualTo(201);
		assertThat(api("priya").post(readings, Map.of("value", 28)).getStatusCode().value()).isEqualTo(201);
		assertThat(this.priya.get(verifyForm).at("/laterReadingText/value").asText()).startsWith("28, measured ")
			.endsWith("(API, recorded by Priya Patel); the latest of 2 – the case page lists them");

		this.priya.complete(verify,
				variables("verificationOutcome", "WORKING", "verificationNote", "25 tickets, below 30"));
		// closed as working, then watched for regressions: the metric is read again at 30
		// and 90 days
		assertThat(this.lee.get("/history/process-instance/" + instance).get("state").asText()).isEqualTo("ACTIVE");
		JsonNode watched = api("olivia").get("/cases/" + caseNumber + "/story");
		assertThat(watched.get("state").asText()).isEqualTo("Closed – watched for regressions");
		// when it is looked at next: the first reading of the watch
		String firstReading = this.admin
			.get("/job?processInstanceId=" + instance + "&timers=true&activityId=Timer_WatchReading")
			.get(0)
			.get("dueDate")
			.asText();
		assertThat(watched.get("dueAt").asText()).startsWith(firstReading.substring(0, 10));
		assertThat(watched.get("dueLabel").asText()).isEqualTo("Next metric reading:");
		for (int reading = 0; reading < 2; reading++) {
			JsonNode watch = this.admin
				.get("/job?processInstanceId=" + instance + "&timers=true&activityId=Timer_WatchReading")
				.get(0);
			assertThat(
					this.admin.post("/job/" + watch.get("id").asText() + "/execute", Map.of()).getStatusCode().value())
				.isEqualTo(204);
		}

		JsonNode finished = this.lee.get("/history/process-instance/" + instance);
		assertThat(finished.get("state").asText()).isEqualTo("COMPLETED");
		assertThat(
				this.lee.get("/history/activity-instance?processInstanceId=" + instance + "&activityType=noneEndEvent")
					.findValuesAsText("activityId"))
			.containsExactly("EndEvent_ClosedWorking");
		assertThat(
				this.lee.get("/history/variable-instance?processInstanceId=" + instance + "&variableName=caseOutcome")
					.get(0)
					.get("value")
					.asText())
			.isEqualTo("WORKING");
		// readings are taken while a case is open
		ResponseEntity<JsonNode> late = api("priya").post(readings, Map.of("value", 20));
		assertThat(late.getStatusCode().value()).isEqualTo(409);
		assertThat(late.getBody().get("message").asText())
			.isEqualTo(caseNumber + " is closed; readings are taken while a case is open");
		// a PM learns nothing of a case that is not their area's open one: closed, or
		// none
		assertThat(api("dana").post(readings, Map.of("value", 20)).getStatusCode().value()).isEqualTo(403);
		assertThat(api("dana").post("/cases/OPS-1999-0001/metrics", Map.of("value", 20)).getStatusCode().value())
			.isEqualTo(403);
	}

	private EngineRestClient api(String user) {
		return EngineRestClient.api(this.port, user, DEMO_PASSWORD);
	}

	/**
	 * A feed that posts a reading every minute leaves thousands: they are read a page at
	 * a time, and the leads' timeline lists the latest and tells of the others in one
	 * line.
	 */
	@Test
	void aCasesReadingsAreReadAPageAtATime() {
		JsonNode started = this.olivia.fileReport(variables("title", "Payout file arrives late every night", "area",
				"DISPATCH", "description", "The bank file lands after the cut-off", "frequency", "DAILY",
				"peopleAffectedPerWeek", 12, "hoursLostPerWeek", 2, "urgency", "LOW"));
		String readings = "/cases/" + started.get("businessKey").asText() + "/metrics";
		int posted = CaseTimeline.READINGS_LISTED + 3;
		for (int i = 1; i <= posted; i++) {
			assertThat(api("metricsbot").post(readings, Map.of("value", i, "source", "payout monitor"))
				.getStatusCode()
				.value()).isEqualTo(201);
		}
		ResponseEntity<JsonNode> page = api("lee").getEntity(readings + "?firstResult=50&maxResults=2");
		assertThat(page.getHeaders().getFirst("X-Total-Count")).isEqualTo(String.valueOf(posted));
		assertThat(page.getBody().findValuesAsText("value")).containsExactly("51.0", "52.0");
		assertThat(api("lee").get(readings).size()).isEqualTo(posted);
		ResponseEntity<JsonNode> tooMany = api("lee").getEntity(readings + "?maxResults=1001");
		assertThat(tooMany.getStatusCode().value()).isEqualTo(400);
		assertThat(tooMany.getBody().get("message").asText())
			.isEqualTo("firstResult is 0 or more, maxResults from 0 to 1000");
		ResponseEntity<JsonNode> mistyped = api("lee").getEntity(readings + "?maxResults=abc");
		assertThat(mistyped.getStatusCode().value()).isEqualTo(400);
		assertThat(mistyped.getBody().get("message").asText()).isEqualTo("maxResults has the wrong form (got 'abc')");

		List<JsonNode> listed = new ArrayList<>();
		api("lee").get("/cases/" + started.get("businessKey").asText() + "/timeline").get("entries").forEach(entry -> {
			if ("READING".equals(entry.get("kind").asText())) {
				listed.add(entry);
			}
		});
		assertThat(listed).hasSize(CaseTimeline.READINGS_LISTED + 1);
		assertThat(listed.get(0).get("step").asText()).startsWith("3 earlier metric readings, recorded ")
			.endsWith(" (only the latest 50 are listed)");
		assertThat(listed.get(listed.size() - 1).findValuesAsText("toText")).containsExactly(String.valueOf(posted));
		// the case page tells its conversation: the last few readings, and one line for
		// the rest
		List<String> told = new ArrayList<>();
		api("priya").get("/cases/" + started.get("businessKey").asText() + "/story")
			.get("lines")
			.forEach(line -> told.add(line.get("headline").asText()));
		List<String> readingLines = told.stream()
			.filter(line -> line.toLowerCase(Locale.ROOT).contains("metric reading"))
			.toList();
		assertThat(readingLines).hasSize(6);
		assertThat(readingLines.get(0)).startsWith("48 earlier metric readings, recorded ")
			.endsWith(" (only the latest 5 are listed)");
	}

	/** A case in the backlog tells its reporter when the PM decides on it again. */
	@Test
	void aParkedCaseTellsWhenItIsDecidedAgain() {
		JsonNode started = this.olivia.fileReport(variables("title", "Refund receipts lack the order number", "area",
				"DISPATCH", "description", "Support asks every customer for it", "frequency", "DAILY",
				"peopleAffectedPerWeek", 12, "hoursLostPerWeek", 2, "urgency", "LOW"));
		String instance = started.get("id").asText();
		this.priya.complete(this.priya.singleTask(instance), variables("triageOutcome", "ACCEPT"));
		this.dana.complete(this.dana.singleTask(instance), variables("pmDecision", "BACKLOG", "decisionRationale",
				"After the peak season", "revisitOn", "2027-03-01"));

		JsonNode story = api("olivia").get("/cases/" + started.get("businessKey").asText() + "/story");

		assertThat(story.get("now").asText()).isEqualTo("In the product team's backlog");
		assertThat(story.get("dueAt").asText()).startsWith("2027-03-01");
		assertThat(story.get("dueLabel").asText()).isEqualTo("Revisit date:");
		// back on its revisit date, decided anew the same way, then otherwise: the page
		// tells the new decision
		revisit(instance);
		this.dana.complete(this.dana.singleTask(instance), variables("pmDecision", "BACKLOG", "decisionRationale",
				"Still after the peak season", "revisitOn", "2027-04-01"));
		revisit(instance);
		this.dana.complete(this.dana.singleTask(instance),
				variables("pmDecision", "WONT_DO", "decisionRationale", "The vendor will not change it"));
		String decidedAgain = api("olivia").get("/cases/" + started.get("businessKey").asText() + "/story").toString();
		assertThat(decidedAgain).contains("The vendor will not change it", "We won't do it", "After the peak season");
		// the leads' timeline: the same choice again reads as what was chosen
		List<String> decisions = new ArrayList<>();
		api("lee").get("/cases/" + started.get("businessKey").asText() + "/timeline")
			.get("entries")
			.forEach(entry -> entry.get("changes")
				.forEach(change -> decisions.add(change.get("variable").asText().equals("pmDecision")
						? change.get("fromText").asText("") + " -> " + change.get("toText").asText() : "")));
		decisions.removeIf(String::isEmpty);
		assertThat(decisions).containsExactly(" -> Backlog – revisit later", " -> Backlog – revisit later",
				"Backlog – revisit later -> Won't do");

		// closed as won't do: watched for more evidence, but nothing is due for its
		// reporter
		JsonNode declined = this.olivia.fileReport(variables("title", "Refund receipts lack the courier name", "area",
				"DISPATCH", "description", "Nobody asked for it yet", "frequency", "WEEKLY", "peopleAffectedPerWeek", 2,
				"hoursLostPerWeek", 1, "urgency", "LOW"));
		this.priya.complete(this.priya.singleTask(declined.get("id").asText()), variables("triageOutcome", "ACCEPT"));
		this.dana.complete(this.dana.singleTask(declined.get("id").asText()),
				variables("pmDecision", "WONT_DO", "decisionRationale", "Not worth a change"));
		JsonNode closed = api("olivia").get("/cases/" + declined.get("businessKey").asText() + "/story");
		assertThat(closed.get("now").asText()).isEqualTo("Closed – the product team won't do it");
		assertThat(closed.get("dueAt").isNull()).isTrue();
	}

	private void revisit(String instance) {
		this.management.executeJob(this.management.createJobQuery()
			.processInstanceId(instance)
			.activityId("Timer_RevisitBacklog")
			.singleResult()
			.getId());
	}

	@Test
	void trackerWebhooksAreOffUntilTheirSecretIsConfigured() {
		// no login needed (the signature is the sender's proof), but without a secret
		// nothing can be verified
		ResponseEntity<JsonNode> github = api(null).postRaw("/webhooks/github", MediaType.APPLICATION_JSON, "{}");
		assertThat(github.getStatusCode().value()).isEqualTo(404);
		assertThat(github.getBody().get("message").asText()).isEqualTo("The GitHub webhook is not configured "
				+ "(productops.delivery.github.webhook-secret, PRODUCTOPS_GITHUB_WEBHOOK_SECRET)");
		assertThat(api(null).postRaw("/webhooks/jira", MediaType.APPLICATION_JSON, "{}").getStatusCode().value())
			.isEqualTo(404);
	}

	@Test
	void startFormIsDeployed() {
		JsonNode definition = this.olivia.get("/process-definition/key/productOpsLoop");
		assertThat(definition.get("versionTag").asText()).isNotBlank();
		ResponseEntity<String> form = this.olivia.getText("/process-definition/key/productOpsLoop/deployed-start-form");
		assertThat(form.getStatusCode().value()).isEqualTo(200);
		assertThat(form.getBody()).contains("\"id\": \"report-problem\"");
	}

	@Test
	void badReportsAreRefusedWith400AndLeaveNoCase() {
		long before = this.admin.count("/history/process-instance/count?processDefinitionKey=productOpsLoop");

		assertRefused(Map.of("variables", variables("area", "OTHER")), "Title: required");
		assertRefused(Map.of("variables", report("area", "MARS")), "Area: must be one of");
		assertRefused(Map.of("variables", report("peopleAffectedPerWeek", -5)),
				"People affected per week: must be at least 0");
		assertRefused(Map.of("variables", report("hoursLostPerWeek", -0.5)), "Hours lost per week: must be at least 0");

		ResponseEntity<JsonNode> notJson = this.olivia.postRaw("/process-definition/key/productOpsLoop/start",
				MediaType.APPLICATION_JSON, "{not json");
		assertThat(notJson.getStatusCode().value()).isEqualTo(400);
		assertThat(notJson.getBody().get("message").asText()).as(notJson.toString())
			.startsWith("The request body is not valid JSON");

		// Tasklist's way in
		JsonNode definition = this.olivia.get("/process-definition/key/productOpsLoop");
		ResponseEntity<JsonNode> viaForm = this.olivia.post(
				"/process-definition/" + definition.get("id").asText() + "/submit-form",
				Map.of("variables", report("urgency", "YESTERDAY")));
		assertThat(viaForm.getStatusCode().value()).isEqualTo(400);
		assertThat(viaForm.getBody().get("message").asText()).contains("Urgency: must be one of");

		// an unknown definition id is left to the engine, which names it
		ResponseEntity<JsonNode> unknown = this.admin.post("/process-definition/productOpsLoop:9:unknown/start",
				Map.of("variables", report()));
		assertThat(unknown.getBody().get("message").asText())
			.contains("no deployed process definition found with id 'productOpsLoop:9:unknown'");

		assertThat(this.admin.count("/history/process-instance/count?processDefinitionKey=productOpsLoop"))
			.isEqualTo(before);
	}

	@Test
	void duplicateOfAnUnknownCaseIsRefusedAndTheTaskStays() {
		String instance = this.olivia.fileReport(report()).get("id").asText();
		JsonNode triage = this.priya.singleTask(instance);

		ResponseEntity<JsonNode> refused = this.priya.post("/task/" + triage.get("id").asText() + "/complete",
				Map.of("variables", variables("triageOutcome", "DUPLICATE", "duplicateOf", "OPS-1999-0001")));
		assertThat(refused.getStatusCode().value()).isEqualTo(400);
		assertThat(refused.getBody().get("message").asText())
			.isEqualTo("Duplicate of case: there is no case OPS-1999-0001");

		ResponseEntity<JsonNode> viaForm = this.priya.post("/task/" + triage.get("id").asText() + "/submit-form",
				Map.of("variables", variables("triageOutcome", "REJECT")));
		assertThat(viaForm.getStatusCode().value()).isEqualTo(400);
		assertThat(viaForm.getBody().get("message").asText())
			.startsWith("Note to the reporter: required to reject a report");

		assertThat(this.priya.singleTask(instance).get("id").asText()).isEqualTo(triage.get("id").asText());
	}

	static Map<String, Object> report(Object... overrides) {
		Map<String, Object> report = variables("title", "Supply forecast ignores holidays", "area", "SUPPLY",
				"description", "Forecast is 30% off on public holidays", "frequency", "WEEKLY", "peopleAffectedPerWeek",
				40, "hoursLostPerWeek", 6, "urgency", "MEDIUM");
		report.putAll(variables(overrides));
		return report;
	}

	private void assertRefused(Map<String, Object> body, String message) {
		ResponseEntity<JsonNode> response = this.olivia.post("/process-definition/key/productOpsLoop/start", body);
		assertThat(response.getStatusCode().value()).isEqualTo(400);
		assertThat(response.getBody().get("type").asText()).isEqualTo("InvalidRequestException");
		assertThat(response.getBody().get("message").asText()).contains(message);
	}

	private static void assertDeployedForm(EngineRestClient client, JsonNode task, String formId) {
		assertThat(task.at("/camundaFormRef/key").asText()).isEqualTo(formId);
		ResponseEntity<String> form = client.getText("/task/" + task.get("id").asText() + "/deployed-form");
		assertThat(form.getStatusCode().value()).isEqualTo(200);
		assertThat(form.getBody()).contains(formId);
	}

}
