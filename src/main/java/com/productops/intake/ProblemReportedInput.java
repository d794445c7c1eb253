package com.productops.intake;

import static com.productops.loop.CaseVariables.AREA;
import static com.productops.loop.CaseVariables.DESCRIPTION;
import static com.productops.loop.CaseVariables.EVIDENCE_LINKS;
import static com.productops.loop.CaseVariables.FREQUENCY;
import static com.productops.loop.CaseVariables.HOURS_LOST_PER_WEEK;
import static com.productops.loop.CaseVariables.PEOPLE_AFFECTED_PER_WEEK;
import static com.productops.loop.CaseVariables.REPORTER;
import static com.productops.loop.CaseVariables.SCORE;
import static com.productops.loop.CaseVariables.TITLE;
import static com.productops.loop.CaseVariables.URGENCY;
import static com.productops.loop.CaseVariables.WORKAROUND;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.productops.input.StepInput;
import com.productops.input.SubmittedInput;
import com.productops.loop.ProductOpsLoop;
import org.springframework.stereotype.Service;

/**
 * Accepts a problem report from ops: validates and normalises the start form and computes
 * the report's score.
 *
 * <p>
 * The score is RICE without effort (effort is unknown until a PM looks at it): <br>
 * {@code score = reach x impact x confidence}, rounded to one decimal, where
 * <ul>
 * <li>reach = people affected per week + hours lost per week (an hour of lost work counts
 * like one affected person),</li>
 * <li>impact = the RICE weight of the urgency: LOW 0.5, MEDIUM 1, HIGH 2, CRITICAL
 * 3,</li>
 * <li>confidence = 1.0 when evidence links are given, 0.8 otherwise.</li>
 * </ul>
 */
@Service
public class ProblemReportedInput implements StepInput {

	static final int MAX_TEXT = SubmittedInput.MAX_TEXT;

	private static final int MAX_EVIDENCE_LINKS = 20;

	@Override
	public String step() {
		return ProductOpsLoop.START_EVENT;
	}

	@Override
	public Map<String, Object> accept(Map<String, Object> submitted, CaseContext context) {
		ProblemReport report = validate(submitted);
		Map<String, Object> variables = new LinkedHashMap<>();
		variables.put(TITLE, report.title());
		variables.put(AREA, report.area().name());
		variables.put(DESCRIPTION, report.description());
		variables.put(FREQUENCY, report.frequency().name());
		variables.put(PEOPLE_AFFECTED_PER_WEEK, report.peopleAffectedPerWeek());
		variables.put(HOURS_LOST_PER_WEEK, report.hoursLostPerWeek());
		variables.put(URGENCY, report.urgency().name());
		variables.put(WORKAROUND, report.workaround());
		variables.put(EVIDENCE_LINKS,
				report.evidenceLinks().isEmpty() ? null : String.join("\n", report.evidenceLinks()));
		variables.put(SCORE, score(report));
		variables.put(REPORTER, submitted.get(REPORTER).toString().strip());
		return variables;
	}

	public ProblemReport validate(Map<String, Object> submitted) {
		SubmittedInput input = new SubmittedInput(submitted);
		String title = input.line(TITLE, 5, 120);
		Area area = input.choice(AREA, Area.class, true);
		String description = input.text(DESCRIPTION, true, MAX_TEXT);
		Frequency frequency = input.choice(FREQUENCY, Frequency.class, true);
		Reach reach = reach(input, 0);
		Long people = reach.people();
		Double hours = reach.hours();
		Urgency urgency = input.choice(URGENCY, Urgency.class, true);
		String workaround = input.text(WORKAROUND, false, MAX_TEXT);
		List<String> links = evidenceLinks(input.text(EVIDENCE_LINKS, false, MAX_TEXT), input);
		input.text(REPORTER, true, 64);
		input.throwIfInvalid();
		return new ProblemReport(title, area, description, frequency, people, hours, urgency, workaround, links);
	}

	/**
	 * More than any team loses in a week: a typo or a thumb on the scale, not a report.
	 */
	public static final long MAX_PEOPLE_PER_WEEK = 10_000_000;

	public static final double MAX_HOURS_PER_WEEK = 100_000;

	/** People affected and hours lost per week, as a report or a "me too" states them. */
	public record Reach(Long people, Double hours) {
	}

	/**
	 * The two numbers of a report or a "me too", at least {@code minPeople} people and
	 * within sane bounds.
	 */
	public static Reach reach(SubmittedInput input, long minPeople) {
		Long people = input.wholeNumber(PEOPLE_AFFECTED_PER_WEEK, true, minPeople);
		if (people != null && people > MAX_PEOPLE_PER_WEEK) {
			input.problem(PEOPLE_AFFECTED_PER_WEEK, "must be at most " + MAX_PEOPLE_PER_WEEK);
			people = null;
		}
		Double hours = input.number(HOURS_LOST_PER_WEEK, true, 0.0);
		if (hours != null && hours > MAX_HOURS_PER_WEEK) {
			input.problem(HOURS_LOST_PER_WEEK, "must be at most " + SubmittedInput.format(MAX_HOURS_PER_WEEK));
			hours = null;
		}
		return new Reach(people, hours);
	}

	public double score(ProblemReport report) {
		return score(report.peopleAffectedPerWeek(), report.hoursLostPerWeek(), report.urgency(),
				!report.evidenceLinks().isEmpty());
	}

	/**
	 * The score of a case's whole reach: also after "me too"s and merged duplicates add
	 * their numbers.
	 */
	public static double score(double peopleAffectedPerWeek, double hoursLostPerWeek, Urgency urgency,
			boolean evidence) {
		double reach = peopleAffectedPerWeek + hoursLostPerWeek;
		double confidence = evidence ? 1.0 : 0.8;
		return Math.round(reach * urgency.impact() * confidence * 10) / 10.0;
	}

	/** One http(s) URL per line; blank lines and repeats are dropped. */
	static List<String> evidenceLinks(String text, SubmittedInput input) {
		if (text == null) {
			return List.of();
		}
		Set<String> links = new LinkedHashSet<>();
		String[] lines = text.split("\\R");
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i].strip();
			if (line.isEmpty()) {
				continue;
			}
			if (!isWebLink(line)) {
				input.problem(EVIDENCE_LINKS,
						"line " + (i + 1) + " is not a web address (one http:// or https:// link per line)");
				continue;
			}
			links.add(line);
		}
		if (links.size() > MAX_EVIDENCE_LINKS) {
			input.problem(EVIDENCE_LINKS, "at most " + MAX_EVIDENCE_LINKS + " links (there are " + links.size() + ")");
		}
		return new ArrayList<>(links);
	}

	static boolean isWebLink(String text) {
		try {
			URI uri = new URI(text);
			return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
					&& uri.getHost() != null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

}
