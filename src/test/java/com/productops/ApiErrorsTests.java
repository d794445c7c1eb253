package com.productops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.productops.loop.CaseData;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/**
 * Every error of /api is an RFC 9457 problem detail, whoever answers it: a controller,
 * Spring MVC, the access filter, the size limit, a tracker's webhook.
 */
class ApiErrorsTests extends RunningApplicationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void everyDoorAnswersProblemDetails() throws Exception {
		assertProblem(send("GET", "/api/nothing-here", "lee", null), 404);
		assertProblem(send("DELETE", "/api/reports", "olivia", null), 405);
		HttpResponse<String> list = send("POST", "/api/reports", "olivia", "[1, 2]");
		assertProblem(list, 400);
		assertThat(list.body()).contains("must be a JSON object, not a list, a text or a number");
		assertThat(send("POST", "/api/reports", "olivia", "{\"title\": ").body()).contains("not valid JSON");
		assertProblem(send("POST", "/api/reports", null, "{}"), 401);
		assertProblem(send("GET", "/api/scorecard?from=2026-13-45", "lee", null), 400);
		assertProblem(send("POST", "/api/reports", "olivia", "{\"title\": \"" + "x".repeat(2_000_000) + "\"}"), 413);
		assertProblem(send("POST", "/api/webhooks/github", null, "{}"), 404, 401);
		HttpResponse<String> text = sendAs("text/plain", "POST", "/api/reports", "olivia", "a report");
		assertProblem(text, 415);
		// and what to send instead
		assertThat(text.headers().firstValue("Accept"))
			.hasValueSatisfying(accept -> assertThat(accept).contains("application/json"));
	}

	@Test
	void aCaseSearchWithAnUnknownOutcomeOrBackwardsDatesIsRefused() throws Exception {
		HttpResponse<String> outcome = send("GET", "/api/cases?outcome=NOPE", "lee", null);
		assertProblem(outcome, 400);
		assertThat(outcome.body()).contains("outcome must be one of [WORKING, REJECTED, DUPLICATE, WONT_DO");
		assertProblem(send("GET", "/api/cases?from=2026-05-01&to=2026-04-01", "lee", null), 400);
		assertThat(send("GET", "/api/cases?outcome=working", "lee", null).statusCode()).isEqualTo(200);
	}

	/**
	 * Readings: whoever may not read them learns nothing, not even whether a case exists;
	 * the case's PMs read.
	 */
	@Test
	void readingsAreForTheRecordersAndTheCasesProductTeam() throws Exception {
		ProcessInstance filed = driver().file("olivia",
				new HashMap<>(Map.of("title", "Readings probe: payout report is late", "area", "PAYMENTS",
						"description", "Late", "frequency", "DAILY", "peopleAffectedPerWeek", 5, "hoursLostPerWeek", 1,
						"urgency", "LOW")));
		String caseNumber = filed.getBusinessKey();
		String pmGroup = CaseData.PM_GROUP.from(this.runtime, filed.getId());
		String pm = this.identity.createUserQuery().memberOfGroup(pmGroup).list().get(0).getId();

		assertThat(send("GET", "/api/cases/" + caseNumber + "/metrics", pm, null).statusCode()).isEqualTo(200);
		assertProblem(send("GET", "/api/cases/" + caseNumber + "/metrics", "otto", null), 403);
		assertProblem(send("GET", "/api/cases/OPS-1999-9999/metrics", "otto", null), 403);
		assertProblem(send("GET", "/api/cases/OPS-1999-9999/metrics", "priya", null), 404);
	}

	/**
	 * An answer the client cannot read is refused before the request changes anything.
	 */
	@Test
	void aReportNobodyCouldReadTheAnswerOfIsNotFiled() throws Exception {
		String report = "{\"title\": \"Refused before filing: XML wanted\", \"area\": \"SUPPORT\", "
				+ "\"description\": \"x\", \"frequency\": \"DAILY\", \"peopleAffectedPerWeek\": 1, "
				+ "\"hoursLostPerWeek\": 1, \"urgency\": \"LOW\"}";
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/reports"))
			.header("Content-Type", "application/json")
			.header("Accept", "application/xml")
			.header("Authorization", basic("olivia"))
			.POST(HttpRequest.BodyPublishers.ofString(report))
			.build();

		assertThat(this.http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(406);
		assertThat(this.runtime.createProcessInstanceQuery()
			.processInstanceBusinessKeyLike("OPS-%")
			.variableValueEquals("title", "Refused before filing: XML wanted")
			.count()).isZero();
	}

	private void assertProblem(HttpResponse<String> response, int... statuses) throws Exception {
		assertThat(response.statusCode()).as(response.body()).isIn(box(statuses));
		assertThat(response.headers().firstValue("Content-Type")).as(response.body())
			.hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = new ObjectMapper().readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(response.statusCode());
		assertThat(problem.get("title").asText()).isNotBlank();
		assertThat(problem.get("detail").asText()).isNotBlank().doesNotContain("Exception", "at com.", "SELECT");
	}

	private HttpResponse<String> send(String method, String path, String user, String body) throws Exception {
		return sendAs("application/json", method, path, user, body);
	}

	private HttpResponse<String> sendAs(String type, String method, String path, String user, String body)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Content-Type", type)
			.header("X-Product-Ops", "page")
			.method(method,
					(body == null) ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (user != null) {
			request.header("Authorization", basic(user));
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String basic(String user) {
		return "Basic " + Base64.getEncoder()
			.encodeToString((user + ":" + EngineRestClient.DEMO_PASSWORD).getBytes(StandardCharsets.UTF_8));
	}

	private static Integer[] box(int[] values) {
		return Arrays.stream(values).boxed().toArray(Integer[]::new);
	}

}
