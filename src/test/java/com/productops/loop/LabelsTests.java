package com.productops.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.productops.decision.MetricDirection;
import com.productops.decision.PmDecision;
import com.productops.intake.Area;
import com.productops.intake.DuplicateFinder;
import com.productops.intake.Frequency;
import com.productops.intake.Urgency;
import org.junit.jupiter.api.Test;

class LabelsTests {

	@Test
	void everyVariableAndEveryChoiceHasALabel() {
		assertThat(CaseVariables.ALL).allSatisfy(name -> assertThat(Labels.has("field." + name)).as(name).isTrue());
		for (Enum<?>[] choices : new Enum<?>[][] { Area.values(), Frequency.values(), Urgency.values(),
				MetricDirection.values(), PmDecision.values() }) {
			for (Enum<?> choice : choices) {
				String field = Character.toLowerCase(choice.getClass().getSimpleName().charAt(0))
						+ choice.getClass().getSimpleName().substring(1);
				assertThat(Labels.has(field + "." + choice.name())).as(field + "." + choice.name()).isTrue();
			}
		}
	}

	/** The mail that tells the reporters of a decision says it in words for each. */
	@Test
	void everyDecisionHasItsWordsInTheMail() {
		for (PmDecision decision : PmDecision.values()) {
			assertThat(Labels.has("mail.decision." + decision.name())).as(decision.name()).isTrue();
			assertThat(Labels.has("mail.decisionDetail." + decision.name())).as(decision.name()).isTrue();
		}
	}

	@Test
	void valuesReadAsPeopleSayThem() {
		assertThat(Labels.value("area", "TRUST_SAFETY", ZoneOffset.UTC)).isEqualTo("Trust & safety");
		assertThat(Labels.value("metricDirection", "DECREASE", ZoneOffset.UTC)).isEqualTo("Decrease");
		assertThat(Labels.value("verificationWindow", "P14D", ZoneOffset.UTC)).isEqualTo("2 weeks");
		assertThat(Labels.value("verificationWindow", "P45D", ZoneOffset.UTC)).isEqualTo("45 days");
		assertThat(Labels.value("baselineValue", 40.0, ZoneOffset.UTC)).isEqualTo("40");
		// as people write numbers, not in E notation
		assertThat(Labels.value("observedValue", 12500000.5, ZoneOffset.UTC)).isEqualTo("12500000.5");
		assertThat(Labels.value("observedValue", 0.000001, ZoneOffset.UTC)).isEqualTo("0.000001");
		assertThat(Labels.value("observedValue", -2.50, ZoneOffset.UTC)).isEqualTo("-2.5");
		assertThat(Labels.value("title", "Refunds stuck", ZoneOffset.UTC)).isEqualTo("Refunds stuck");
		assertThat(Labels.value("shippedAt",
				Date.from(LocalDate.of(2026, 11, 30).atTime(14, 5).toInstant(ZoneOffset.UTC)), ZoneOffset.UTC))
			.isEqualTo("30 Nov 2026, 14:05");
	}

	@Test
	void durationsInWords() {
		assertThat(Labels.duration("P7D")).isEqualTo("1 week");
		assertThat(Labels.duration("P2W")).isEqualTo("2 weeks");
		assertThat(Labels.duration("P1M")).isEqualTo("1 month");
		assertThat(Labels.duration("P1Y2M")).isEqualTo("1 year 2 months");
		assertThat(Labels.duration("PT2M")).isEqualTo("2 minutes");
		assertThat(Labels.duration("PT36H")).isEqualTo("36 hours");
		assertThat(Labels.duration("soon")).isEqualTo("soon");
		assertThat(Labels.hours(0.0)).isEqualTo("0 minutes");
		assertThat(Labels.hours(0.25)).isEqualTo("15 minutes");
		assertThat(Labels.hours(1.0)).isEqualTo("60 minutes");
		assertThat(Labels.hours(5.25)).isEqualTo("5.3 hours");
		assertThat(Labels.hours(72.0)).isEqualTo("3 days");
		assertThat(Labels.hours(null)).isEqualTo("–");
	}

	@Test
	void amountsCountedInTheRightNumber() {
		assertThat(Labels.counted(1, "hour", "hours")).isEqualTo("1 hour");
		assertThat(Labels.counted(1.5, "hour", "hours")).isEqualTo("1.5 hours");
		assertThat(Labels.counted(0, "person", "people")).isEqualTo("0 people");
		assertThat(Labels.counted(20, "person", "people")).isEqualTo("20 people");
	}

	@Test
	void stepsReadAsBusinessWords() {
		assertThat(Labels.step("Task_TriageReport", "Triage report")).isEqualTo("Triage");
		assertThat(Labels.step("Task_Unknown", "Something new")).isEqualTo("Something new");
		assertThat(Labels.now("Task_ProvideMoreInfo")).isEqualTo("Product Ops asked you a question");
		assertThat(Labels.next("Task_DecideOnReport", new Labels.Reader(false, true))).contains("decides");
	}

	/**
	 * "You" on the case page is the person a question waits for, elsewhere the reporter;
	 * followers, staff, and a reporter who has answered read about them.
	 */
	@Test
	void whereACaseIsIsToldToTheOneItAddresses() {
		var asked = new Labels.Reader(true, true);
		var answered = new Labels.Reader(false, true);
		var staff = new Labels.Reader(false, false);
		assertThat(Labels.now("Task_ProvideMoreInfo", asked)).isEqualTo("Product Ops asked you a question");
		assertThat(Labels.now("Task_ProvideMoreInfo", staff)).isEqualTo("Product Ops asked the reporter a question");
		assertThat(Labels.next("Task_ConfirmFix", answered))
			.isEqualTo("Product Ops weighs their answers beside the metric and decides whether the change works.");
		assertThat(Labels.next("Task_TriageReport", answered)).contains("asks you a question");
		assertThat(Labels.next("Task_TriageReport", staff)).contains("asks the reporter a question");
		// a follower reads the reporter's answer as the reporter's
		assertThat(Labels.field("moreInfo")).isEqualTo("Your answer");
		assertThat(Labels.fieldOfOthers("moreInfo")).isEqualTo("The reporter's answer");
		assertThat(Labels.fieldOfOthers("triageNote")).isEqualTo(Labels.field("triageNote"));
		// one text for everyone where nobody is addressed
		assertThat(Labels.now("Task_DecideOnReport", staff)).isEqualTo(Labels.now("Task_DecideOnReport", asked));
		// changes by hand in Cockpit or over the engine's API, not in the engine's words
		assertThat(Labels.operation("Execute", "Job")).isEqualTo("Ran a waiting timer or job now");
		assertThat(Labels.operation("ModifyVariable", "Variable")).isEqualTo("Changed the case's data");
		assertThat(Labels.operation("SomethingNew", "Job")).isEqualTo("Changed by hand");
	}

	@Test
	void aCasesStoryTellsWhatWasDecided() {
		assertThat(Labels.told("triageOutcome", "ACCEPT", ZoneOffset.UTC))
			.isEqualTo("Accepted – sent to the product manager");
		assertThat(Labels.value("triageOutcome", "ACCEPT", ZoneOffset.UTC)).isEqualTo("Accept – route to the PM");
		// a choice without words of its own for the story reads as on the form
		assertThat(Labels.told("metricDirection", "DECREASE", ZoneOffset.UTC)).isEqualTo("Decrease");
		assertThat(Labels.told("triageOutcome", null, ZoneOffset.UTC)).isEmpty();
	}

	@Test
	void formsShowLabelsAndLinks() {
		Map<String, Object> display = FormDisplayValues.of(
				Map.of("area", "TRUST_SAFETY", "priority", "P1", "verificationWindow", "P30D", "evidenceLinks",
						"https://grafana.example/d/refunds?from=now-7d\nhttps://x.example/a(b)"),
				ZoneOffset.UTC, null, null);
		assertThat(display).containsEntry("areaLabel", "Trust & safety")
			.containsEntry("priorityLabel", "P1 – critical")
			.containsEntry("verificationWindowLabel", "30 days")
			.containsEntry("evidenceLinksMarkdown",
					"- [grafana.example (link 1)](https://grafana.example/d/refunds?from=now-7d)\n"
							+ "- [x.example (link 2)](https://x.example/a%28b%29)\n");
		// the Verify form's observed value, or that there is none
		assertThat(FormDisplayValues.of(Map.of("verificationVerdict", "INCONCLUSIVE"), ZoneOffset.UTC, null, null))
			.containsEntry("observedText", "No reading");
		assertThat(FormDisplayValues.of(Map.of("verificationVerdict", "WORKING", "observedValue", 12.0), ZoneOffset.UTC,
				null, null))
			.containsEntry("observedText", "12");
		assertThat(display).doesNotContainKey("observedText");
		assertThat(FormDisplayValues
			.duplicateOptions(List.of(new DuplicateFinder.Suggestion("OPS-2026-0042", "Refunds stuck", 0.8, false),
					new DuplicateFinder.Suggestion("OPS-2026-0043", "Refunds late", 0.5, true))))
			.containsExactly(Map.entry("duplicateOption1", "OPS-2026-0042 - Refunds stuck (80% alike)"),
					Map.entry("duplicateOption2",
							"OPS-2026-0043 - A regression? Closed as working, watched: Refunds late (50% alike)"));
	}

}
