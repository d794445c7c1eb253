package com.productops;

import static com.productops.EngineRestClient.DEMO_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.productops.audit.CaseRecords;
import com.productops.loop.ProductOpsLoop;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The leads' audit API on a seeded history: six cases in January 2030, driven by the
 * personas through every outcome with the engine clock moved, then read back as a lead -
 * exact stage durations, breaches, counts and percentages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditApiTests extends RunningApplicationTests {

	static final String PERIOD = "from=2030-01-01&to=2030-02-01";

	final ObjectMapper json = new ObjectMapper();

	final HttpClient http = HttpClient.newHttpClient();

	final Map<String, String> caseNumbers = new HashMap<>();

	final Map<String, String> instances = new HashMap<>();

	@Autowired
	CaseRecords records;

	@BeforeAll
	void seedJanuary2030() {
		try {
			// A: accepted, built, shipped by task, verified working
			String a = file("A", "Couriers cannot see the drop-off note", "DISPATCH", 25, at(7, 9, 0));
			// as Tasklist's form sends it
			complete(a, "priya", at(7, 13, 0), "triageOutcome", "ACCEPT", "triageNote", "");
			complete(a, "dana", at(8, 9, 0), "pmDecision", "BUILD", "decisionRationale", "Top courier pain",
					"successMetric", "Tickets per week", "metricDirection", "DECREASE", "baselineValue", 100,
					"targetValue", 20, "verificationWindow", "P7D");
			complete(a, "dana", at(10, 9, 0), "deliveryRef", "https://git.example/pr/1");
			recordMetric(a, at(15, 9, 0), 15);
			fireTimer(a, at(17, 9, 0));
			complete(a, "priya", at(17, 15, 0), "verificationOutcome", "WORKING", "verificationNote", "15 < 20");
			// B: rejected, triaged late (72 h against a 2-business-day SLA)
			String b = file("B", "Make the logo bigger", "OTHER", 1, at(7, 10, 0));
			complete(b, "priya", at(10, 10, 0), "triageOutcome", "REJECT", "triageNote", "Marketing owns the brand");
			// C: accepted, then won't do after 9 days (breaches the 5-business-day SLA)
			String c = file("C", "Support macros are outdated", "SUPPORT", 2, at(7, 11, 0));
			complete(c, "priya", at(7, 13, 0), "triageOutcome", "ACCEPT");
			complete(c, "cora", at(16, 13, 0), "pmDecision", "WONT_DO", "decisionRationale", "Macros retire in Q2");
			// D: built, shipped by message, not working, re-opened: waits for the PM
			// again
			String d = file("D", "Refunds take three days to show", "PAYMENTS", 10, at(8, 9, 0));
			complete(d, "priya", at(8, 10, 0), "triageOutcome", "ACCEPT");
			complete(d, "pablo", at(8, 13, 0), "pmDecision", "BUILD", "decisionRationale", "Top support driver",
					"successMetric", "Days until refund shows", "metricDirection", "DECREASE", "baselineValue", 3,
					"targetValue", 1, "verificationWindow", "P7D");
			ClockUtil.setCurrentTime(at(9, 13, 0));
			this.runtime.createMessageCorrelation(ProductOpsLoop.MESSAGE_DELIVERY_SHIPPED)
				.processInstanceBusinessKey(this.caseNumbers.get("D"))
				.setVariable("deliveryRef", "release-2030.1")
				.correlate();
			recordMetric(d, at(15, 9, 0), 2.5);
			fireTimer(d, at(16, 13, 0));
			complete(d, "priya", at(16, 14, 0), "verificationOutcome", "NOT_WORKING", "verificationNote", "2.5 days");
			// E: duplicate of D
			String e = file("E", "Refunds are slow to appear", "PAYMENTS", 4, at(8, 12, 0));
			complete(e, "priya", at(8, 14, 0), "triageOutcome", "DUPLICATE", "duplicateOf", this.caseNumbers.get("D"));
			// F: a question to the reporter, still unanswered
			String f = file("F", "Payout report misses fees", "SUPPORT", 3.5, at(14, 9, 0));
			complete(f, "priya", at(14, 10, 0), "triageOutcome", "NEEDS_INFO", "triageNote", "Which batch?");
			ClockUtil.setCurrentTime(at(20, 9, 0));
		}
		catch (RuntimeException ex) {
			ClockUtil.reset();
			throw ex;
		}
	}

	@AfterAll
	void resetClock() {
		ClockUtil.reset();
	}

	@Test
	@Order(1)
	void scorecardHasTheExactNumbers() throws Exception {
		JsonNode card = getJson("/api/scorecard?" + PERIOD, "lee");

		assertThat(card.get("casesReported").asInt()).isEqualTo(6);
		assertThat(card.get("casesOpen").asInt()).isEqualTo(2);
		assertThat(card.get("casesClosed").asInt()).isEqualTo(4);
		assertThat(card.get("openedPerWeek")).isEqualTo(this.json.readTree("{\"2030-W02\":5,\"2030-W03\":1}"));
		assertThat(card.get("closedPerWeek")).isEqualTo(this.json.readTree("{\"2030-W02\":2,\"2030-W03\":2}"));

		assertStage(card.get("stages").get(0), "triage", 6, 2.0, 72.0, 1, 0);
		assertStage(card.get("stages").get(1), "decision", 3, 20.0, 216.0, 1, 1);
		assertStage(card.get("stages").get(2), "build", 2, 36.0, 48.0, 0, 0);
		assertStage(card.get("stages").get(3), "verification", 2, 3.5, 6.0, 0, 0);

		assertThat(card.get("outcomes"))
			.isEqualTo(this.json.readTree("{\"DUPLICATE\":1,\"REJECTED\":1,\"WONT_DO\":1,\"WORKING\":1}"));
		assertThat(card.at("/verifications/working").asInt()).isEqualTo(1);
		assertThat(card.at("/verifications/notWorking").asInt()).isEqualTo(1);
		assertThat(card.get("verifiedWorkingPercent").asDouble()).isEqualTo(50.0);
		assertThat(card.get("reopenRatePercent").asDouble()).isEqualTo(50.0);
		assertThat(card.get("topAreasByHoursLost"))
			.isEqualTo(this.json.readTree("[{\"area\":\"PAYMENTS\",\"openCases\":1,\"hoursLostPerWeek\":10.0},"
					+ "{\"area\":\"SUPPORT\",\"openCases\":1,\"hoursLostPerWeek\":3.5}]"));
	}

	@Test
	@Order(2)
	void scorecardExportsAsCsv() throws Exception {
		HttpResponse<String> csv = get("/api/scorecard.csv?" + PERIOD, "lee");
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
		assertThat(csv.body()).startsWith("metric,dimension,value\n")
			.contains("cases_reported,,6\n", "cases_opened_in_week,2030-W02,5\n", "stage_median_hours,triage,2.0\n",
					"stage_p90_hours,decision,216.0\n", "stage_sla_breaches,triage,1\n", "outcome,WORKING,1\n",
					"verified_working_percent,,50.0\n", "reopen_rate_percent,,50.0\n",
					"open_hours_lost_per_week,PAYMENTS,10.0\n");
	}

	@Test
	@Order(3)
	void casesAreFoundOpenAndClosed() throws Exception {
		JsonNode all = getJson("/api/cases?" + PERIOD, "lee");
		assertThat(all).hasSize(6);
		JsonNode closed = getJson("/api/cases?state=closed&" + PERIOD, "lee");
		assertThat(closed.findValuesAsText("caseNumber")).containsExactlyInAnyOrder(this.caseNumbers.get("A"),
				this.caseNumbers.get("B"), this.caseNumbers.get("C"), this.caseNumbers.get("E"));
		JsonNode refunds = getJson("/api/cases?title=REFUND&" + PERIOD, "lee");
		assertThat(refunds.findValuesAsText("caseNumber")).containsExactlyInAnyOrder(this.caseNumbers.get("D"),
				this.caseNumbers.get("E"));
		// what is typed is found as it is, not as a pattern
		assertThat(getJson("/api/cases?title=%25&" + PERIOD, "lee")).isEmpty();
		assertThat(getJson("/api/cases?title=_&" + PERIOD, "lee")).isEmpty();
		assertThat(getJson("/api/cases?reporter=o_ivia&" + PERIOD, "lee")).isEmpty();
		JsonNode working = getJson("/api/cases?outcome=working&area=dispatch&reporter=olivia&" + PERIOD, "lee");
		assertThat(working).hasSize(1);
		assertThat(working.get(0).get("title").asText()).isEqualTo("Couriers cannot see the drop-off note");
		// people by name; the reporter found by a part of their name too
		assertThat(working.get(0).get("reporterName").asText()).isEqualTo("Olivia Ortega");
		assertThat(getJson("/api/cases?outcome=working&area=dispatch&reporter=a%20orteg&" + PERIOD, "lee")
			.findValuesAsText("caseNumber")).containsExactly(working.get(0).get("caseNumber").asText());
		assertThat(getJson("/api/cases?reporter=Okafor&" + PERIOD, "lee").findValuesAsText("reporter"))
			.doesNotContain("olivia");
		JsonNode open = getJson("/api/cases?state=open&caseNumber=" + this.caseNumbers.get("D"), "lee");
		assertThat(open.get(0).get("waitingAt").get(0).asText()).isEqualTo("PM decision");

		assertThat(get("/api/cases?state=sleeping", "lee").statusCode()).isEqualTo(400);
		assertThat(get("/api/cases?from=yesterday", "lee").body()).contains("from must be a date like");
	}

	@Test
	@Order(6)
	void recordsOfCasesFiledBeforeTheCaseRecordsAreFilledFromHistory() throws Exception {
		// as an earlier version left them: the case number and the instance only
		this.jdbc
			.update("UPDATE ops_case SET title = NULL, area = NULL, reporter = NULL, priority = NULL, outcome = NULL, "
					+ "followers = NULL, duplicate_of = NULL, reported_at = NULL, closed_at = NULL, ended_at = NULL "
					+ "WHERE case_number IN (?, ?)", this.caseNumbers.get("A"), this.caseNumbers.get("D"));
		assertThat(getJson("/api/cases?" + PERIOD, "lee")).hasSize(4);

		this.records.run(null); // as at start-up

		JsonNode working = getJson("/api/cases?outcome=working&area=dispatch&reporter=olivia&" + PERIOD, "lee");
		assertThat(working.findValuesAsText("caseNumber")).containsExactly(this.caseNumbers.get("A"));
		assertThat(working.get(0).get("state").asText()).isEqualTo("closed");
		JsonNode open = getJson("/api/cases?state=open&caseNumber=" + this.caseNumbers.get("D"), "lee");
		assertThat(open.get(0).get("waitingAt").get(0).asText()).isEqualTo("PM decision");
		assertThat(getJson("/api/cases?" + PERIOD, "lee")).hasSize(6);
	}

	@Test
	@Order(7)
	void scorecardCountsWhatChangedSinceTheLastOneAndRecountsItsDaysInAnotherZone() throws Exception {
		assertThat(getJson("/api/scorecard?" + PERIOD, "lee").get("casesOpen").asInt()).isEqualTo(2);
		// F's reporter answers, Product Ops rejects it: a day summed by the scorecard
		// above is summed again
		complete(this.instances.get("F"), "olivia", at(21, 9, 0), "moreInfo", "Batch 2030-01-12");
		complete(this.instances.get("F"), "priya", at(21, 10, 0), "triageOutcome", "REJECT", "triageNote",
				"Fees are shown on the next report");
		JsonNode card = getJson("/api/scorecard?" + PERIOD, "lee");
		assertThat(card.get("casesOpen").asInt()).isEqualTo(1);
		assertThat(card.get("closedPerWeek"))
			.isEqualTo(this.json.readTree("{\"2030-W02\":2,\"2030-W03\":2,\"2030-W04\":1}"));
		assertThat(card.get("outcomes").get("REJECTED").asInt()).isEqualTo(2);
		assertStage(card.get("stages").get(0), "triage", 7, 2.0, 72.0, 1, 0);

		// days counted in another zone (the installation's zone was changed) are all
		// counted again in this one, and
		// the other zone's dates go, those without a case in this zone too
		this.jdbc.update("UPDATE ops_scorecard_state SET zone = 'Pacific/Kiritimati'");
		this.jdbc.update("UPDATE ops_scorecard_day SET cases = cases + 100");
		this.jdbc
			.update("INSERT INTO ops_scorecard_day SELECT DATE '2030-01-02', area, outcome, open_case, cases, working, "
					+ "not_working, verified, reopened, last_verified, working_by_metric, answered, fixed_for_most, "
					+ "disputed, "
					+ "regressions, hours_lost, ledger_cases, hours_before, hours_after FROM ops_scorecard_day");
		this.jdbc.update("INSERT INTO ops_scorecard_closed VALUES (DATE '2030-01-02', DATE '2029-12-31', 3)");
		assertThat(getJson("/api/scorecard?" + PERIOD, "lee")).isEqualTo(card);
	}

	@Test
	@Order(8)
	void scorecardFollowsAMovedReportDateAndCountsACaseWhoseFiguresCannotBeComputed() throws Exception {
		JsonNode before = getJson("/api/scorecard?" + PERIOD, "lee");
		String c = this.instances.get("C"); // reported in W02, won't do: still running
		// through the Java API, as an admin could over REST
		this.runtime.setVariable(c, "reportedAt", at(22, 9, 0));
		JsonNode moved = getJson("/api/scorecard?" + PERIOD, "lee");
		assertThat(moved.get("casesReported")).isEqualTo(before.get("casesReported"));
		assertThat(moved.at("/openedPerWeek/2030-W02").asInt())
			.isEqualTo(before.at("/openedPerWeek/2030-W02").asInt() - 1);
		assertThat(moved.at("/openedPerWeek/2030-W04").asInt()).isEqualTo(1);
		this.runtime.removeVariable(c, "reportedAt"); // no report date: on no day
		JsonNode gone = getJson("/api/scorecard?" + PERIOD, "lee");
		assertThat(gone.get("casesReported").asInt()).isEqualTo(before.get("casesReported").asInt() - 1);
		assertThat(gone.at("/openedPerWeek/2030-W04").isMissingNode()).isTrue();

		// A's reporters' answers made unreadable: A counts without its figures, every
		// scorecard still answers
		String a = this.instances.get("A");
		// (refused now: as an earlier version may have stored it)
		this.runtime.setVariable(a, "reporterAnswers", "[]");
		storedByAnEarlierVersion(a, "reporterAnswers", "not a list of answers");
		HttpResponse<String> broken = get("/api/scorecard?" + PERIOD, "lee");
		assertThat(broken.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(broken.body()).at("/verifications/working").asInt()).isZero();
		this.runtime.removeVariable(a, "reporterAnswers");
		assertThat(getJson("/api/scorecard?" + PERIOD, "lee").at("/verifications/working").asInt()).isEqualTo(1);

		// blank dates are no dates (the last twelve weeks); dates beyond year 9999 are
		// refused in words
		assertThat(get("/api/scorecard?from=&to=%20", "lee").statusCode()).isEqualTo(200);
		HttpResponse<String> far = get("/api/scorecard?from=2030-01-01&to=%2B292278995-01-01", "lee");
		assertThat(far.statusCode()).isEqualTo(400);
		assertThat(far.body()).contains("to must be a date from 0001-01-01 to 9999-12-31");
	}

	@Test
	@Order(9)
	void theMetricsShareLeavesOutAVerificationWithoutAReading() throws Exception {
		// G: built and verified working by Product Ops with no reading of the metric
		String g = file("G", "Drivers miss the pickup chat", "DISPATCH", 2, at(25, 9, 0));
		complete(g, "priya", at(25, 10, 0), "triageOutcome", "ACCEPT");
		complete(g, "dana", at(25, 11, 0), "pmDecision", "BUILD", "decisionRationale", "Cheap", "successMetric",
				"Missed pickups per week", "metricDirection", "DECREASE", "baselineValue", 40, "targetValue", 10,
				"verificationWindow", "P7D");
		complete(g, "dana", at(25, 12, 0), "deliveryRef", "https://git.example/pr/7");
		Job window = this.management.createJobQuery().processInstanceId(g).timers().singleResult();
		ClockUtil.setCurrentTime(window.getDuedate());
		this.management.executeJob(window.getId());
		assertThat(this.runtime.getVariable(g, "verificationVerdict")).isEqualTo("INCONCLUSIVE");
		complete(g, "priya", window.getDuedate(), "verificationOutcome", "WORKING", "verificationNote",
				"Dispatch says it is fine");

		// an admin writing the outcome again by hand verifies nothing
		this.runtime.setVariable(g, "verificationOutcome", "WORKING");

		JsonNode card = getJson("/api/scorecard?from=2030-01-25&to=2030-01-26", "lee");
		assertThat(card.at("/verifications/working").asInt()).isEqualTo(1);
		// the metric said nothing: not "0 % working"
		assertThat(card.at("/value/verifiedCases").asInt()).isZero();
		assertThat(card.at("/value/workingByMetricPercent").isNull()).isTrue();
	}

	@Test
	@Order(4)
	void timelineOfAFinishedCaseTellsWhoDidWhatAndHowLongItWaited() throws Exception {
		JsonNode timeline = getJson("/api/cases/" + this.caseNumbers.get("A") + "/timeline", "lee");
		assertThat(timeline.at("/summary/state").asText()).isEqualTo("closed");
		assertThat(timeline.at("/summary/outcome").asText()).isEqualTo("WORKING");
		List<JsonNode> entries = new ArrayList<>();
		timeline.get("entries").forEach(entries::add);
		assertThat(entries).extracting(entry -> entry.get("kind").asText() + " " + entry.get("stepId").asText())
			.containsSubsequence("STARTED StartEvent_ProblemReported", "AUTOMATED Task_RegisterCase",
					"TASK Task_TriageReport", "TASK Task_DecideOnReport", "TASK Task_ConfirmShipped",
					"AUTOMATED Task_RecordShipment", "TIMER Timer_VerificationWindow", "AUTOMATED Task_AssessMetric",
					// closed as working, then watched
					"TASK Task_VerifyOutcome", "AUTOMATED Task_StartWatch");
		assertThat(timeline.at("/summary/reporterName").asText()).isEqualTo("Olivia Ortega");
		JsonNode reported = entry(entries, "StartEvent_ProblemReported");
		assertThat(reported.get("whoName").asText()).isEqualTo("Olivia Ortega");
		assertThat(reported.get("changes").toString())
			.contains("{\"variable\":\"reporter\",\"from\":null,\"to\":\"olivia\",\"label\":\"Reported by\","
					+ "\"fromText\":null,\"toText\":\"Olivia Ortega\"}");
		JsonNode triage = entry(entries, "Task_TriageReport");
		assertThat(triage.get("who").asText()).isEqualTo("priya");
		assertThat(triage.get("whoName").asText()).isEqualTo("Priya Patel");
		assertThat(triage.get("waitedHours").asDouble()).isEqualTo(4.0);
		assertThat(triage.get("overdue").asBoolean()).isFalse();
		// the empty note the form sent is no change
		assertThat(triage.get("changes").toString())
			.isEqualTo("[{\"variable\":\"triageOutcome\",\"from\":null,\"to\":\"ACCEPT\",\"label\":\"Outcome\","
					+ "\"fromText\":null,\"toText\":\"Accept – route to the PM\"}]");
		JsonNode decision = entry(entries, "Task_DecideOnReport");
		assertThat(decision.get("who").asText()).isEqualTo("dana");
		assertThat(decision.get("waitedHours").asDouble()).isEqualTo(20.0);
		assertThat(decision.get("changes").toString()).contains(
				"{\"variable\":\"pmDecision\",\"from\":null,\"to\":\"BUILD\",\"label\":\"Decision\",\"fromText\":null,"
						+ "\"toText\":\"Build now\"}",
				"{\"variable\":\"decisionRationale\",\"from\":null,\"to\":\"Top courier pain\"");
		assertThat(entries).anySatisfy(entry -> {
			assertThat(entry.get("kind").asText()).isEqualTo("READING");
			assertThat(entry.get("who").asText()).isEqualTo("priya");
			assertThat(entry.get("step").asText())
				.startsWith("Metric reading from ops dashboard, measured 15 Jan 2030");
			assertThat(entry.get("changes").toString())
				.isEqualTo("[{\"variable\":\"value\",\"from\":null,\"to\":15.0,\"label\":\"Value\","
						+ "\"fromText\":null,\"toText\":\"15\"}]");
		});

		JsonNode reopened = getJson("/api/cases/" + this.caseNumbers.get("D") + "/timeline", "lee");
		assertThat(reopened.get("entries").findValuesAsText("kind")).contains("REOPENED", "MESSAGE");
		assertThat(reopened.get("entries").toString()).contains("{\"variable\":\"iteration\",\"from\":1,\"to\":2,");
		JsonNode late = getJson("/api/cases/" + this.caseNumbers.get("B") + "/timeline", "lee");
		assertThat(entry(list(late.get("entries")), "Task_TriageReport").get("overdue").asBoolean()).isTrue();

		assertThat(get("/api/cases/OPS-1999-0001/timeline", "lee").statusCode()).isEqualTo(404);
		String instanceOfD = this.runtime.createProcessInstanceQuery()
			.processInstanceBusinessKey(this.caseNumbers.get("D"))
			.singleResult()
			.getId();
		assertThat(getJson("/api/process-instances/" + instanceOfD + "/timeline", "lee").at("/summary/caseNumber")
			.asText()).isEqualTo(this.caseNumbers.get("D"));
	}

	@Test
	@Order(5)
	void onlyLeadsAndAdminsGetIn() throws Exception {
		assertThat(get("/api/scorecard?" + PERIOD, "admin").statusCode()).isEqualTo(200);
		for (String user : List.of("olivia", "priya", "dana")) {
			assertThat(get("/api/scorecard?" + PERIOD, user).statusCode()).as(user).isEqualTo(403);
			assertThat(get("/api/cases", user).statusCode()).as(user).isEqualTo(403);
		}
		assertThat(get("/api/scorecard", null).statusCode()).isEqualTo(401);
		// a wrong password for a user of its own: failed logins lock a user out for a few
		// seconds
		if (this.identity.createUserQuery().userId("wanda").count() == 0) {
			var wanda = this.identity.newUser("wanda");
			wanda.setPassword("right-password");
			this.identity.saveUser(wanda);
			this.identity.createMembership("wanda", "leads");
		}
		HttpRequest wrong = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/scorecard"))
			.header("Authorization", basic("wanda", "wrong-password"))
			.build();
		assertThat(this.http.send(wrong, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
	}

	// --- seeding
	// ------------------------------------------------------------------------------------------------

	private String file(String key, String title, String area, double hoursLost, Date at) {
		ClockUtil.setCurrentTime(at);
		Map<String, Object> report = new HashMap<>(
				Map.of("title", title, "area", area, "description", "Seeded: " + title, "frequency", "DAILY",
						"peopleAffectedPerWeek", 20, "hoursLostPerWeek", hoursLost, "urgency", "MEDIUM"));
		String id = driver().file("olivia", report).getId();
		this.instances.put(key, id);
		this.caseNumbers.put(key,
				this.runtime.createProcessInstanceQuery().processInstanceId(id).singleResult().getBusinessKey());
		return id;
	}

	private void complete(String instance, String user, Date at, Object... variables) {
		ClockUtil.setCurrentTime(at);
		Map<String, Object> values = new HashMap<>();
		for (int i = 0; i < variables.length; i += 2) {
			values.put((String) variables[i], variables[i + 1]);
		}
		driver().complete(instance, user, values);
	}

	private void recordMetric(String instance, Date at, double value) {
		ClockUtil.setCurrentTime(at);
		recordReading(instance, value);
	}

	private void fireTimer(String instance, Date at) {
		ClockUtil.setCurrentTime(at);
		Job timer = this.management.createJobQuery().processInstanceId(instance).timers().singleResult();
		assertThat(timer.getDuedate()).isEqualTo(at);
		this.management.executeJob(timer.getId());
	}

	/** January 2030, UTC. */
	private static Date at(int day, int hour, int minute) {
		return Date.from(LocalDateTime.of(2030, 1, day, hour, minute).toInstant(ZoneOffset.UTC));
	}

	// --- reading
	// ------------------------------------------------------------------------------------------------

	private static void assertStage(JsonNode stage, String name, int completed, double median, double p90, int breaches,
			int open) {
		assertThat(stage.get("stage").asText()).isEqualTo(name);
		assertThat(stage.get("completed").asInt()).as(name + " completed").isEqualTo(completed);
		assertThat(stage.get("medianHours").asDouble()).as(name + " median").isEqualTo(median);
		assertThat(stage.get("p90Hours").asDouble()).as(name + " p90").isEqualTo(p90);
		assertThat(stage.get("slaBreaches").asInt()).as(name + " breaches").isEqualTo(breaches);
		assertThat(stage.get("open").asInt()).as(name + " open").isEqualTo(open);
	}

	private static JsonNode entry(List<JsonNode> entries, String stepId) {
		return entries.stream().filter(e -> stepId.equals(e.get("stepId").asText())).findFirst().orElseThrow();
	}

	private static List<JsonNode> list(JsonNode array) {
		List<JsonNode> list = new ArrayList<>();
		array.forEach(list::add);
		return list;
	}

	private JsonNode getJson(String path, String user) throws Exception {
		HttpResponse<String> response = get(path, user);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private HttpResponse<String> get(String path, String user) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (user != null) {
			request.header("Authorization", basic(user, DEMO_PASSWORD));
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

}
