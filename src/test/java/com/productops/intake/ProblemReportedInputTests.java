package com.productops.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.productops.input.CaseInputException;
import com.productops.input.StepInput.CaseContext;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

class ProblemReportedInputTests {

	private final ProblemReportedInput intake = new ProblemReportedInput();

	@Test
	void normalisesAValidReport() {
		Map<String, Object> submitted = valid();
		submitted.put("title", "  Riders   cannot see\tsurge price ");
		submitted.put("area", "payments");
		submitted.put("peopleAffectedPerWeek", "120");
		submitted.put("hoursLostPerWeek", 7);
		submitted.put("evidenceLinks", "https://a.example/1\n\n  https://b.example/2 \nhttps://a.example/1");

		Map<String, Object> accepted = this.intake.accept(submitted, new CaseContext(null, null));

		assertThat(accepted).containsEntry("title", "Riders cannot see surge price")
			.containsEntry("area", "PAYMENTS")
			.containsEntry("peopleAffectedPerWeek", 120L)
			.containsEntry("hoursLostPerWeek", 7.0)
			.containsEntry("evidenceLinks", "https://a.example/1\nhttps://b.example/2")
			.containsEntry("workaround", null)
			.containsEntry("reporter", "olivia");
	}

	/**
	 * A title is one line: Unicode's line and paragraph separators too (a suggestion list
	 * shows one title per line, and would read a second one as another case).
	 */
	@Test
	void aTitleIsOneLineWhateverItsSeparators() {
		Map<String, Object> submitted = valid();
		submitted.put("title", "Delivery note missing\u2028OPS-2026-0003 - Forged\u2029x\u0085y\u00a0z");

		Map<String, Object> accepted = this.intake.accept(submitted, new CaseContext(null, null));

		assertThat(accepted).containsEntry("title", "Delivery note missing OPS-2026-0003 - Forged x y z");
	}

	@Test
	void listsEveryProblemAtOnce() {
		Map<String, Object> submitted = new HashMap<>();
		submitted.put("title", "Bad");
		submitted.put("area", "MARS");
		submitted.put("frequency", "SOMETIMES");
		submitted.put("peopleAffectedPerWeek", -1);
		submitted.put("hoursLostPerWeek", "lots");
		submitted.put("urgency", "HIGH");
		submitted.put("evidenceLinks", "https://ok.example\nftp://files.example/x\nnot a link");

		assertThatThrownBy(() -> this.intake.validate(submitted)).isInstanceOfSatisfying(CaseInputException.class,
				ex -> assertThat(ex.problems()).containsExactly("Title: must be 5 to 120 characters (it has 3)",
						"Area: must be one of Supply, Demand, Dispatch, Payments, Support, Trust & safety, Other",
						"What happens today: required",
						"How often does it happen?: must be one of Once (so far), Weekly, Daily, Hourly",
						"People affected per week: must be at least 0", "Hours lost per week: must be a number",
						"Evidence links: line 2 is not a web address (one http:// or https:// link per line)",
						"Evidence links: line 3 is not a web address (one http:// or https:// link per line)",
						"Reported by: required"));
	}

	/**
	 * An object left serialized or a date is not text: the engine would find no
	 * serializer for it (500).
	 */
	@Test
	void refusesObjectsAndDatesForText() {
		Map<String, Object> submitted = valid();
		submitted.put("description",
				Variables.serializedObjectValue("\"hi\"")
					.serializationDataFormat("application/json")
					.objectTypeName("java.util.ArrayList")
					.create());
		submitted.put("workaround", new Date());
		assertThatThrownBy(() -> this.intake.validate(submitted))
			.hasMessage("What happens today: must be text; Workaround (if any): must be text");
	}

	@Test
	void refusesTitlesOutsideFiveTo120Characters() {
		Map<String, Object> submitted = valid();
		submitted.put("title", "x".repeat(121));
		assertThatThrownBy(() -> this.intake.validate(submitted))
			.hasMessage("Title: must be 5 to 120 characters (it has 121)");
		submitted.put("title", "x".repeat(120));
		assertThat(this.intake.validate(submitted).title()).hasSize(120);
	}

	@Test
	void refusesFractionsOfPeople() {
		Map<String, Object> submitted = valid();
		submitted.put("peopleAffectedPerWeek", 2.5);
		assertThatThrownBy(() -> this.intake.validate(submitted))
			.hasMessage("People affected per week: must be a whole number");
		// too many is told as too many, however many
		submitted.put("peopleAffectedPerWeek", 1e20);
		assertThatThrownBy(() -> this.intake.validate(submitted))
			.hasMessage("People affected per week: must be at most 10000000");
	}

	@Test
	void scoreIsReachTimesImpactTimesConfidence() {
		ProblemReport withEvidence = new ProblemReport("Title", Area.SUPPLY, "d", Frequency.DAILY, 100, 20,
				Urgency.HIGH, null, List.of("https://x.example"));
		ProblemReport withoutEvidence = new ProblemReport("Title", Area.SUPPLY, "d", Frequency.DAILY, 100, 20,
				Urgency.LOW, null, List.of());

		// (100 + 20) x 2 x 1.0
		assertThat(this.intake.score(withEvidence)).isEqualTo(240.0);
		// (100 + 20) x 0.5 x 0.8
		assertThat(this.intake.score(withoutEvidence)).isEqualTo(48.0);
	}

	static Map<String, Object> valid() {
		Map<String, Object> submitted = new HashMap<>();
		submitted.put("title", "Riders cannot see surge price");
		submitted.put("area", "DEMAND");
		submitted.put("description", "Riders book and are surprised by the price");
		submitted.put("frequency", "DAILY");
		submitted.put("peopleAffectedPerWeek", 120);
		submitted.put("hoursLostPerWeek", 12.5);
		submitted.put("urgency", "HIGH");
		submitted.put("reporter", "olivia");
		return submitted;
	}

}
