package com.productops.intake;

import static com.productops.loop.CaseVariables.ALSO_AFFECTED;
import static com.productops.loop.CaseVariables.REPORTER;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.productops.loop.CaseData;
import com.productops.loop.CaseVariable;
import com.productops.loop.Labels;

/**
 * Everyone besides the reporter who has the problem of a case, with their own numbers:
 * people who said "me too" and reporters of merged duplicates. Kept on the case as JSON
 * ({@code alsoAffected}); the case's reach is the reporter's numbers plus theirs.
 */
public final class AlsoAffected {

	/**
	 * How someone joined: said "me too", or filed a report that was merged into the case.
	 */
	public enum Via {

		ME_TOO, DUPLICATE

	}

	/**
	 * One person's numbers; {@code caseNumber} is the merged duplicate's, {@code at} when
	 * they joined (ISO-8601), {@code changes} how often they changed them since.
	 */
	public record Person(String person, long peopleAffectedPerWeek, double hoursLostPerWeek, Via via, String caseNumber,
			String at, String note, int changes) {

		public Person(String person, long peopleAffectedPerWeek, double hoursLostPerWeek, Via via, String caseNumber,
				String at, String note) {
			this(person, peopleAffectedPerWeek, hoursLostPerWeek, via, caseNumber, at, note, 0);
		}

		/**
		 * Whether {@code again} says what this says already (no note: the note stays).
		 */
		public boolean says(Person again) {
			return this.peopleAffectedPerWeek == again.peopleAffectedPerWeek
					&& this.hoursLostPerWeek == again.hoursLostPerWeek
					&& (isBlank(again.note) || again.note.equals(this.note));
		}

	}

	private static final ObjectMapper JSON = new ObjectMapper();

	private AlsoAffected() {
	}

	public static List<Person> of(Map<String, Object> variables) {
		return parse(variables.get(ALSO_AFFECTED));
	}

	public static List<Person> parse(Object json) {
		if (!(json instanceof String text) || text.isBlank()) {
			return List.of();
		}
		List<Person> people;
		try {
			people = JSON.readValue(text, new TypeReference<List<Person>>() {
			});
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("alsoAffected is not a list of people", ex);
		}
		// written by hand: each entry must say who and how they joined, with numbers
		if (people == null || people.stream()
			.anyMatch(p -> p == null || p.person() == null || p.via() == null || !Double.isFinite(p.hoursLostPerWeek())
					|| p.hoursLostPerWeek() < 0 || p.peopleAffectedPerWeek() < 0)) {
			throw new IllegalStateException("alsoAffected is not a list of people");
		}
		return people;
	}

	/**
	 * The list with {@code person} added; someone already on it is replaced (their
	 * numbers now count instead).
	 */
	public static String with(Object json, Person person) {
		List<Person> people = new ArrayList<>(parse(json));
		Person joining = person;
		for (Person before : people) {
			if (before.person().equals(person.person())) {
				// what they wrote when they said "me too" stays when their merged report
				// (or new numbers without a note) takes its place
				String note = (isBlank(person.note()) && !isBlank(before.note())) ? before.note() : person.note();
				joining = new Person(person.person(), person.peopleAffectedPerWeek(), person.hoursLostPerWeek(),
						person.via(), person.caseNumber(), person.at(), note, before.changes() + 1);
			}
		}
		people.removeIf(p -> p.person().equals(person.person()));
		people.add(joining);
		try {
			return JSON.writeValueAsString(people);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** People affected per week: the reporter's count plus everyone else's. */
	public static long totalPeople(Map<String, Object> variables) {
		long total = CaseData.PEOPLE_AFFECTED_PER_WEEK.from(variables, 0).longValue();
		for (Person p : of(variables)) {
			total += p.peopleAffectedPerWeek();
		}
		return total;
	}

	/** Hours lost per week: the reporter's plus everyone else's. */
	public static double totalHours(Map<String, Object> variables) {
		double total = CaseData.HOURS_LOST_PER_WEEK.from(variables, 0).doubleValue();
		for (Person p : of(variables)) {
			total += p.hoursLostPerWeek();
		}
		return total;
	}

	/**
	 * The list in words, for the case's timeline: "otto (me too): 40 people affected, 6
	 * hours lost per week".
	 */
	public static String describe(String json) {
		return describe(json, Map.of());
	}

	/** The same, people by name ({@code names}: login to name; the login where none). */
	public static String describe(String json, Map<String, String> names) {
		// a value written by hand that is no list of people stays in the history
		return CaseVariable.readableOr(() -> String.join("; ",
				parse(json).stream()
					.map(p -> names.getOrDefault(p.person(), p.person()) + " ("
							+ ((p.via() == Via.ME_TOO) ? "me too" : "merged report " + p.caseNumber()) + "): "
							+ numbers(p.peopleAffectedPerWeek(), p.hoursLostPerWeek()))
					.toList()),
				Labels.unreadable());
	}

	/**
	 * Everyone affected, for the PM's decision form: the reporter first, each with their
	 * numbers, and the total.
	 */
	public static String markdown(Map<String, Object> variables, Map<String, String> names) {
		StringBuilder text = new StringBuilder();
		text.append("- **")
			.append(escapeMarkdown(
					names.getOrDefault(variables.get(REPORTER), String.valueOf(variables.get(REPORTER)))))
			.append("** (reported it): ")
			.append(numbers(CaseData.PEOPLE_AFFECTED_PER_WEEK.from(variables, 0).doubleValue(),
					CaseData.HOURS_LOST_PER_WEEK.from(variables, 0).doubleValue()))
			.append('\n');
		for (Person p : of(variables)) {
			text.append("- **")
				.append(escapeMarkdown(names.getOrDefault(p.person(), p.person())))
				.append("** (")
				.append((p.via() == Via.ME_TOO) ? "me too" : "merged report " + p.caseNumber())
				.append("): ")
				.append(numbers(p.peopleAffectedPerWeek(), p.hoursLostPerWeek()));
			if (p.note() != null && !p.note().isBlank()) {
				text.append(" · “").append(escapeMarkdown(p.note().replaceAll("(?U)\\s+", " "))).append("”");
			}
			text.append('\n');
		}
		text.append("\n**Everyone: ").append(numbers(totalPeople(variables), totalHours(variables))).append("**");
		return text.toString();
	}

	/**
	 * Text shown as itself in markdown: every character that could start markup is
	 * escaped, and so are those of a web or e-mail address the form would make a link of
	 * (https://…, www.…, a@b.c).
	 */
	public static String escapeMarkdown(String text) {
		return text.replaceAll("([\\\\`*_{}\\[\\]()#+\\-.!|<>~:@=])", "\\\\$1");
	}

	/**
	 * The case's reach in one line, as its page shows it to everyone on it: the numbers
	 * of everyone who has the problem, and how many they are (not who).
	 */
	public static String reach(Map<String, Object> variables) {
		int others = of(variables).size();
		return numbers(totalPeople(variables), totalHours(variables))
				+ ((others == 0) ? "" : " (everyone who has the problem: the reporter and "
						+ Labels.counted(others, "more person", "more people") + ")");
	}

	private static boolean isBlank(String text) {
		return text == null || text.isBlank();
	}

	/** "20 people affected, 1 hour lost per week". */
	public static String numbers(double people, double hours) {
		return Labels.counted(people, "person", "people") + " affected, " + Labels.counted(hours, "hour", "hours")
				+ " lost per week";
	}

	/** The person joined the case by saying "me too" (not by a report merged into it). */
	public static boolean saidMeToo(Map<String, Object> variables, String person) {
		return of(variables).stream().anyMatch(p -> p.person().equals(person) && p.via() == Via.ME_TOO);
	}

	/**
	 * The hours per week {@code person} said they lose when they reported or joined the
	 * case.
	 */
	public static Optional<Double> hoursOf(Map<String, Object> variables, String person) {
		if (person.equals(variables.get(REPORTER))) {
			return Optional.ofNullable(CaseData.HOURS_LOST_PER_WEEK.from(variables)).map(Number::doubleValue);
		}
		return of(variables).stream().filter(p -> p.person().equals(person)).findFirst().map(Person::hoursLostPerWeek);
	}

}
