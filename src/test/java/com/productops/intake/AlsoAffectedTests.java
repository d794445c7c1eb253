package com.productops.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import com.productops.loop.CaseData;
import com.productops.loop.CaseVariables;
import org.junit.jupiter.api.Test;

class AlsoAffectedTests {

	private static Map<String, Object> reportedBy(String reporter, long people, double hours) {
		Map<String, Object> vars = new HashMap<>();
		vars.put(CaseVariables.REPORTER, reporter);
		vars.put(CaseVariables.PEOPLE_AFFECTED_PER_WEEK, people);
		vars.put(CaseVariables.HOURS_LOST_PER_WEEK, hours);
		return vars;
	}

	private static AlsoAffected.Person person(String name, long people, double hours, AlsoAffected.Via via) {
		return new AlsoAffected.Person(name, people, hours, via,
				via == AlsoAffected.Via.DUPLICATE ? "OPS-2026-0009" : null, "2026-11-30T10:00:00Z", null);
	}

	@Test
	void theReachIsTheReportersNumbersPlusEveryoneElses() {
		Map<String, Object> vars = reportedBy("olivia", 60, 25.5);
		assertThat(AlsoAffected.totalPeople(vars)).isEqualTo(60);
		vars.put(CaseVariables.ALSO_AFFECTED, AlsoAffected.with(null, person("otto", 40, 6, AlsoAffected.Via.ME_TOO)));
		vars.put(CaseVariables.ALSO_AFFECTED, AlsoAffected.with(vars.get(CaseVariables.ALSO_AFFECTED),
				person("sam", 5, 0.5, AlsoAffected.Via.DUPLICATE)));
		assertThat(AlsoAffected.totalPeople(vars)).isEqualTo(105);
		assertThat(AlsoAffected.totalHours(vars)).isEqualTo(32.0);
		assertThat(AlsoAffected.hoursOf(vars, "olivia")).contains(25.5);
		assertThat(AlsoAffected.hoursOf(vars, "otto")).contains(6.0);
		assertThat(AlsoAffected.hoursOf(vars, "nobody")).isEmpty();
	}

	@Test
	void joiningAgainReplacesTheNumbersInsteadOfAddingThemTwice() {
		String once = AlsoAffected.with(null, person("otto", 40, 6, AlsoAffected.Via.ME_TOO));
		String twice = AlsoAffected.with(once, person("otto", 10, 1, AlsoAffected.Via.ME_TOO));
		assertThat(AlsoAffected.parse(twice)).extracting(AlsoAffected.Person::peopleAffectedPerWeek)
			.containsExactly(10L);
		// each change counted (bounded: the case's history keeps every one)
		assertThat(AlsoAffected.parse(once)).singleElement().extracting(AlsoAffected.Person::changes).isEqualTo(0);
		assertThat(AlsoAffected.parse(twice)).singleElement().extracting(AlsoAffected.Person::changes).isEqualTo(1);
		// the same numbers again, with no note or the same one, say nothing new
		AlsoAffected.Person now = AlsoAffected.parse(twice).get(0);
		assertThat(now.says(person("otto", 10, 1, AlsoAffected.Via.ME_TOO))).isTrue();
		assertThat(now.says(person("otto", 10, 2, AlsoAffected.Via.ME_TOO))).isFalse();
		assertThat(now.says(new AlsoAffected.Person("otto", 10, 1, AlsoAffected.Via.ME_TOO, null, null, "new")))
			.isFalse();
	}

	@Test
	void whatSomeoneWroteWithTheirMeTooStaysWhenTheirReportIsMergedIn() {
		AlsoAffected.Person meToo = new AlsoAffected.Person("otto", 40, 6, AlsoAffected.Via.ME_TOO, null,
				"2026-11-30T10:00:00Z", "the night shift too");
		String merged = AlsoAffected.with(AlsoAffected.with(null, meToo),
				person("otto", 50, 7, AlsoAffected.Via.DUPLICATE));
		assertThat(AlsoAffected.parse(merged)).singleElement()
			.extracting(AlsoAffected.Person::via, AlsoAffected.Person::peopleAffectedPerWeek, AlsoAffected.Person::note)
			.containsExactly(AlsoAffected.Via.DUPLICATE, 50L, "the night shift too");
	}

	@Test
	void peopleReadWhoIsAffectedInWords() {
		Map<String, Object> vars = reportedBy("olivia", 1, 1);
		vars.put(CaseVariables.ALSO_AFFECTED,
				AlsoAffected.with(null, person("sam", 5, 0.5, AlsoAffected.Via.DUPLICATE)));
		assertThat(AlsoAffected.markdown(vars, Map.of("sam", "Sam Supply")))
			.isEqualTo("- **olivia** (reported it): 1 person affected, 1 hour lost per week\n"
					+ "- **Sam Supply** (merged report OPS-2026-0009): 5 people affected, 0.5 hours lost per week\n\n"
					+ "**Everyone: 6 people affected, 1.5 hours lost per week**");
		assertThat(AlsoAffected.describe(CaseData.ALSO_AFFECTED.from(vars)))
			.isEqualTo("sam (merged report OPS-2026-0009): 5 people affected, 0.5 hours lost per week");
	}

	@Test
	void theCasePageTellsHowFarTheProblemReachesButNotWhoHasIt() {
		Map<String, Object> vars = reportedBy("olivia", 1, 1);
		assertThat(AlsoAffected.reach(vars)).isEqualTo("1 person affected, 1 hour lost per week");
		vars.put(CaseVariables.ALSO_AFFECTED,
				AlsoAffected.with(AlsoAffected.with(null, person("sam", 5, 0.5, AlsoAffected.Via.DUPLICATE)),
						person("otto", 4, 2, AlsoAffected.Via.ME_TOO)));
		assertThat(AlsoAffected.reach(vars)).isEqualTo("10 people affected, 3.5 hours lost per week "
				+ "(everyone who has the problem: the reporter and 2 more people)");
	}

}
