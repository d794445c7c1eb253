package com.productops;

import static com.productops.EngineRestClient.DEMO_PASSWORD;
import static com.productops.EngineRestClient.variables;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * The reporters' verdict and "me too" over HTTP, as each persona's tools would do it, in
 * March 2031 (the engine clock moved, so the scorecard of that month holds only this
 * case): olivia reports, otto says "me too" with his numbers, the PM builds, the window
 * passes, both are asked "Is it fixed for you?" - one says no, and the verify form shows
 * a disputed verdict; Product Ops re-opens it; the second change works for both, and the
 * lead's scorecard counts the hours given back; 30 days later the metric misses the
 * target and the case re-opens.
 */
class ReportersVerdictTests extends RunningApplicationTests {

	@AfterEach
	void resetClock() {
		ClockUtil.reset();
	}

	@Test
	void theReportersSayWhetherItIsFixedAndTheHoursGivenBackAreCounted() {
		EngineRestClient olivia = client("olivia");
		EngineRestClient otto = client("otto");
		EngineRestClient priya = client("priya");
		EngineRestClient dana = client("dana");
		EngineRestClient admin = client("admin");
		at(2, 9);
		JsonNode started = olivia.fileReport(variables("title", "Couriers wait at the hub gate every night", "area",
				"DISPATCH", "description", "The gate scanner rejects night-shift badges", "frequency", "DAILY",
				"peopleAffectedPerWeek", 60, "hoursLostPerWeek", 25.5, "urgency", "HIGH"));
		String instance = started.get("id").asText();
		String caseNumber = started.get("businessKey").asText();

		// otto finds the case while writing his own report, and joins it with his numbers
		// instead
		JsonNode similar = api("otto").get("/similar-cases?title=" + "Couriers+wait+at+the+hub+gate&description=night");
		assertThat(similar.findValuesAsText("caseNumber")).contains(caseNumber);
		assertThat(similar.toString()).doesNotContain("olivia");
		assertThat(similar.findValuesAsText("yours")).containsOnly("false");
		// olivia, writing the same report again, is shown it as hers
		JsonNode own = api("olivia").get("/similar-cases?title=" + "Couriers+wait+at+the+hub+gate&description=night");
		assertThat(own.findValues("caseNumber").stream().map(JsonNode::asText).toList()).contains(caseNumber);
		assertThat(own.get(0).get("yours").asBoolean()).isTrue();
		// a few words are looked up in a longer case instead of reading all of its own
		assertThat(api("otto").get("/similar-cases?title=Hub+gate&description=night").findValuesAsText("caseNumber"))
			.contains(caseNumber);
		ResponseEntity<JsonNode> badNumbers = api("otto").post("/cases/" + caseNumber + "/me-too",
				Map.of("peopleAffectedPerWeek", -3, "hoursLostPerWeek", "lots"));
		assertThat(badNumbers.getStatusCode().value()).isEqualTo(400);
		assertThat(badNumbers.getBody().get("message").asText())
			.isEqualTo("People affected per week: must be at least 1; Hours lost per week: must be a number");
		assertThat(api("olivia")
			.post("/cases/" + caseNumber + "/me-too", Map.of("peopleAffectedPerWeek", 1, "hoursLostPerWeek", 1))
			.getStatusCode()
			.value()).isEqualTo(409);
		assertThat(api("dana")
			.post("/cases/" + caseNumber + "/me-too", Map.of("peopleAffectedPerWeek", 1, "hoursLostPerWeek", 1))
			.getStatusCode()
			.value()).isEqualTo(403);
		assertThat(api("otto")
			.post("/cases/OPS-1999-0001/me-too", Map.of("peopleAffectedPerWeek", 1, "hoursLostPerWeek", 1))
			.getStatusCode()
			.value()).isEqualTo(404);
		ResponseEntity<JsonNode> joined = api("otto").post("/cases/" + caseNumber + "/me-too",
				Map.of("peopleAffectedPerWeek", 40, "hoursLostPerWeek", 6, "note", "Same at the south hub"));
		assertThat(joined.getStatusCode().value()).isEqualTo(200);
		assertThat(joined.getBody().get("totalPeopleAffectedPerWeek").asLong()).isEqualTo(100);
		assertThat(joined.getBody().get("totalHoursLostPerWeek").asDouble()).isEqualTo(31.5);
		assertThat(joined.getBody().get("totalsText").asText())
			.isEqualTo("100 people affected, 31.5 hours lost per week");
		assertThat(joined.getBody().get("priority").asText()).isEqualTo("P1");
		// writing the report again, otto is shown the case as one he follows (his "me
		// too" would update his numbers), olivia still as hers
		JsonNode followed = api("otto").get("/similar-cases?title=Couriers+wait+at+the+hub+gate&description=night");
		assertThat(followed.get(0).get("caseNumber").asText()).isEqualTo(caseNumber);
		assertThat(followed.get(0).get("following").asBoolean()).isTrue();
		assertThat(followed.get(0).get("yours").asBoolean()).isFalse();
		assertThat(similar.findValuesAsText("following")).containsOnly("false");
		assertThat(api("olivia").get("/similar-cases?title=Couriers+wait+at+the+hub+gate&description=night")
			.get(0)
			.get("following")
			.asBoolean()).isFalse();
		// otto may read the case now, and the PM sees who is affected
		assertThat(api("otto").getEntity("/cases/" + caseNumber + "/story").getStatusCode().value()).isEqualTo(200);
		// the case page tells of it: to otto with what he wrote, to the reporter without
		// who or what
		JsonNode ottosLine = meTooLine(api("otto").get("/cases/" + caseNumber + "/story"));
		assertThat(ottosLine.get("headline").asText()).isEqualTo("You have this problem too (\"me too\")");
		assertThat(ottosLine.get("who").asText()).isEqualTo("Otto Okafor");
		assertThat(ottosLine.get("fields").findValuesAsText("value")).containsExactly("40", "6",
				"Same at the south hub");
		JsonNode oliviasLine = meTooLine(api("olivia").get("/cases/" + caseNumber + "/story"));
		assertThat(oliviasLine.get("headline").asText()).isEqualTo("Someone else has this problem too (\"me too\")");
		assertThat(oliviasLine.get("who").isNull()).isTrue();
		assertThat(oliviasLine.get("fields").findValuesAsText("value")).containsExactly("40", "6");
		assertThat(meTooLine(api("priya").get("/cases/" + caseNumber + "/story")).get("who").asText())
			.isEqualTo("Otto Okafor");

		priya.complete(priya.singleTask(instance), variables("triageOutcome", "ACCEPT"));
		JsonNode decide = dana.singleTask(instance);
		String affected = dana.get("/task/" + decide.get("id").asText() + "/form-variables")
			.at("/affectedMarkdown/value")
			.asText();
		assertThat(affected).contains("**Olivia Ortega** (reported it): 60 people affected, 25.5 hours lost per week")
			.contains("**Otto Okafor** (me too): 40 people affected, 6 hours lost per week")
			.contains("**Everyone: 100 people affected, 31.5 hours lost per week**");
		dana.complete(decide, build(25.5, 10));
		dana.complete(dana.singleTask(instance), variables("deliveryRef", "https://git.example/pr/501"));
		reading(caseNumber, 9, 10);
		at(17, 9);
		passWindow(admin, instance);

		// both are asked; each sees only their own question
		JsonNode oliviasQuestion = single(olivia.tasks(instance));
		assertThat(oliviasQuestion.get("taskDefinitionKey").asText()).isEqualTo("Task_ConfirmFix");
		assertThat(oliviasQuestion.get("name").asText()).isEqualTo("Is it fixed for you?");
		// otto may not read the case's variables, which Tasklist shows on olivia's card:
		// his card asks for what it shows of the case
		JsonNode ottosQuestion = single(otto.tasks(instance));
		assertThat(ottosQuestion.get("name").asText()).isEqualTo("Is it fixed for you?");
		JsonNode ottosCard = api("otto").get(
				"/task-cards?task=" + ottosQuestion.get("id").asText() + "&task=" + oliviasQuestion.get("id").asText());
		assertThat(ottosCard.properties()).hasSize(1);
		assertThat(ottosCard.at("/" + ottosQuestion.get("id").asText() + "/title").asText())
			.isEqualTo("Couriers wait at the hub gate every night");
		assertThat(ottosCard.at("/" + ottosQuestion.get("id").asText() + "/caseNumber").asText()).isEqualTo(caseNumber);
		assertThat(ottosCard.at("/" + ottosQuestion.get("id").asText() + "/priority").asText()).matches("P[1-4]");
		assertThat(priya.tasks(instance)).extracting(t -> t.get("taskDefinitionKey").asText())
			.containsExactly("Task_VerifyOutcome");
		ResponseEntity<JsonNode> vague = olivia.post("/task/" + oliviasQuestion.get("id").asText() + "/submit-form",
				Map.of("variables", variables("fixAnswer", "SORT_OF", "hoursLostNow", 3)));
		assertThat(vague.getStatusCode().value()).isEqualTo(400);
		assertThat(vague.getBody().get("message").asText()).contains("Is it fixed for you?: must be one of");
		// each is reminded of their own numbers, and of when they gave them
		JsonNode oliviasForm = olivia.get("/task/" + oliviasQuestion.get("id").asText() + "/form-variables");
		assertThat(oliviasForm.at("/myHoursLostWhen/value").asText())
			.isEqualTo("By what you said when you reported it");
		assertThat(oliviasForm.at("/myHoursLostBefore/value").asText()).isEqualTo("25.5 hours");
		JsonNode ottosForm = otto.get("/task/" + single(otto.tasks(instance)).get("id").asText() + "/form-variables");
		assertThat(ottosForm.at("/myHoursLostWhen/value").asText())
			.isEqualTo("By what you said when you joined the case (\"me too\")");
		assertThat(ottosForm.at("/myHoursLostBefore/value").asText()).isEqualTo("6 hours");
		submit(olivia, oliviasQuestion, variables("fixAnswer", "YES", "hoursLostNow", 3));
		submit(otto, single(otto.tasks(instance)),
				variables("fixAnswer", "NO", "hoursLostNow", 6, "fixNote", "Night shift still waits"));

		// someone who says "me too" after the question went out was not asked: the verify
		// form tells them apart from who has not answered
		if (this.identity.createUserQuery().userId("ursula").count() == 0) {
			var ursula = this.identity.newUser("ursula");
			ursula.setFirstName("Ursula");
			ursula.setLastName("Usher");
			ursula.setPassword(DEMO_PASSWORD);
			this.identity.saveUser(ursula);
			this.identity.createMembership("ursula", "ops");
		}
		at(17, 15);
		assertThat(api("ursula")
			.post("/cases/" + caseNumber + "/me-too", Map.of("peopleAffectedPerWeek", 5, "hoursLostPerWeek", 2))
			.getStatusCode()
			.value()).isEqualTo(200);
		assertThat(client("ursula").tasks(instance)).isEmpty();

		JsonNode form = priya.get("/task/" + priya.singleTask(instance).get("id").asText() + "/form-variables");
		assertThat(form.at("/reporterAnswersMarkdown/value").asText())
			.endsWith("\n\nNot asked – they joined the case after the question went out: Ursula Usher.")
			.doesNotContain("Not answered");
		// ... as does her case page
		assertThat(api("ursula").get("/cases/" + caseNumber + "/story").get("following").asText())
			.startsWith("You follow this case: you said you have the same problem (\"me too\") after the people "
					+ "on it were asked whether the change works, so you were not asked");
		assertThat(form.at("/verificationVerdictLabel/value").asText()).isEqualTo("Working");
		assertThat(form.at("/combinedVerdictLabel/value").asText())
			.isEqualTo("Disputed – the metric and the reporters disagree");
		assertThat(form.at("/combinedVerdictReason/value").asText())
			.isEqualTo("The metric says working, but a reporter of this P1 case says it is not fixed.");
		assertThat(form.at("/reporterAnswersMarkdown/value").asText())
			.contains("**Olivia Ortega**: Yes, it is fixed · 3 hours lost per week now")
			.contains("**Otto Okafor**: No, it is not fixed · 6 hours lost per week now")
			.contains("Night shift still waits");
		priya.complete(priya.singleTask(instance),
				variables("verificationOutcome", "NOT_WORKING", "verificationNote", "Nights are not fixed"));

		// the second change works for both
		at(18, 9);
		dana.complete(dana.singleTask(instance), build(25.5, 10));
		dana.complete(dana.singleTask(instance), variables("deliveryRef", "https://git.example/pr/502"));
		reading(caseNumber, 8, 24);
		at(31, 9);
		passWindow(admin, instance);
		// the new verification starts empty: the last one's "not working" is not chosen
		JsonNode fresh = priya.get("/task/" + priya.singleTask(instance).get("id").asText() + "/form-variables");
		assertThat(fresh.has("verificationOutcome")).isFalse();
		assertThat(fresh.has("verificationNote")).isFalse();
		submit(olivia, single(olivia.tasks(instance)), variables("fixAnswer", "YES", "hoursLostNow", 2));
		submit(otto, single(otto.tasks(instance)), variables("fixAnswer", "YES", "hoursLostNow", 1));
		JsonNode agreed = priya.get("/task/" + priya.singleTask(instance).get("id").asText() + "/form-variables");
		assertThat(agreed.at("/combinedVerdictLabel/value").asText()).isEqualTo("Working");
		priya.complete(priya.singleTask(instance),
				variables("verificationOutcome", "WORKING", "verificationNote", "Both hubs fine"));
		String history = "/history/variable-instance?processInstanceId=" + instance + "&variableName=";
		assertThat(admin.get(history + "hoursLostBefore").at("/0/value").asDouble()).isEqualTo(31.5);
		assertThat(admin.get(history + "hoursLostAfter").at("/0/value").asDouble()).isEqualTo(3.0);

		JsonNode card = api("lee").get("/scorecard?from=2031-03-01&to=2031-04-01").get("value");
		assertThat(card.get("hoursGivenBackPerWeek").asDouble()).isEqualTo(28.5);
		assertThat(card.at("/byArea/0/area").asText()).isEqualTo("DISPATCH");
		assertThat(card.get("verifiedCases").asInt()).isEqualTo(1);
		assertThat(card.get("workingByMetricPercent").asDouble()).isEqualTo(100.0);
		assertThat(card.get("workingByPeoplePercent").asDouble()).isEqualTo(100.0);
		assertThat(card.get("disputedCases").asInt()).isEqualTo(1);
		assertThat(api("lee").getText("/scorecard.csv?from=2031-03-01&to=2031-04-01").getBody()).contains(
				"hours_given_back_per_week,,28.5", "hours_given_back_per_week,DISPATCH,28.5", "disputed_cases,,1");

		// closed as working, and watched: 30 days later the metric misses the target, and
		// the case re-opens
		assertThat(api("olivia").get("/cases/" + caseNumber + "/story").get("state").asText())
			.isEqualTo("Closed – watched for regressions");
		ClockUtil.setCurrentTime(Date.from(LocalDateTime.of(2031, 4, 20, 8, 0).toInstant(ZoneOffset.UTC)));
		assertThat(api("priya")
			.post("/cases/" + caseNumber + "/metrics", Map.of("value", 19, "source", "gate scanner log"))
			.getStatusCode()
			.value()).isEqualTo(201); // 19 hours at the gate again; the target is 10
		ClockUtil.setCurrentTime(Date.from(LocalDateTime.of(2031, 4, 30, 10, 0).toInstant(ZoneOffset.UTC)));
		JsonNode watch = admin.get("/job?processInstanceId=" + instance + "&timers=true&activityId=Timer_WatchReading")
			.get(0);
		assertThat(admin.post("/job/" + watch.get("id").asText() + "/execute", Map.of()).getStatusCode().value())
			.isEqualTo(204);
		JsonNode back = dana.singleTask(instance);
		assertThat(back.get("taskDefinitionKey").asText()).isEqualTo("Task_DecideOnReport");
		JsonNode reason = dana.get("/task/" + back.get("id").asText() + "/form-variables");
		assertThat(reason.at("/regressionNote/value").asText())
			.isEqualTo("The success metric read 19, 30 days after the verification; the target is 10.");
		assertThat(reason.at("/iteration/value").asInt()).isEqualTo(3);
		assertThat(api("olivia").get("/cases/" + caseNumber + "/story").get("state").asText()).isEqualTo("Open");
		JsonNode timeline = api("lee").get("/cases/" + caseNumber + "/timeline");
		assertThat(timeline.get("entries").findValuesAsText("stepId")).contains("Task_StartWatch",
				"Task_ReadWatchMetric", "Task_RecordRegression", "Task_ReopenCase");
		// each "me too" as one line of the changes it made at once
		List<List<String>> meToo = new ArrayList<>();
		for (JsonNode entry : timeline.get("entries")) {
			List<String> changed = entry.get("changes").findValuesAsText("variable");
			if (changed.contains("alsoAffected")) {
				meToo.add(changed);
			}
		}
		// (otto's and ursula's)
		assertThat(meToo).hasSize(2)
			.allSatisfy(changed -> assertThat(changed).contains("followers", "totalPeopleAffectedPerWeek"));
		// the change no longer holds: no hours given back, one regression caught
		JsonNode after = api("lee").get("/scorecard?from=2031-03-01&to=2031-04-01").get("value");
		assertThat(after.get("hoursGivenBackPerWeek").asDouble()).isZero();
		assertThat(after.get("regressionsCaught").asInt()).isEqualTo(1);
	}

	private static Map<String, Object> build(double baseline, double target) {
		return variables("pmDecision", "BUILD", "decisionRationale", "Nights cost the most", "successMetric",
				"Hours couriers wait at the gate per week", "metricDirection", "DECREASE", "baselineValue", baseline,
				"targetValue", target, "verificationWindow", "P14D");
	}

	private void reading(String caseNumber, double value, int day) {
		at(day, 8);
		ResponseEntity<JsonNode> posted = api("priya").post("/cases/" + caseNumber + "/metrics",
				Map.of("value", value, "source", "gate scanner log"));
		assertThat(posted.getStatusCode().value()).isEqualTo(201);
	}

	private static void passWindow(EngineRestClient admin, String instance) {
		JsonNode timer = admin
			.get("/job?processInstanceId=" + instance + "&timers=true&activityId=Timer_VerificationWindow")
			.get(0);
		assertThat(admin.post("/job/" + timer.get("id").asText() + "/execute", Map.of()).getStatusCode().value())
			.isEqualTo(204);
	}

	private static void submit(EngineRestClient who, JsonNode task, Map<String, Object> variables) {
		ResponseEntity<JsonNode> done = who.post("/task/" + task.get("id").asText() + "/submit-form",
				Map.of("variables", variables));
		assertThat(done.getStatusCode().value()).isEqualTo(204);
	}

	private static JsonNode single(List<JsonNode> tasks) {
		assertThat(tasks).hasSize(1);
		return tasks.get(0);
	}

	private static void at(int dayOfMarch, int hour) {
		ClockUtil.setCurrentTime(Date.from(LocalDateTime.of(2031, 3, dayOfMarch, hour, 0).toInstant(ZoneOffset.UTC)));
	}

	private EngineRestClient client(String user) {
		return new EngineRestClient(this.port, user, DEMO_PASSWORD);
	}

	private EngineRestClient api(String user) {
		return EngineRestClient.api(this.port, user, DEMO_PASSWORD);
	}

	private static JsonNode meTooLine(JsonNode story) {
		List<JsonNode> lines = new ArrayList<>();
		story.get("lines").forEach(line -> {
			if (line.get("headline").asText().contains("me too")) {
				lines.add(line);
			}
		});
		assertThat(lines).hasSize(1);
		return lines.get(0);
	}

}
