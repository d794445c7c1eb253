package com.productops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.productops.loop.CaseVariables;
import com.productops.loop.FormDisplayValues;
import com.productops.loop.Labels;

/**
 * What people must never read on a screen or in a mail: variable names (successMetric,
 * pmGroup), stored codes (NOT_WORKING, TRUST_SAFETY) and ISO-8601 durations (P14D). Taken
 * from the variable facade and labels.properties, so a new variable or code is covered
 * without a change here.
 */
final class RawWords {

	/**
	 * Codes whose labels people read, by the field they belong to in labels.properties.
	 */
	private static final List<String> CODED = List.of("area", "frequency", "urgency", "triageOutcome", "pmDecision",
			"metricDirection", "metricSource", "verificationVerdict", "verificationOutcome", "caseOutcome");

	/** A code that is also a word people use ("SQL query"). */
	private static final Set<String> ALSO_WORDS = Set.of("SQL");

	static final Pattern ISO_DURATION = Pattern
		.compile("\\bP(?:\\d+[YMWD])+(?:T(?:\\d+[HMS])+)?\\b|\\bPT(?:\\d+[HMS])+\\b");

	private RawWords() {
	}

	/**
	 * Variable names that are no English word (camelCase), and the names forms use for
	 * display values.
	 */
	static Set<String> names() {
		Set<String> names = new TreeSet<>(FormDisplayValues.NAMES);
		CaseVariables.ALL.stream().filter(name -> !name.equals(name.toLowerCase())).forEach(names::add);
		return names;
	}

	static Set<String> codes() {
		Set<String> codes = new TreeSet<>();
		Labels.all().keySet().forEach(key -> {
			int dot = key.indexOf('.');
			if (CODED.contains(key.substring(0, dot)) && !ALSO_WORDS.contains(key.substring(dot + 1))) {
				codes.add(key.substring(dot + 1));
			}
		});
		return codes;
	}

	/** The raw words in a text, or none. */
	static List<String> in(String text) {
		Set<String> words = new HashSet<>(Arrays.asList(text.split("[^A-Za-z0-9_]+")));
		List<String> found = new ArrayList<>();
		names().stream().filter(words::contains).forEach(found::add);
		codes().stream().filter(words::contains).forEach(found::add);
		var duration = ISO_DURATION.matcher(text);
		if (duration.find()) {
			found.add(duration.group());
		}
		return found;
	}

}
