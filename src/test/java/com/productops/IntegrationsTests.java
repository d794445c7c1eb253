package com.productops;

import static com.productops.EngineRestClient.DEMO_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.productops.loop.ProductOpsLoop;
import com.productops.testing.RecordingHttpServer;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application configured for teams that track delivery in GitHub (pm-core) and Jira
 * (pm-payments) and measure in Prometheus, all three played by local HTTP servers:
 * tickets are opened with the right requests, the trackers' webhooks (signed in this
 * test) ship the case, failures are retried and become incidents, the metric is read.
 */
// a differently configured application: it must not share a JVM with the shared test
// application
@Tag("own-jvm")
class IntegrationsTests extends RunningApplicationTests {

	static final RecordingHttpServer GITHUB = new RecordingHttpServer();

	static final RecordingHttpServer JIRA = new RecordingHttpServer();

	static final RecordingHttpServer PROMETHEUS = new RecordingHttpServer();

	static final String GITHUB_SECRET = "github-webhook-secret";

	static final String JIRA_SECRET = "jira-webhook-secret";

	private static final ObjectMapper JSON = new ObjectMapper();

	private final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void integrations(DynamicPropertyRegistry registry) {
		registry.add("productops.delivery.teams[pm-core]", () -> "github");
		registry.add("productops.delivery.teams[pm-payments]", () -> "jira");
		registry.add("productops.delivery.timeout", () -> "PT2S");
		registry.add("productops.delivery.github.api-url", GITHUB::url);
		registry.add("productops.delivery.github.repository", () -> "acme/marketplace");
		registry.add("productops.delivery.github.token", () -> "ghp_integration_token");
		registry.add("productops.delivery.github.webhook-secret", () -> GITHUB_SECRET);
		registry.add("productops.delivery.jira.url", JIRA::url);
		registry.add("productops.delivery.jira.project", () -> "PAY");
		registry.add("productops.delivery.jira.user", () -> "pm@acme.example");
		registry.add("productops.delivery.jira.token", () -> "jira-api-token");
		registry.add("productops.delivery.jira.webhook-secret", () -> JIRA_SECRET);
		registry.add("productops.metrics.prometheus.url", PROMETHEUS::url);
		registry.add("productops.notifications.base-url", () -> "https://loop.acme.example");
	}

	@BeforeEach
	void resetServers() {
		GITHUB.reset();
		JIRA.reset();
		PROMETHEUS.reset();
	}

	@Test
	void gitHubIssueIsOpenedItsClosingShipsTheCaseAndAMissedTargetReopensIt() throws Exception {
		ProcessInstance report = decideToBuild("SUPPORT", "cora", "PROMETHEUS",
				"sum(increase(refund_complaints_total[7d]))");
		GITHUB.enqueue(201, "{\"number\": 314, \"html_url\": \"https://github.com/acme/marketplace/issues/314\"}");
		this.management.executeJob(ticketJob(report).getId());

		var sent = GITHUB.lastRequest();
		assertThat(sent.method() + " " + sent.pathAndQuery()).isEqualTo("POST /repos/acme/marketplace/issues");
		assertThat(sent.header("Authorization")).isEqualTo("Bearer ghp_integration_token");
		assertThat(sent.header("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
		JsonNode issue = JSON.readTree(sent.body());
		assertThat(issue.get("title").asText())
			.isEqualTo("[" + report.getBusinessKey() + "] Refund macros send the wrong text");
		assertThat(issue.get("body").asText())
			.endsWith("Case: https://loop.acme.example/camunda/app/cockpit/default/#/product-ops/case/"
					+ report.getBusinessKey());
		assertThat(variable(report, "deliveryRef")).isEqualTo("acme/marketplace#314");
		assertThat(variable(report, "deliveryUrl")).isEqualTo("https://github.com/acme/marketplace/issues/314");
		assertThat(openTask(report)).isEqualTo("Task_ConfirmShipped");

		String closed = gitHubIssueEvent("closed", 314, "completed");
		// unrelated events and other issues are acknowledged and ignored
		assertThat(github("issue_comment", gitHubIssueEvent("created", 314, null), GITHUB_SECRET))
			.containsEntry("status", "ignored");
		assertThat(github("issues", gitHubIssueEvent("closed", 314, "not_planned"), GITHUB_SECRET))
			.containsEntry("status", "ignored")
			.containsEntry("message", "closed as not planned: nothing shipped");
		assertThat(github("issues", gitHubIssueEvent("closed", 314, "duplicate"), GITHUB_SECRET))
			.containsEntry("status", "ignored")
			.containsEntry("message", "closed as duplicate: nothing shipped");
		// the case keeps waiting, and its timeline says why the close did not count
		assertThat(variable(report, "deliveryNote"))
			.isEqualTo("Ticket acme/marketplace#314 closed as duplicate: nothing shipped");
		assertThat(github("issues", gitHubIssueEvent("closed", 999, "completed"), GITHUB_SECRET))
			.containsEntry("message", "no open case has ticket acme/marketplace#999");
		assertThat(github("ping", "{\"zen\": \"Keep it logically awesome.\"}", GITHUB_SECRET)).containsEntry("status",
				"ignored");
		// a forged or unsigned delivery is refused and changes nothing
		assertThat(post("/api/webhooks/github", closed,
				Map.of("X-GitHub-Event", "issues", "X-Hub-Signature-256", signature(closed, "guessed-secret")))
			.statusCode()).isEqualTo(401);
		assertThat(post("/api/webhooks/github", closed, Map.of("X-GitHub-Event", "issues")).statusCode())
			.isEqualTo(401);
		assertThat(post("/api/webhooks/github", "not json",
				Map.of("X-GitHub-Event", "issues", "X-Hub-Signature-256", signature("not json", GITHUB_SECRET)))
			.statusCode()).isEqualTo(400);
		String huge = "{\"padding\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
		assertThat(post("/api/webhooks/github", huge,
				Map.of("X-GitHub-Event", "issues", "X-Hub-Signature-256", signature(huge, GITHUB_SECRET)))
			.statusCode()).isEqualTo(413);
		assertThat(openTask(report)).isEqualTo("Task_ConfirmShipped");

		assertThat(github("issues", closed, GITHUB_SECRET)).containsEntry("status", "shipped");
		assertThat(openTask(report)).isNull();
		assertThat(variable(report, "shippedAt")).isNotNull();
		// GitHub redelivers: nothing happens twice
		assertThat(github("issues", closed, GITHUB_SECRET)).containsEntry("status", "already-shipped");
		assertThat(this.management.createJobQuery().processInstanceId(report.getId()).timers().count()).isOne();

		PROMETHEUS.enqueue(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
				+ "[{\"metric\":{},\"value\":[1796000000,\"22\"]}]}}");
		Job window = this.management.createJobQuery()
			.processInstanceId(report.getId())
			.activityId("Timer_VerificationWindow")
			.singleResult();
		this.management.executeJob(window.getId());
		assertThat(RecordingHttpServer.queryParameter(PROMETHEUS.lastRequest(), "query"))
			.isEqualTo("sum(increase(refund_complaints_total[7d]))");
		assertThat(variable(report, "observedValue")).isEqualTo(22.0);
		assertThat(variable(report, "verificationVerdict")).isEqualTo("NOT_WORKING");

		driver().complete(report.getId(), "priya",
				Map.of("verificationOutcome", "NOT_WORKING", "verificationNote", "22 complaints, target 10"));
		assertThat(openTask(report)).isEqualTo("Task_DecideOnReport");
		assertThat(variable(report, "iteration")).isEqualTo(2);
		assertThat(variable(report, "deliveryRef")).isNull();
		// the closed ticket of iteration 1 no longer matches the case
		assertThat(github("issues", closed, GITHUB_SECRET)).containsEntry("status", "ignored");
	}

	@Test
	void jiraIssueIsOpenedAndMovingItToDoneShipsTheCase() throws Exception {
		ProcessInstance report = decideToBuild("PAYMENTS", "pablo", "MANUAL", null);
		JIRA.enqueue(201, "{\"id\": \"10031\", \"key\": \"PAY-31\", \"self\": \"x\"}");
		this.management.executeJob(ticketJob(report).getId());

		var sent = JIRA.lastRequest();
		assertThat(sent.method() + " " + sent.pathAndQuery()).isEqualTo("POST /rest/api/2/issue");
		assertThat(sent.header("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
			.encodeToString("pm@acme.example:jira-api-token".getBytes(StandardCharsets.UTF_8)));
		JsonNode fields = JSON.readTree(sent.body()).get("fields");
		assertThat(fields.get("project").get("key").asText()).isEqualTo("PAY");
		assertThat(fields.get("summary").asText())
			.isEqualTo("[" + report.getBusinessKey() + "] Refund macros send the wrong text");
		assertThat(variable(report, "deliveryRef")).isEqualTo("PAY-31");
		assertThat(variable(report, "deliveryUrl")).isEqualTo(JIRA.url() + "/browse/PAY-31");

		assertThat(jira(jiraIssueUpdated("PAY-31", "indeterminate"), JIRA_SECRET)).containsEntry("status", "ignored");
		assertThat(post("/api/webhooks/jira", jiraIssueUpdated("PAY-31", "done"),
				Map.of("X-Hub-Signature", signature(jiraIssueUpdated("PAY-31", "done"), GITHUB_SECRET)))
			.statusCode()).isEqualTo(401);
		assertThat(openTask(report)).isEqualTo("Task_ConfirmShipped");

		// Done, but resolved as Won't Do: nothing shipped
		assertThat(jira(jiraIssueResolved("PAY-31", "Won't Do"), JIRA_SECRET)).containsEntry("status", "ignored")
			.containsEntry("message", "resolved as Won't Do: nothing shipped");
		assertThat(openTask(report)).isEqualTo("Task_ConfirmShipped");
		assertThat(variable(report, "deliveryNote")).isEqualTo("Ticket PAY-31 resolved as Won't Do: nothing shipped");

		assertThat(jira(jiraIssueResolved("PAY-31", "Fixed"), JIRA_SECRET)).containsEntry("status", "shipped");
		assertThat(openTask(report)).isNull();
		assertThat(jira(jiraIssueUpdated("PAY-31", "done"), JIRA_SECRET)).containsEntry("status", "already-shipped");
	}

	@Test
	void aTrackerOutageIsRetriedThenAnIncidentThatAnAdminResolves() throws Exception {
		ProcessInstance report = decideToBuild("PAYMENTS", "pablo", "MANUAL", null);
		JIRA.enqueueSlow(Duration.ofSeconds(4), 201, "{\"key\": \"PAY-1\"}")
			.enqueue(500, "{\"errorMessages\":[\"Internal server error\"]}")
			.enqueue(401, "{\"errorMessages\":[\"You are not authenticated\"]}");

		Job ticket = ticketJob(report);
		String jobId = ticket.getId();
		assertThatThrownBy(() -> this.management.executeJob(jobId))
			.hasMessageStartingWith("Jira did not answer within 2 s");
		assertThatThrownBy(() -> this.management.executeJob(jobId)).hasMessage(
				"Jira answered HTTP 500 to POST /rest/api/2/issue: {\"errorMessages\":[\"Internal server error\"]}");
		assertThat(ticketJob(report).getRetries()).isOne();
		assertThatThrownBy(() -> this.management.executeJob(jobId))
			.hasMessage("Jira answered HTTP 401 to POST /rest/api/2/issue: {\"errorMessages\":[\"You are not "
					+ "authenticated\"]}");

		// the case waits at the ticket step with an incident that Cockpit shows
		EngineRestClient admin = new EngineRestClient(this.port, "admin", DEMO_PASSWORD);
		JsonNode incidents = admin.get("/incident?processInstanceId=" + report.getId());
		assertThat(incidents).hasSize(1);
		assertThat(incidents.get(0).get("activityId").asText()).isEqualTo("Task_OpenDeliveryTicket");
		assertThat(incidents.get(0).get("incidentMessage").asText()).contains("You are not authenticated");
		assertThat(openTask(report)).isNull();

		// the token is fixed; the admin retries the job (Cockpit: "Increment number of
		// retries")
		JIRA.enqueue(201, "{\"key\": \"PAY-2\"}");
		assertThat(admin.put("/job/" + jobId + "/retries", Map.of("retries", 1)).getStatusCode().value())
			.isEqualTo(204);
		assertThat(admin.post("/job/" + jobId + "/execute", Map.of()).getStatusCode().value()).isEqualTo(204);
		assertThat(variable(report, "deliveryRef")).isEqualTo("PAY-2");
		assertThat(openTask(report)).isEqualTo("Task_ConfirmShipped");
		assertThat(admin.get("/incident?processInstanceId=" + report.getId())).isEmpty();
		assertThat(JIRA.requests()).hasSize(4);
	}

	// --- helpers
	// ------------------------------------------------------------------------------------------------

	private ProcessInstance decideToBuild(String area, String pm, String metricSource, String metricQuery) {
		Map<String, Object> filed = new HashMap<>(Map.of("title", "Refund macros send the wrong text", "area", area,
				"description", "Agents send customers the old refund policy", "frequency", "DAILY",
				"peopleAffectedPerWeek", 80, "hoursLostPerWeek", 6, "urgency", "HIGH"));
		ProcessInstance report = driver().file("olivia", filed);
		driver().complete(report.getId(), "priya", Map.of("triageOutcome", "ACCEPT"));
		Map<String, Object> decision = new HashMap<>(Map.of("pmDecision", "BUILD", "decisionRationale",
				"Top support pain", "successMetric", "Refund complaints per week", "metricDirection", "DECREASE",
				"baselineValue", 40, "targetValue", 10, "verificationWindow", "P14D", "metricSource", metricSource));
		if (metricQuery != null) {
			decision.put("metricQuery", metricQuery);
		}
		driver().complete(report.getId(), pm, decision);
		assertThat(openTask(report)).as("the ticket is opened before the PM gets the shipping task").isNull();
		return report;
	}

	private Job ticketJob(ProcessInstance report) {
		return this.management.createJobQuery()
			.processInstanceId(report.getId())
			.activityId("Task_OpenDeliveryTicket")
			.singleResult();
	}

	private String openTask(ProcessInstance report) {
		var task = this.tasks.createTaskQuery()
			.processInstanceId(report.getId())
			.list()
			.stream()
			.filter(t -> !ProductOpsLoop.TASK_CONFIRM_FIX.equals(t.getTaskDefinitionKey()))
			.findFirst()
			.orElse(null);
		return (task == null) ? null : task.getTaskDefinitionKey();
	}

	private Object variable(ProcessInstance report, String name) {
		return this.runtime.getVariable(report.getId(), name);
	}

	private static String gitHubIssueEvent(String action, int number, String stateReason) {
		return "{\"action\":\"" + action + "\",\"issue\":{\"number\":" + number
				+ ",\"state\":\"closed\",\"state_reason\":" + (stateReason == null ? "null" : "\"" + stateReason + "\"")
				+ "},\"repository\":{\"full_name\":" + "\"acme/marketplace\"},\"sender\":{\"login\":\"dev\"}}";
	}

	private static String jiraIssueResolved(String key, String resolution) {
		return "{\"timestamp\":1796000000000,\"webhookEvent\":\"jira:issue_updated\",\"issue\":{\"key\":\"" + key
				+ "\",\"fields\":{\"resolution\":{\"name\":\"" + resolution
				+ "\"},\"status\":{\"name\":\"Closed\",\"statusCategory\":{\"key\":\"done\"}}}}}";
	}

	private static String jiraIssueUpdated(String key, String statusCategory) {
		return "{\"timestamp\":1796000000000,\"webhookEvent\":\"jira:issue_updated\",\"issue\":{\"key\":\"" + key
				+ "\",\"fields\":{\"status\":{\"name\":\"Whatever\",\"statusCategory\":{\"key\":\"" + statusCategory
				+ "\"}}}},\"changelog\":{\"items\":[{\"field\":\"status\"}]}}";
	}

	private Map<String, Object> github(String event, String body, String secret) throws Exception {
		HttpResponse<String> response = post("/api/webhooks/github", body,
				Map.of("X-GitHub-Event", event, "X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958",
						"X-Hub-Signature-256", signature(body, secret)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readValue(response.body(), Map.class);
	}

	private Map<String, Object> jira(String body, String secret) throws Exception {
		HttpResponse<String> response = post("/api/webhooks/jira", body,
				Map.of("X-Hub-Signature", signature(body, secret)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readValue(response.body(), Map.class);
	}

	private HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		headers.forEach(request::header);
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * What GitHub and Jira send: sha256= and the hex HMAC-SHA256 of the raw body with the
	 * webhook's secret.
	 */
	private static String signature(String body, String secret) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
	}

}
