package com.productops.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.productops.intake.AlsoAffected;
import com.productops.loop.CaseVariables;
import org.junit.jupiter.api.Test;

/**
 * What the reporters' answers add up to: the tally, the hours given back, and how the
 * answers read on the form.
 */
class HoursLedgerTests {

	private static ReportersVerdict.Answer answer(String person, FixAnswer said, double hoursNow, String note) {
		return new ReportersVerdict.Answer(person, said, hoursNow, note, "2026-11-30T14:05:00Z");
	}

	@Test
	void mostWhoAnsweredDecideWhetherItIsFixedForThePeople() {
		var tally = ReportersVerdict.tally(List.of(answer("a", FixAnswer.YES, 0, null),
				answer("b", FixAnswer.NO, 3, null), answer("c", FixAnswer.PARTLY, 1, null)));
		assertThat(tally).isEqualTo(new ReportersVerdict.Tally(3, 1, 1, 1));
		assertThat(tally.fixedForMost()).isFalse();
		assertThat(ReportersVerdict.tally(List.of(answer("a", FixAnswer.YES, 0, null))).fixedForMost()).isTrue();
		assertThat(ReportersVerdict.tally(List.of()).shareNo()).isZero();
	}

	@Test
	void hoursGivenBackComeFromThePeopleWhoAnswered() {
		Map<String, Object> vars = new HashMap<>();
		vars.put(CaseVariables.REPORTER, "olivia");
		vars.put(CaseVariables.HOURS_LOST_PER_WEEK, 25.5);
		vars.put(CaseVariables.ALSO_AFFECTED, AlsoAffected.with(null,
				new AlsoAffected.Person("otto", 40, 6, AlsoAffected.Via.ME_TOO, null, "2026-11-30T10:00:00Z", null)));
		// someone who never said what they lost (not on the case) counts on neither side
		vars.put(CaseVariables.REPORTER_ANSWERS, ReportersVerdict.json(List.of(answer("olivia", FixAnswer.YES, 2, null),
				answer("otto", FixAnswer.PARTLY, 1, null), answer("stranger", FixAnswer.NO, 50, null))));
		assertThat(ReportersVerdict.hoursLedger(vars)).contains(new ReportersVerdict.HoursLedger(31.5, 3, "REPORTERS"));
	}

	@Test
	void withoutAnswersAMetricCountedInHoursGivesTheLedger() {
		Map<String, Object> vars = new HashMap<>();
		vars.put(CaseVariables.SUCCESS_METRIC, "Hours couriers wait at the gate per week");
		vars.put(CaseVariables.METRIC_DIRECTION, "DECREASE");
		vars.put(CaseVariables.BASELINE_VALUE, 40.0);
		vars.put(CaseVariables.OBSERVED_VALUE, 12.0);
		assertThat(ReportersVerdict.hoursLedger(vars)).contains(new ReportersVerdict.HoursLedger(40, 12, "METRIC"));
		vars.put(CaseVariables.SUCCESS_METRIC, "Tickets per week");
		assertThat(ReportersVerdict.hoursLedger(vars)).isEmpty();
	}

	@Test
	void answersReadAsWordsAndANoteCannotBecomeMarkup() {
		String shown = ReportersVerdict.markdown(
				List.of(answer("otto", FixAnswer.NO, 1, "[click](http://evil.example) **now**")), ZoneId.of("UTC"),
				Map.of("otto", "Otto Okafor"));
		assertThat(shown)
			.isEqualTo("- **Otto Okafor**: No, it is not fixed · 1 hour lost per week now · 30 Nov 2026, 14:05 · "
					+ "“\\[click\\]\\(http\\://evil\\.example\\) \\*\\*now\\*\\*”\n");
		assertThat(ReportersVerdict.markdown(List.of(), ZoneId.of("UTC"), Map.of()))
			.isEqualTo("Nobody has answered yet.");
	}

	@Test
	void whoJoinedAfterTheQuestionWentOutIsToldApartFromWhoHasNotAnswered() {
		Map<String, Object> vars = new HashMap<>();
		vars.put(CaseVariables.REPORTER, "olivia");
		vars.put(CaseVariables.FOLLOWERS, "otto,cora");
		Map<String, String> names = Map.of("olivia", "Olivia Ortega", "otto", "Otto Okafor", "cora", "Cora Chen");
		// olivia and otto were asked, cora joined later
		Set<String> asked = Set.of("olivia", "otto");

		assertThat(ReportersVerdict.markdown(vars, ZoneId.of("UTC"), names, asked))
			.startsWith("Nobody has answered yet. Asked: ")
			.contains("Olivia Ortega", "Otto Okafor")
			.endsWith("\n\nNot asked – they joined the case after the question went out: Cora Chen.");

		// an answer whose time was changed by hand shows without it
		vars.put(CaseVariables.REPORTER_ANSWERS, ReportersVerdict
			.json(List.of(new ReportersVerdict.Answer("olivia", FixAnswer.YES, 0, null, "yesterday"))));
		assertThat(ReportersVerdict.markdown(vars, ZoneId.of("UTC"), names, asked))
			.isEqualTo("- **Olivia Ortega**: Yes, it is fixed · 0 hours lost per week now\n"
					+ "\nNot answered yet: Otto Okafor."
					+ "\n\nNot asked – they joined the case after the question went out: Cora Chen.");
		// where who was asked is not known, everyone on the case counts as asked
		assertThat(ReportersVerdict.markdown(vars, ZoneId.of("UTC"), names, null))
			.endsWith("\nNot answered yet: Otto Okafor, Cora Chen.");
	}

}
