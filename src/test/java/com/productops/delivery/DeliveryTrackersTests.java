package com.productops.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.productops.integration.IntegrationException;
import com.productops.testing.RecordingHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The exact requests the GitHub and Jira adapters send, against a local HTTP server, and
 * how they fail.
 */
class DeliveryTrackersTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final RecordingHttpServer server = new RecordingHttpServer();

	private final DeliveryRequest request = DeliveryRequest.of(caseVariables(),
			"http://loop.example/case/OPS-2026-0007");

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void gitHubIssueIsCreatedWithTheCaseSummaryAndALinkBack() throws Exception {
		this.server.enqueue(201, "{\"number\": 42, \"html_url\": \"https://github.com/acme/app/issues/42\"}");

		DeliveryTracker.Ticket ticket = github(Duration.ofSeconds(5)).open(this.request);

		assertThat(ticket)
			.isEqualTo(new DeliveryTracker.Ticket("acme/app#42", "https://github.com/acme/app/issues/42"));
		RecordingHttpServer.Request sent = this.server.lastRequest();
		assertThat(sent.method()).isEqualTo("POST");
		assertThat(sent.pathAndQuery()).isEqualTo("/repos/acme/app/issues");
		assertThat(sent.header("Authorization")).isEqualTo("Bearer ghp_test_token");
		assertThat(sent.header("Accept")).isEqualTo("application/vnd.github+json");
		assertThat(sent.header("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
		assertThat(sent.header("User-Agent")).isEqualTo("product-ops-loop");
		JsonNode body = JSON.readTree(sent.body());
		assertThat(body.get("title").asText()).isEqualTo("[OPS-2026-0007] Refunds take three days to show");
		assertThat(body.get("labels").toString()).isEqualTo("[\"product-ops\"]");
		assertThat(body.get("body").asText()).isEqualTo("""
				Product Ops case OPS-2026-0007 (iteration 2) - area PAYMENTS, priority P1.

				Problem reported by operations: Refunds appear three days after approval.

				Why we build it: Top complaint of support this month

				Success metric: Refund tickets per week should decrease from 120 to 30; \
				Product Ops checks it P14D after shipping.

				Closing this ticket as done tells Product Ops that it has shipped. \
				Case: http://loop.example/case/OPS-2026-0007""");
	}

	@Test
	void gitHubErrorsNameTheAnswer() {
		this.server.enqueue(401, "{\"message\": \"Bad credentials\"}").enqueue(502, "<html>Bad gateway</html>");
		DeliveryTracker github = github(Duration.ofSeconds(5));

		assertThatThrownBy(() -> github.open(this.request)).isInstanceOf(IntegrationException.class)
			.hasMessage("GitHub answered HTTP 401 to POST /repos/acme/app/issues: {\"message\": \"Bad credentials\"}");
		assertThatThrownBy(() -> github.open(this.request)).isInstanceOf(IntegrationException.class)
			.hasMessage("GitHub answered HTTP 502 to POST /repos/acme/app/issues: <html>Bad gateway</html>");
	}

	@Test
	void aTrackerThatDoesNotAnswerInTimeFails() {
		this.server.enqueueSlow(Duration.ofSeconds(3), 201, "{\"number\": 1, \"html_url\": \"x\"}");

		assertThatThrownBy(() -> github(Duration.ofSeconds(1)).open(this.request))
			.isInstanceOf(IntegrationException.class)
			.hasMessageStartingWith(
					"GitHub did not answer within 1 s (POST " + this.server.url() + "/repos/acme/app/issues)");
	}

	@Test
	void anUnreachableTrackerFails() {
		String url = this.server.url();
		this.server.close();
		var settings = new DeliveryProperties.GitHub(url, "acme/app", "t", List.of(), "");
		var trackers = new DeliveryTrackers(properties("github", settings, jira(2, "")));

		assertThatThrownBy(() -> trackers.tracker("pm-core").orElseThrow().open(this.request))
			.isInstanceOf(IntegrationException.class)
			.hasMessageContaining("GitHub");
	}

	@Test
	void jiraCloudIssueIsCreatedWithBasicAuthAndApi2() throws Exception {
		this.server.enqueue(201, "{\"id\": \"10001\", \"key\": \"PAY-24\", \"self\": \"x\"}");

		DeliveryTracker.Ticket ticket = new DeliveryTrackers(properties("jira", null, jira(2, "pm@acme.example")))
			.tracker("pm-payments")
			.orElseThrow()
			.open(this.request);

		assertThat(ticket).isEqualTo(new DeliveryTracker.Ticket("PAY-24", this.server.url() + "/browse/PAY-24"));
		RecordingHttpServer.Request sent = this.server.lastRequest();
		assertThat(sent.method()).isEqualTo("POST");
		assertThat(sent.pathAndQuery()).isEqualTo("/rest/api/2/issue");
		assertThat(sent.header("Authorization")).isEqualTo("Basic "
				+ Base64.getEncoder().encodeToString("pm@acme.example:jira-token".getBytes(StandardCharsets.UTF_8)));
		assertThat(sent.header("Content-Type")).isEqualTo("application/json");
		JsonNode fields = JSON.readTree(sent.body()).get("fields");
		assertThat(fields.get("project").get("key").asText()).isEqualTo("PAY");
		assertThat(fields.get("issuetype").get("name").asText()).isEqualTo("Task");
		assertThat(fields.get("summary").asText()).isEqualTo("[OPS-2026-0007] Refunds take three days to show");
		assertThat(fields.get("description").asText()).isEqualTo(this.request.text());
		assertThat(fields.get("labels").toString()).isEqualTo("[\"product-ops\"]");
	}

	@Test
	void jiraApi3GetsAtlassianDocumentFormatAndAServerTokenIsSentAsBearer() throws Exception {
		this.server.enqueue(201, "{\"key\": \"PAY-25\"}");

		new DeliveryTrackers(properties("jira", null, jira(3, ""))).tracker("pm-payments")
			.orElseThrow()
			.open(this.request);

		RecordingHttpServer.Request sent = this.server.lastRequest();
		assertThat(sent.pathAndQuery()).isEqualTo("/rest/api/3/issue");
		assertThat(sent.header("Authorization")).isEqualTo("Bearer jira-token");
		JsonNode description = JSON.readTree(sent.body()).get("fields").get("description");
		assertThat(description.get("type").asText()).isEqualTo("doc");
		assertThat(description.get("version").asInt()).isEqualTo(1);
		assertThat(description.get("content")).hasSize(5);
		assertThat(description.get("content").get(0))
			.isEqualTo(JSON.readTree("{\"type\":\"paragraph\",\"content\":[{\"type\":"
					+ "\"text\",\"text\":\"Product Ops case OPS-2026-0007 (iteration 2) - area PAYMENTS, priority "
					+ "P1.\"}]}"));
	}

	@Test
	void jiraValidationErrorsAreReported() {
		this.server.enqueue(400, "{\"errorMessages\":[],\"errors\":{\"project\":\"project is required\"}}");

		assertThatThrownBy(() -> new DeliveryTrackers(properties("jira", null, jira(2, ""))).tracker("pm-payments")
			.orElseThrow()
			.open(this.request)).isInstanceOf(IntegrationException.class)
			.hasMessage("Jira answered HTTP 400 to POST /rest/api/2/issue: "
					+ "{\"errorMessages\":[],\"errors\":{\"project\":\"project is required\"}}");
	}

	@Test
	void eachTeamMayUseItsOwnTracker() {
		var github = new DeliveryProperties.GitHub(this.server.url(), "acme/app", "t", List.of(), "");
		var trackers = new DeliveryTrackers(
				new DeliveryProperties("none", Map.of("pm-payments", "JIRA", "pm-core", "github"), "R3/PT5M",
						Duration.ofSeconds(5), github, jira(2, "")));

		assertThat(trackers.isTracked("pm-supply")).isFalse();
		assertThat(trackers.tracker("pm-payments").orElseThrow().name()).isEqualTo("Jira");
		assertThat(trackers.tracker("pm-core").orElseThrow().name()).isEqualTo("GitHub");
	}

	@Test
	void anIncompleteConfigurationStopsTheStartWithEveryProblem() {
		var github = new DeliveryProperties.GitHub("https://api.github.com", "just-a-name", "", List.of(), "");
		var properties = new DeliveryProperties("github", Map.of("pm-core", "gitlab"), "R3/PT5M", Duration.ofSeconds(5),
				github,
				new DeliveryProperties.Jira("", 2, "", "Task", "", "", List.of(), "", List.of("Done", "Fixed")));

		assertThatThrownBy(() -> new DeliveryTrackers(properties)).isInstanceOf(IllegalStateException.class)
			.hasMessage("Delivery tracker configuration: productops.delivery.github.repository must be owner/name (got "
					+ "'just-a-name'); productops.delivery.github.token is empty: set PRODUCTOPS_GITHUB_TOKEN; unknown "
					+ "delivery tracker 'gitlab' (use none, github or jira)");
	}

	private DeliveryTracker github(Duration timeout) {
		var settings = new DeliveryProperties.GitHub(this.server.url() + "/", "acme/app", "ghp_test_token",
				List.of("product-ops"), "");
		return new DeliveryTrackers(
				new DeliveryProperties("github", Map.of(), "R3/PT5M", timeout, settings, jira(2, "")))
			.tracker("pm-core")
			.orElseThrow();
	}

	private DeliveryProperties.Jira jira(int apiVersion, String user) {
		return new DeliveryProperties.Jira(this.server.url(), apiVersion, "PAY", "Task", user, "jira-token",
				List.of("product-ops"), "", List.of("Done", "Fixed"));
	}

	private static DeliveryProperties properties(String tracker, DeliveryProperties.GitHub github,
			DeliveryProperties.Jira jira) {
		return new DeliveryProperties(
				tracker, Map.of(), "R3/PT5M", Duration.ofSeconds(5), (github == null)
						? new DeliveryProperties.GitHub("https://api.github.com", "", "", List.of(), "") : github,
				jira);
	}

	private static Map<String, Object> caseVariables() {
		Map<String, Object> variables = new HashMap<>();
		variables.put("caseNumber", "OPS-2026-0007");
		variables.put("iteration", 2);
		variables.put("title", "Refunds take three days to show");
		variables.put("area", "PAYMENTS");
		variables.put("priority", "P1");
		variables.put("description", "Refunds appear three days after approval.");
		variables.put("decisionRationale", "Top complaint of support this month");
		variables.put("successMetric", "Refund tickets per week");
		variables.put("metricDirection", "DECREASE");
		variables.put("baselineValue", 120.0);
		variables.put("targetValue", 30.0);
		variables.put("verificationWindow", "P14D");
		return variables;
	}

}
