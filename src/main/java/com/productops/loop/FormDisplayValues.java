package com.productops.loop;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.productops.input.SubmittedInput;
import com.productops.intake.AlsoAffected;
import com.productops.intake.DuplicateFinder;
import com.productops.verification.MetricReadings;
import com.productops.verification.ReportersVerdict;

/**
 * Values a task form shows but nobody submits: the labels of coded values ({{areaLabel}}
 * "Trust &amp; safety" for TRUST_SAFETY, {{verificationWindowLabel}} "2 weeks" for P14D)
 * and the evidence links as links. Added to the form's variables when Tasklist loads a
 * loop task (security/LoopBoundary); never stored on the case.
 */
public final class FormDisplayValues {

	/** Coded fields whose label a form shows as {@code <field>Label}. */
	public static final List<String> LABELLED = List.of(CaseVariables.AREA, CaseVariables.URGENCY,
			CaseVariables.FREQUENCY, CaseVariables.PRIORITY, CaseVariables.PM_GROUP, CaseVariables.METRIC_DIRECTION,
			CaseVariables.VERIFICATION_WINDOW, CaseVariables.VERIFICATION_VERDICT, CaseVariables.COMBINED_VERDICT);

	public static final String EVIDENCE_LINKS_MARKDOWN = "evidenceLinksMarkdown";

	/** The Verify outcome form's list of answers to "Is it fixed for you?". */
	public static final String REPORTER_ANSWERS_MARKDOWN = "reporterAnswersMarkdown";

	/**
	 * On "Is it fixed for you?": the hours per week the person said they lost when they
	 * reported or joined the case.
	 */
	public static final String MY_HOURS_LOST_BEFORE = "myHoursLostBefore";

	/**
	 * When they said it: "By what you said when you reported it", or "… when you joined
	 * the case" to a follower who said "me too".
	 */
	public static final String MY_HOURS_LOST_WHEN = "myHoursLostWhen";

	/**
	 * The decision form's list of everyone affected: the reporter, "me too"s, merged
	 * duplicates, with their numbers.
	 */
	public static final String AFFECTED_MARKDOWN = "affectedMarkdown";

	/** duplicateOption1..5: the triage form's choices of a case to merge into. */
	static final String DUPLICATE_OPTION = "duplicateOption";

	static final int MAX_DUPLICATE_OPTIONS = 5;

	/**
	 * Everyone's numbers in words, and how many people they are when more than the
	 * reporter (AlsoAffected.reach, as on the case page).
	 */
	public static final String REACH_TEXT = "reachText";

	/**
	 * On a decision after the case came back: the last decision and its rationale, as
	 * what was decided then.
	 */
	public static final String LAST_DECISION_MARKDOWN = "lastDecisionMarkdown";

	/** The Verify outcome form's observed value, or that there is no reading. */
	public static final String OBSERVED_TEXT = "observedText";

	/**
	 * On the Verify outcome form: the last reading recorded after the window read the
	 * metric, which the metric's verdict does not include.
	 */
	public static final String LATER_READING_TEXT = "laterReadingText";

	/** The reporter's name (not their login), for the forms' "Reported by". */
	public static final String REPORTER_NAME = "reporterName";

	/** Every name this class adds: forms may template them. */
	public static final Set<String> NAMES = names();

	private FormDisplayValues() {
	}

	/**
	 * The display values of a task's form; {@code asked}: who was asked "Is it fixed for
	 * you?" in the verification of the Verify outcome task, null on other tasks.
	 */
	public static Map<String, Object> of(Map<String, Object> variables, ZoneId zone, PeopleNames people,
			Set<String> asked) {
		Map<String, Object> display = new LinkedHashMap<>();
		for (String field : LABELLED) {
			Object value = variables.get(field);
			if (value != null) {
				display.put(field + "Label", Labels.value(field, value, zone));
			}
		}
		if (variables.get(CaseVariables.COMBINED_VERDICT) == null
				&& variables.get(CaseVariables.VERIFICATION_VERDICT) != null) {
			// nobody has answered yet: the metric's verdict stands
			display.put(CaseVariables.COMBINED_VERDICT + "Label", Labels.value(CaseVariables.COMBINED_VERDICT,
					variables.get(CaseVariables.VERIFICATION_VERDICT), zone));
		}
		// lists of people or answers written by hand that cannot be read: the form opens
		// and says so where they would show
		String unreadable = Labels.unreadable();
		display.putAll(CaseVariable.readableOr(() -> peopleOnTheCase(variables, zone, people, asked),
				Map.of(REPORTER_ANSWERS_MARKDOWN, unreadable, AFFECTED_MARKDOWN, unreadable, REACH_TEXT, unreadable)));
		if (variables.containsKey(CaseVariables.VERIFICATION_VERDICT)) {
			Object observed = variables.get(CaseVariables.OBSERVED_VALUE);
			display.put(OBSERVED_TEXT, (observed == null) ? Labels.noReading()
					: Labels.value(CaseVariables.OBSERVED_VALUE, observed, zone));
		}
		String lastDecision = CaseData.LAST_DECISION.from(variables);
		if (lastDecision != null) {
			display.put(LAST_DECISION_MARKDOWN,
					"**Decided last time:** " + Labels.told(CaseVariables.PM_DECISION, lastDecision, zone) + " – "
							+ AlsoAffected.escapeMarkdown(CaseData.LAST_DECISION_RATIONALE.from(variables, "")));
		}
		String links = CaseData.EVIDENCE_LINKS.from(variables, "");
		if (!links.isBlank()) {
			display.put(EVIDENCE_LINKS_MARKDOWN, markdownLinks(links));
		}
		return display;
	}

	/** Who is on the case and what they said, by name. */
	private static Map<String, Object> peopleOnTheCase(Map<String, Object> variables, ZoneId zone, PeopleNames people,
			Set<String> asked) {
		Map<String, Object> display = new LinkedHashMap<>();
		// everyone on the case by name, in one look-up
		String reporter = CaseData.REPORTER.from(variables);
		List<String> everyone = new ArrayList<>();
		everyone.add(reporter);
		AlsoAffected.of(variables).forEach(person -> everyone.add(person.person()));
		everyone.addAll(ReportersVerdict.askedPeopleOf(variables));
		everyone.removeIf(Objects::isNull);
		Map<String, String> names = everyone.isEmpty() ? Map.of() : people.of(everyone);
		if (variables.containsKey(CaseVariables.VERIFICATION_VERDICT)) {
			display.put(REPORTER_ANSWERS_MARKDOWN, ReportersVerdict.markdown(variables, zone, names, asked));
		}
		if (reporter != null) {
			display.put(REACH_TEXT, AlsoAffected.escapeMarkdown(AlsoAffected.reach(variables)));
			display.put(REPORTER_NAME, AlsoAffected.escapeMarkdown(names.get(reporter)));
			display.put(AFFECTED_MARKDOWN, AlsoAffected.markdown(variables, names));
		}
		String person = CaseData.ASKED_PERSON.from(variables);
		if (person != null) {
			AlsoAffected.hoursOf(variables, person).ifPresent(hours -> {
				display.put(MY_HOURS_LOST_BEFORE, ReportersVerdict.hoursPerWeek(hours));
				display.put(MY_HOURS_LOST_WHEN, Labels.value(MY_HOURS_LOST_WHEN,
						AlsoAffected.saidMeToo(variables, person) ? "ME_TOO" : "REPORTED", zone));
			});
		}
		return display;
	}

	/**
	 * One markdown link per line, named by its host. The links were checked at intake
	 * (http or https with a host); characters that could end the markdown link are
	 * percent-encoded, so a link stays one link.
	 */
	static String markdownLinks(String links) {
		StringBuilder markdown = new StringBuilder();
		int number = 0;
		for (String line : links.split("\\R")) {
			String link = line.strip();
			String host = host(link);
			if (host == null) {
				continue;
			}
			number++;
			markdown.append("- [")
				.append(host)
				.append(" (link ")
				.append(number)
				.append(")](")
				.append(link.replace("(", "%28")
					.replace(")", "%29")
					.replace("[", "%5B")
					.replace("]", "%5D")
					.replace("<", "%3C")
					.replace(">", "%3E")
					.replace(" ", "%20")
					.replace("\"", "%22"))
				.append(")\n");
		}
		return markdown.toString();
	}

	private static String host(String link) {
		try {
			URI uri = new URI(link);
			String host = uri.getHost();
			boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
			return (web && host != null && host.matches("[A-Za-z0-9.-]+")) ? host : null;
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	/**
	 * "42, measured 3 Dec 2026, 14:00 (refund dashboard, recorded by Dana Diaz)", and
	 * when there are more: "; the latest of 3 – the case page lists them".
	 */
	public static String laterReading(MetricReadings.Later later, ZoneId zone, PeopleNames people) {
		MetricReadings.MetricReading reading = later.latest();
		return Labels.value(CaseVariables.OBSERVED_VALUE, reading.value(), zone) + ", measured "
				+ Labels.dateTime(Date.from(reading.timestamp()), zone) + " ("
				+ AlsoAffected.escapeMarkdown(SubmittedInput.oneLine(reading.source())) + ", recorded by "
				+ AlsoAffected.escapeMarkdown(people.of(reading.recordedBy())) + ")"
				+ ((later.count() > 1) ? "; the latest of " + later.count() + " – the case page lists them" : "");
	}

	/**
	 * The first few suggestions, each as duplicateOption1..5 ("OPS-2026-0042 - title (80%
	 * alike)"), for the merge choice.
	 */
	public static Map<String, Object> duplicateOptions(List<DuplicateFinder.Suggestion> suggestions) {
		Map<String, Object> options = new LinkedHashMap<>();
		for (int i = 0; i < Math.min(suggestions.size(), MAX_DUPLICATE_OPTIONS); i++) {
			options.put(DUPLICATE_OPTION + (i + 1), suggestions.get(i).toString());
		}
		return options;
	}

	private static Set<String> names() {
		Set<String> names = new LinkedHashSet<>();
		LABELLED.forEach(field -> names.add(field + "Label"));
		names.add(EVIDENCE_LINKS_MARKDOWN);
		names.add(REPORTER_ANSWERS_MARKDOWN);
		names.add(AFFECTED_MARKDOWN);
		names.add(REPORTER_NAME);
		names.add(OBSERVED_TEXT);
		names.add(LATER_READING_TEXT);
		names.add(LAST_DECISION_MARKDOWN);
		names.add(REACH_TEXT);
		names.add(MY_HOURS_LOST_BEFORE);
		names.add(MY_HOURS_LOST_WHEN);
		for (int i = 1; i <= MAX_DUPLICATE_OPTIONS; i++) {
			names.add(DUPLICATE_OPTION + i);
		}
		return Set.copyOf(names);
	}

}
