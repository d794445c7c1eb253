package com.productops.input;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.productops.loop.Labels;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Reads the values of one submission (a start form, a task form, a REST call) and
 * collects every problem, so that a person gets all messages at once instead of one per
 * attempt. Values arrive as whatever the client sent: Tasklist sends numbers as Integer
 * or Double, REST clients may send strings. Each problem names its field by its label, as
 * the form shows it ("Evidence links: line 1 is not a web address"), so that Tasklist can
 * show it next to the field.
 */
public final class SubmittedInput {

	private final Map<String, Object> values;

	private final List<String> problems = new ArrayList<>();

	/**
	 * Line breaks (also NEL and Unicode's line and paragraph separators) and tabs are
	 * text; other control characters are not (PostgreSQL refuses NUL), nor the invisible
	 * marks that turn the direction of the text after them around (overrides, embeddings,
	 * isolates).
	 */
	private static final Pattern CONTROL_CHARACTERS = Pattern
		.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x84\\x86-\\x9F\\u202A-\\u202E\\u2066-\\u2069]");

	/**
	 * The longest text a form takes: the engine stores a text variable in a column of
	 * 4,000 characters.
	 */
	public static final int MAX_TEXT = 4000;

	public SubmittedInput(Map<String, Object> values) {
		this.values = values;
	}

	/**
	 * Trimmed text, or null when absent or blank. Lists, objects and control characters
	 * are refused.
	 */
	public String text(String name, boolean required, int maxLength) {
		Object raw = this.values.get(name);
		// an engine-typed value left serialized (a JSON or XML object) or a date is not
		// text either
		if (raw instanceof Map || raw instanceof Collection || raw instanceof Boolean || raw instanceof TypedValue
				|| raw instanceof Date || (raw != null && raw.getClass().isArray())) {
			problem(name, "must be text");
			return null;
		}
		String value = (raw == null) ? null : raw.toString().strip();
		if (value != null && CONTROL_CHARACTERS.matcher(value).find()) {
			problem(name, "must not contain control characters");
			return null;
		}
		if (value == null || value.isEmpty()) {
			if (required) {
				problem(name, "required");
			}
			return null;
		}
		if (value.length() > maxLength) {
			problem(name, "must be at most " + maxLength + " characters (it has " + value.length() + ")");
		}
		return value;
	}

	/**
	 * Single-line text: trimmed, inner whitespace collapsed (Unicode's too: a line or
	 * paragraph separator would start a new line where a list shows one title per line),
	 * with a length range.
	 */
	public String line(String name, int minLength, int maxLength) {
		String value = text(name, true, Integer.MAX_VALUE);
		if (value == null) {
			return null;
		}
		value = oneLine(value);
		if (value.length() < minLength || value.length() > maxLength) {
			problem(name, "must be " + minLength + " to " + maxLength + " characters (it has " + value.length() + ")");
		}
		return value;
	}

	/** One of the given names, compared without regard to case; returned upper-case. */
	public <E extends Enum<E>> E choice(String name, Class<E> type, boolean required) {
		String value = text(name, required, 100);
		if (value == null) {
			return null;
		}
		try {
			return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			problem(name,
					"must be one of " + String.join(", ",
							Arrays.stream(type.getEnumConstants())
								.map(constant -> Labels.value(name, constant.name(), ZoneId.systemDefault()))
								.toList()));
			return null;
		}
	}

	/**
	 * A number, optionally at least {@code min}; null when absent or not a number (a
	 * problem is recorded).
	 */
	public Double number(String name, boolean required, Double min) {
		Object raw = this.values.get(name);
		if (raw == null || raw.toString().isBlank()) {
			if (required) {
				problem(name, "required");
			}
			return null;
		}
		double value;
		if (raw instanceof Number number) {
			value = number.doubleValue();
		}
		else {
			try {
				value = new BigDecimal(raw.toString().strip()).doubleValue();
			}
			catch (NumberFormatException ex) {
				problem(name, "must be a number");
				return null;
			}
		}
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			problem(name, "must be a number");
			return null;
		}
		if (min != null && value < min) {
			problem(name, "must be at least " + format(min));
			return null;
		}
		return value;
	}

	/**
	 * A whole number of at least {@code min}; one beyond a long's range reads as the
	 * largest long, for the caller's "must be at most" (not "must be a whole number").
	 */
	public Long wholeNumber(String name, boolean required, long min) {
		Double value = number(name, required, (double) min);
		if (value == null) {
			return null;
		}
		if (value != Math.rint(value)) {
			problem(name, "must be a whole number");
			return null;
		}
		return value.longValue();
	}

	/**
	 * A calendar date: an ISO date (2026-12-01), an ISO date-time (its date part is used)
	 * or a java.util.Date.
	 */
	public LocalDate date(String name, boolean required, ZoneId zone) {
		Object raw = this.values.get(name);
		if (raw instanceof Date date) {
			return date.toInstant().atZone(zone).toLocalDate();
		}
		String value = text(name, required, 40);
		if (value == null) {
			return null;
		}
		try {
			return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
		}
		catch (DateTimeParseException ex) {
			problem(name, "must be a date like 2026-12-01");
			return null;
		}
	}

	/**
	 * A problem with one field, as the person reads it: "Target: must be below the
	 * baseline (40)".
	 */
	public void problem(String field, String message) {
		this.problems.add(Labels.field(field) + ": " + message);
	}

	public boolean hasProblems() {
		return !this.problems.isEmpty();
	}

	/** Throws when anything was wrong; call after reading every value. */
	public void throwIfInvalid() {
		if (hasProblems()) {
			throw new CaseInputException(this.problems);
		}
	}

	/**
	 * Text on one line: trimmed, inner whitespace collapsed (Unicode's too: a line or
	 * paragraph separator would start a new line, in a list or in markdown).
	 */
	public static String oneLine(String text) {
		return text.replaceAll("(?U)\\s+", " ").strip();
	}

	/**
	 * A number as people write it: "12" not "12.0", "12500000.5" not "1.25000005E7"
	 * (beyond what any form takes, as Java writes it).
	 */
	public static String format(double value) {
		if (!Double.isFinite(value) || Math.abs(value) >= 1e15) {
			return Double.toString(value);
		}
		return (value == Math.rint(value)) ? Long.toString((long) value)
				: BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
	}

}
