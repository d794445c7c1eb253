package com.productops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.productops.loop.CaseVariables;
import com.productops.verification.MetricReadings;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.FileSystemUtils;

/**
 * Every persona's journey through the whole loop in Debian's chromium
 * (src/test/browser/e2e.mjs, playwright-core), against the running application: ops file
 * and follow reports, Product Ops triage and verify, the PM decides and ships twice (the
 * first change misses its target), a lead audits the case in Cockpit. Between the browser
 * phases the test does what time would do: metric readings arrive and the verification
 * window passes (the timer job is run). Screenshots of every step and an HTML report:
 * target/e2e/index.html.
 */
class EndToEndBrowserTests extends RunningApplicationTests {

	static final Path SHOTS = Path.of("target", "e2e");

	static final String TITLE_A = "Courier app cuts off the delivery note";

	static final String TITLE_B = "Bike couriers cannot see the drop-off photo";

	static final String TITLE_C = "Delivery note is cut off for couriers";

	static final String OTHERS = "Riders see an old surge price";

	static final String HOSTILE_TITLE = "<img src=x onerror=\"window.__pwned=1\"><b class=\"pwned\">Bold</b> & "
			+ "<script>window.__pwned=2</script> in a title";

	@Autowired
	HistoryService history;

	@Test
	void everyPersonaWalksTheWholeLoop() throws Exception {
		FileSystemUtils.deleteRecursively(SHOTS);
		Files.createDirectories(SHOTS);
		// what no screen may show (e2e.mjs walks the visible text of every page it
		// photographs)
		Files.writeString(SHOTS.resolve("raw-words.json"), new ObjectMapper().writeValueAsString(Map.of("names",
				RawWords.names(), "codes", RawWords.codes(), "isoDuration", RawWords.ISO_DURATION.pattern())));
		// someone else's report, which olivia must not see
		driver().file("otto", report(OTHERS, "DEMAND"));

		// 1. ops files a report with every field and gets its case number
		String printed = phase("file", TITLE_A, OTHERS);
		String caseA = caseNumber(printed);
		ProcessInstance a = this.runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseA).singleResult();
		assertThat(this.runtime.getVariables(a.getId())).containsEntry(CaseVariables.REPORTER, "olivia")
			.containsEntry(CaseVariables.AREA, "DISPATCH")
			.containsEntry(CaseVariables.URGENCY, "HIGH")
			.containsEntry(CaseVariables.HOURS_LOST_PER_WEEK, 6.5)
			.containsEntry(CaseVariables.WORKAROUND, "Support reads the note to the courier on the phone");

		// 1b. on a phone
		phase("phone", "Warehouse stock counts lag a day");

		// 1c. olivia has the same problem: "me too" from the report form, with her
		// numbers
		phase("metoo", "Warehouse stock counts lag a day");
		ProcessInstance phoned = this.runtime.createProcessInstanceQuery()
			.variableValueEquals(CaseVariables.TITLE, "Warehouse stock counts lag a day")
			.singleResult();
		assertThat(this.runtime.getVariables(phoned.getId())).containsEntry(CaseVariables.FOLLOWERS, "olivia")
			.containsEntry(CaseVariables.TOTAL_PEOPLE_AFFECTED_PER_WEEK, 42L)
			.containsEntry(CaseVariables.TOTAL_HOURS_LOST_PER_WEEK, 7.0);

		// 2. triage: accept A; B needs an answer from its reporter, then is rejected; C
		// is merged into A
		ProcessInstance b = driver().file("olivia", report(TITLE_B, "DISPATCH"));
		ProcessInstance c = driver().file("otto", report(TITLE_C, "DISPATCH"));
		phase("triage", caseA, TITLE_A, TITLE_B, TITLE_C);
		assertThat(this.runtime.getVariable(a.getId(), CaseVariables.DUPLICATE_COUNT)).isEqualTo(1);
		assertThat(outcome(b)).isEqualTo("REJECTED");
		assertThat(outcome(c)).isEqualTo("DUPLICATE");

		// 3. the dispatch PM builds it and ships it
		phase("decide", caseA, TITLE_A, c.getBusinessKey());
		assertThat(this.runtime.getVariables(a.getId())).containsEntry(CaseVariables.PM_DECISION, "BUILD")
			.containsEntry(CaseVariables.TARGET_VALUE, 30.0)
			.containsEntry(CaseVariables.DELIVERY_REF, "courier-app release 5.31");

		// 4. the window passes with the reading Product Ops recorded (60: misses the
		// target); re-opened, built again;
		// then it works
		assertThat(this.readings.of(caseA, 0, 100)).extracting(MetricReadings.MetricReading::value)
			.containsExactly(60.0);
		passVerificationWindow(a);
		phase("reopen", caseA, TITLE_A);
		assertThat(this.runtime.getVariable(a.getId(), CaseVariables.ITERATION)).isEqualTo(2);
		recordReading(a.getId(), 25);
		passVerificationWindow(a);
		phase("close", caseA, TITLE_A, TITLE_B);
		assertThat(outcome(a)).isEqualTo("WORKING");

		// 5. a lead audits it in Cockpit
		ProcessInstance running = driver().file("otto", report("Dispatch board freezes at noon", "DISPATCH"));
		phase("audit", caseA, running.getId());

		// 6. a title written as HTML and script stays text in Tasklist's list, the form
		// and "My reports"
		ProcessInstance hostile = driver().file("olivia", report(HOSTILE_TITLE, "DISPATCH"));
		phase("hostile", hostile.getBusinessKey(), HOSTILE_TITLE);
		assertThat(this.runtime.getVariable(hostile.getId(), CaseVariables.TITLE)).isEqualTo(HOSTILE_TITLE);

		// 7. everyone lands where their work is
		phase("landing");

		writeReport();
		assertThat(SHOTS.resolve("index.html")).exists();
	}

	private String phase(String phase, String... args) throws Exception {
		String[] all = new String[args.length + 1];
		all[0] = phase;
		System.arraycopy(args, 0, all, 1, args.length);
		return BrowserScript.run("e2e.mjs", SHOTS, this.port, all);
	}

	private void passVerificationWindow(ProcessInstance instance) {
		Job window = this.management.createJobQuery()
			.processInstanceId(instance.getId())
			.activityId("Timer_VerificationWindow")
			.singleResult();
		this.management.executeJob(window.getId());
	}

	private String outcome(ProcessInstance instance) {
		return (String) this.history.createHistoricVariableInstanceQuery()
			.processInstanceId(instance.getId())
			.variableName(CaseVariables.CASE_OUTCOME)
			.singleResult()
			.getValue();
	}

	private static String caseNumber(String printed) {
		Matcher matcher = Pattern.compile("CASE=(OPS-\\d{4}-\\d{4})").matcher(printed);
		assertThat(matcher.find()).as(printed).isTrue();
		return matcher.group(1);
	}

	private static Map<String, Object> report(String title, String area) {
		return new HashMap<>(
				Map.of("title", title, "area", area, "description", "Seeded for the browser journeys: " + title,
						"frequency", "DAILY", "peopleAffectedPerWeek", 40, "hoursLostPerWeek", 5, "urgency", "MEDIUM"));
	}

	/** target/e2e/index.html: every screenshot with what it shows, in order. */
	private static void writeReport() throws Exception {
		ObjectMapper json = new ObjectMapper();
		StringBuilder html = new StringBuilder("""
				<!doctype html><html><head><meta charset="utf-8"><title>Product Ops Loop: end-to-end journeys</title>
				<style>body{font-family:sans-serif;margin:24px;max-width:1300px}figure{margin:0 0 36px}
				img{max-width:100%;border:1px solid #ccc}figcaption{font-weight:bold;margin:6px 0}
				.who{color:#666;font-weight:normal}</style></head><body>
				<h1>Product Ops Loop: every persona's journey in the browser</h1>
				""");
		List<String> lines = Files.readAllLines(SHOTS.resolve("steps.jsonl"), StandardCharsets.UTF_8);
		html.append("<p>")
			.append(lines.size())
			.append(" steps. Phases: file, phone, triage, decide, reopen, close, audit, hostile, landing.</p>\n");
		for (String line : lines) {
			JsonNode step = json.readTree(line);
			html.append("<figure><figcaption>")
				.append(escape(step.get("caption").asText()))
				.append(" <span class=\"who\">(")
				.append(escape(step.get("persona").asText()))
				.append(", ")
				.append(escape(step.get("phase").asText()))
				.append(")</span></figcaption><img src=\"")
				.append(escape(step.get("file").asText()))
				.append("\" alt=\"\"></figure>\n");
			assertThat(SHOTS.resolve(step.get("file").asText())).exists();
		}
		html.append("</body></html>\n");
		Files.writeString(SHOTS.resolve("index.html"), html.toString(), StandardCharsets.UTF_8);
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}
