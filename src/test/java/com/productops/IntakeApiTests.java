package com.productops;

import static com.productops.EngineRestClient.DEMO_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.productops.loop.ProductOpsLoop;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * POST /api/reports, the intake for other systems: a report is filed once per
 * Idempotency-Key, also when the same request arrives twice at the same moment; bad input
 * is refused with 400 and leaves nothing behind.
 */
class IntakeApiTests extends RunningApplicationTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void theSameKeyFilesOneCaseAndAnswersWithItAgain() throws Exception {
		Map<String, Object> report = report("Support tool: refunds stuck in review");
		String key = "support-tool-" + UUID.randomUUID();

		HttpResponse<String> first = post("olivia", report, key);
		assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
		assertThat(first.headers().firstValue("Idempotent-Replayed")).contains("false");
		JsonNode filed = JSON.readTree(first.body());
		assertThat(filed.get("caseNumber").asText()).matches("OPS-\\d{4}-\\d{4}");
		assertThat(this.runtime.getVariable(filed.get("processInstanceId").asText(), "reporter")).isEqualTo("olivia");

		// the same report again, fields in another order: the same case, 200
		Map<String, Object> reordered = new LinkedHashMap<>();
		List<String> names = new ArrayList<>(report.keySet());
		Collections.reverse(names);
		names.forEach(name -> reordered.put(name, report.get(name)));
		HttpResponse<String> again = post("olivia", reordered, key);
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
		assertThat(JSON.readTree(again.body())).isEqualTo(filed);
		assertThat(casesTitled("Support tool: refunds stuck in review")).isOne();

		// the key with a different report: refused, nothing filed
		HttpResponse<String> reused = post("olivia", report("Support tool: another problem"), key);
		assertThat(reused.statusCode()).isEqualTo(422);
		assertThat(JSON.readTree(reused.body()).get("message").asText())
			.contains("was already used for a different report");
		assertThat(JSON.readTree(reused.body()).get("type").asText())
			.isEqualTo("https://productops.example/problems/idempotency-key-reused");
		assertThat(casesTitled("Support tool: another problem")).isZero();

		// keys belong to their reporter: otto's identical key files otto's own case
		HttpResponse<String> ottos = post("otto", report, key);
		assertThat(ottos.statusCode()).isEqualTo(201);
		assertThat(JSON.readTree(ottos.body()).get("caseNumber").asText())
			.isNotEqualTo(filed.get("caseNumber").asText());

		// without a key every request files a case
		assertThat(post("olivia", report("Support tool: no key given"), null).statusCode()).isEqualTo(201);
		assertThat(post("olivia", report("Support tool: no key given"), null).statusCode()).isEqualTo(201);
		assertThat(casesTitled("Support tool: no key given")).isEqualTo(2);
	}

	@Test
	void aKeyThatPointsToNoCaseFilesTheReportAgain() throws Exception {
		// what a crash can leave on H2 (a key row without its case), and a key whose
		// case's history was cleaned up
		for (String[] remains : new String[][] { { null, null }, { "OPS-2026-9999", "no-such-instance" } }) {
			Map<String, Object> report = report("Support tool: key without a case " + remains[0]);
			String key = "support-tool-" + UUID.randomUUID();
			// the key row with the report's hash
			HttpResponse<String> probe = post("olivia", report, key);
			this.jdbc.update(
					"UPDATE ops_intake_key SET case_number = ?, process_instance_id = ? WHERE idempotency_key = ?",
					remains[0], remains[1], key);
			this.runtime.deleteProcessInstance(JSON.readTree(probe.body()).get("processInstanceId").asText(), "test");

			HttpResponse<String> again = post("olivia", report, key);

			assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
			JsonNode filed = JSON.readTree(again.body());
			assertThat(filed.get("caseNumber").asText()).matches("OPS-\\d{4}-\\d{4}");
			assertThat(this.runtime.getVariable(filed.get("processInstanceId").asText(), "title"))
				.isEqualTo(report.get("title"));
			assertThat(this.jdbc.queryForObject("SELECT case_number FROM ops_intake_key WHERE idempotency_key = ?",
					String.class, key))
				.isEqualTo(filed.get("caseNumber").asText());
			assertThat(post("olivia", report, key).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void fiftyPairsOfConcurrentRequestsFileFiftyCases() throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		ExecutorService clients = Executors.newFixedThreadPool(20);
		List<Future<HttpResponse<String>>> responses = new ArrayList<>();
		for (int pair = 0; pair < 50; pair++) {
			Map<String, Object> report = report("Concurrent intake " + run + " #" + pair);
			String key = run + "-" + pair;
			for (int twin = 0; twin < 2; twin++) {
				responses.add(clients.submit(() -> post("olivia", report, key)));
			}
		}
		Map<Integer, Set<String>> caseNumbersByPair = new HashMap<>();
		int created = 0;
		for (int i = 0; i < responses.size(); i++) {
			HttpResponse<String> response = responses.get(i).get();
			assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
			created += (response.statusCode() == 201) ? 1 : 0;
			caseNumbersByPair.computeIfAbsent(i / 2, pair -> new HashSet<>())
				.add(JSON.readTree(response.body()).get("caseNumber").asText());
		}
		clients.shutdown();

		assertThat(created).isEqualTo(50);
		assertThat(caseNumbersByPair.values()).allSatisfy(numbers -> assertThat(numbers).hasSize(1));
		assertThat(caseNumbersByPair.values().stream().flatMap(Set::stream).distinct().count()).isEqualTo(50);
		assertThat(this.runtime.createProcessInstanceQuery()
			.processDefinitionKey(ProductOpsLoop.PROCESS_KEY)
			.variableValueLike("title", "Concurrent intake " + run + " #%")
			.count()).isEqualTo(50);
	}

	@Test
	void badReportsAndCallersAreRefusedAndLeaveNothingBehind() throws Exception {
		long before = this.runtime.createProcessInstanceQuery()
			.processDefinitionKey(ProductOpsLoop.PROCESS_KEY)
			.count();

		HttpResponse<String> bad = post("olivia", Map.of("title", "x", "area", "MARS"), "bad-1");
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(bad.body()).get("message").asText()).contains("Title: must be 5 to 120 characters",
				"Area: must be one of", "What happens today: required", "Urgency: required");
		// RFC 9457 problem details, each problem on its own
		assertThat(bad.headers().firstValue("Content-Type")).contains("application/problem+json");
		JsonNode problem = JSON.readTree(bad.body());
		assertThat(problem.get("type").asText()).isEqualTo("about:blank");
		assertThat(problem.get("title").asText()).isEqualTo("Bad Request");
		assertThat(problem.get("status").asInt()).isEqualTo(400);
		assertThat(problem.get("detail").asText()).isEqualTo(problem.get("message").asText());
		assertThat(problem.get("problems")).extracting(JsonNode::asText)
			.contains("Urgency: required", "What happens today: required");
		assertThat(post("olivia", report("A perfectly fine report"), " ").statusCode()).isEqualTo(400);
		// the engine keeps a text in 4,000 characters: a longer one is refused in words,
		// not failed in the database
		Map<String, Object> long_ = report("A report with a long description");
		long_.put("description", "x".repeat(4001));
		HttpResponse<String> tooLong = post("olivia", long_, null);
		assertThat(tooLong.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(tooLong.body()).get("message").asText())
			.contains("must be at most 4000 characters (it has 4001)");
		assertThat(postRaw("olivia", "[1, 2]", null).statusCode()).isEqualTo(400);
		assertThat(postRaw("olivia", "{\"title\": ", null).statusCode()).isEqualTo(400);
		// leads read, they do not file
		HttpResponse<String> lead = post("lee", report("Leads may not file this"), null);
		assertThat(lead.statusCode()).isEqualTo(403);
		HttpResponse<String> nobody = post(null, report("Nobody may file this"), null);
		assertThat(nobody.statusCode()).isEqualTo(401);
		assertThat(nobody.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(JSON.readTree(nobody.body()).get("title").asText()).isEqualTo("Unauthorized");

		assertThat(this.runtime.createProcessInstanceQuery().processDefinitionKey(ProductOpsLoop.PROCESS_KEY).count())
			.isEqualTo(before);
		// a refused key was not taken: it files once the report is right
		assertThat(post("olivia", report("A report after a bad first try"), "bad-1").statusCode()).isEqualTo(201);
	}

	static Map<String, Object> report(String title) {
		Map<String, Object> report = new LinkedHashMap<>();
		report.put("title", title);
		report.put("area", "SUPPORT");
		report.put("description", "Filed by the support tool: " + title);
		report.put("frequency", "DAILY");
		report.put("peopleAffectedPerWeek", 25);
		report.put("hoursLostPerWeek", 3.5);
		report.put("urgency", "MEDIUM");
		report.put("evidenceLinks", "https://support.example/t/9001");
		return report;
	}

	private long casesTitled(String title) {
		return this.runtime.createProcessInstanceQuery()
			.processDefinitionKey(ProductOpsLoop.PROCESS_KEY)
			.variableValueEquals("title", title)
			.count();
	}

	HttpResponse<String> post(String user, Map<String, Object> report, String key) throws Exception {
		return postRaw(user, JSON.writeValueAsString(report), key);
	}

	HttpResponse<String> postRaw(String user, String body, String key) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/api/reports"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		if (user != null) {
			request.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString((user + ":" + DEMO_PASSWORD).getBytes(StandardCharsets.UTF_8)));
		}
		if (key != null) {
			request.header("Idempotency-Key", key);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
