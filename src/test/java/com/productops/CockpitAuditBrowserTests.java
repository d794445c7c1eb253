package com.productops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/**
 * A lead in Cockpit (Debian chromium, src/test/browser/cockpit-audit.mjs): the Product Ops scorecard, a finished
 * case's timeline and the timeline tab of a running case; an ops user gets nothing. Screenshots in target/browser/.
 */
class CockpitAuditBrowserTests extends RunningApplicationTests {

	@Test
	void leadAuditsFinishedAndRunningCasesInCockpit() throws Exception {
		ProcessInstance finished = file("Drivers lose the route after a call");
		complete(finished, "priya", Map.of("triageOutcome", "ACCEPT"));
		complete(finished, "dana",
				Map.of("pmDecision", "BUILD", "decisionRationale", "Drivers miss pickups", "successMetric",
						"Missed pickups per week", "metricDirection", "DECREASE", "baselineValue", 40, "targetValue", 10,
						"verificationWindow", "P14D"));
		complete(finished, "dana", Map.of("deliveryRef", "https://git.example/pr/9"));
		recordReading(finished.getId(), 8);
		this.management.executeJob(
				this.management.createJobQuery().processInstanceId(finished.getId()).timers().singleResult().getId());
		complete(finished, "priya", Map.of("verificationOutcome", "WORKING", "verificationNote", "8 missed pickups"));
		assertThat(this.runtime.createProcessInstanceQuery().processInstanceId(finished.getId()).count()).isZero();
		ProcessInstance running = file("Drivers cannot report a closed gate");

		BrowserScript.run("cockpit-audit.mjs", this.port, finished.getBusinessKey(), running.getId());

		assertThat(Path.of("target/browser/cockpit-2-timeline.png")).exists();
		assertThat(Path.of("target/browser/cockpit-3-instance-tab.png")).exists();
	}

	private ProcessInstance file(String title) {
		return driver().file("olivia", new HashMap<>(Map.of("title", title, "area", "DISPATCH", "description",
				"Seeded for the Cockpit test", "frequency", "DAILY", "peopleAffectedPerWeek", 30, "hoursLostPerWeek", 6,
				"urgency", "HIGH")));
	}

	private void complete(ProcessInstance instance, String user, Map<String, Object> variables) {
		driver().complete(instance.getId(), user, variables);
	}

}
