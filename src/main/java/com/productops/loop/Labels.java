package com.productops.loop;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import com.productops.input.SubmittedInput;
import com.productops.intake.AlsoAffected;
import com.productops.verification.ReportersVerdict;

/**
 * The words people read for the loop's fields, values and steps, from
 * {@code labels.properties}: forms, the case page, Cockpit's pages, mails and error
 * messages all take them from there. Also the human formats of dates and durations, so
 * that nobody reads a variable name, an enum constant or an ISO-8601 duration.
 */
public final class Labels {

	private static final Map<String, String> LABELS = load();

	/** Unambiguous in every locale: 30 Nov 2026. */
	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

	private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm",
			Locale.ENGLISH);

	private Labels() {
	}

	/**
	 * Every label, by key ({@code field.title}, {@code area.SUPPLY},
	 * {@code step.Task_TriageReport}…).
	 */
	public static Map<String, String> all() {
		return LABELS;
	}

	public static boolean has(String key) {
		return LABELS.containsKey(key);
	}

	/** The label of a field (process variable): "Success metric" for successMetric. */
	public static String field(String name) {
		return LABELS.getOrDefault("field." + name, name);
	}

	/**
	 * A field's label for a reader who did not fill it in: "The reporter's answer"
	 * instead of the form's "Your answer", where the two differ.
	 */
	public static String fieldOfOthers(String name) {
		return LABELS.getOrDefault("field." + name + ".others", field(name));
	}

	/**
	 * A stored value as people read it: the label of a choice ("Decrease" for DECREASE),
	 * a duration in words, a date, a number without a needless ".0"; other text as it is.
	 */
	public static String value(String field, Object value, ZoneId zone) {
		if (value == null) {
			return "";
		}
		if (value instanceof Date date) {
			return dateTime(date, zone);
		}
		if (value instanceof Number number) {
			return SubmittedInput.format(number.doubleValue());
		}
		String text = value.toString();
		String label = LABELS.get(field + "." + text);
		if (label != null) {
			return label;
		}
		if (CaseVariables.VERIFICATION_WINDOW.equals(field)) {
			return duration(text);
		}
		if (CaseVariables.ALSO_AFFECTED.equals(field)) {
			return AlsoAffected.describe(text);
		}
		if (CaseVariables.REPORTER_ANSWERS.equals(field)) {
			return ReportersVerdict.describe(text, zone);
		}
		if (CaseVariables.REVISIT_ON.equals(field)) {
			try {
				return day(LocalDate.parse(text));
			}
			catch (DateTimeParseException ex) {
				return text;
			}
		}
		return text;
	}

	/** What shows for a metric that has no reading. */
	public static String noReading() {
		return LABELS.get("value.NO_READING");
	}

	/** What shows for a value written by hand that cannot be read. */
	public static String unreadable() {
		return LABELS.get("value.UNREADABLE");
	}

	/**
	 * A choice as what was decided, for a case's story ("Accepted – sent to the product
	 * manager"), where the form offers it as something to do ("Accept – route to the
	 * PM"): {@code told.<field>.<value>}, else the choice's label.
	 */
	public static String told(String field, Object value, ZoneId zone) {
		String label = (value == null) ? null : LABELS.get("told." + field + "." + value);
		return (label != null) ? label : value(field, value, zone);
	}

	/** The name of a step of the loop in the timeline, else the model's own name. */
	public static String step(String activityId, String modelName) {
		return LABELS.getOrDefault("step." + activityId, (modelName == null) ? activityId : modelName);
	}

	/**
	 * What a change by hand did ("Ran a waiting timer or job now"), from the engine's
	 * operation and the kind of thing it changed; "Changed by hand" for one without
	 * words.
	 */
	public static String operation(String operationType, String entityType) {
		return LABELS.getOrDefault("operation." + operationType + "." + entityType,
				LABELS.getOrDefault("operation." + operationType, LABELS.get("kind.OPERATION")));
	}

	/**
	 * What a case waiting at this step waits for ("Verification window running"), else
	 * the step's name.
	 */
	public static String waiting(String activityId, String modelName) {
		return LABELS.getOrDefault("waiting." + activityId, step(activityId, modelName));
	}

	/** What a task asks the person it waits for (the case page's call to answer it). */
	public static String question(String taskId) {
		return LABELS.get("question." + taskId);
	}

	/**
	 * Where a case waiting at this step is, in the reporter's words; null for steps a
	 * reporter never sees.
	 */
	public static String now(String activityId) {
		return LABELS.get("now." + activityId);
	}

	/**
	 * The same for {@code reader}: where a question waits for the person reading, or
	 * elsewhere for the reporter, it is told to them ("Product Ops asked you a
	 * question"); everyone else (followers, staff) reads the "others" words ("… asked the
	 * reporter a question") where there are any.
	 */
	public static String now(String activityId, Reader reader) {
		return forReader("now." + activityId, activityId, reader);
	}

	/** What happens next when a case waits at this step, for {@code reader}. */
	public static String next(String activityId, Reader reader) {
		return forReader("next." + activityId, activityId, reader);
	}

	/**
	 * Of the steps a case waits at, in the order they began, the one its page and "My
	 * reports" tell: a question to the people who have the problem (theirs to answer),
	 * else the latest; null for none.
	 */
	public static String toldStep(List<String> steps) {
		return steps.stream()
			.filter(step -> question(step) != null)
			.findFirst()
			.orElse(steps.isEmpty() ? null : steps.get(steps.size() - 1));
	}

	/**
	 * What the date a waiting case shows means ("Expected by", "Revisit date:", "Next
	 * metric reading:"), by the step it waits at.
	 */
	public static String due(String activityId) {
		return LABELS.getOrDefault("due." + activityId, LABELS.get("due.default"));
	}

	/**
	 * Who reads where a case is: asked a question of this step, or its reporter.
	 */
	public record Reader(boolean asked, boolean reporter) {
	}

	private static String forReader(String key, String activityId, Reader reader) {
		// at a question, "you" is the person asked; elsewhere the reporter
		boolean addressed = (question(activityId) != null) ? reader.asked() : reader.reporter();
		return addressed ? LABELS.get(key) : LABELS.getOrDefault(key + ".others", LABELS.get(key));
	}

	public static String day(Date date, ZoneId zone) {
		return DAY.format(date.toInstant().atZone(zone));
	}

	public static String day(LocalDate date) {
		return DAY.format(date);
	}

	public static String dateTime(Date date, ZoneId zone) {
		return DAY_AND_TIME.format(date.toInstant().atZone(zone));
	}

	/**
	 * An ISO-8601 duration in words: P14D "2 weeks", P30D "30 days", P1M "1 month", PT2M
	 * "2 minutes". Text that is no duration is returned as it is.
	 */
	public static String duration(String iso) {
		if (iso == null || iso.isBlank()) {
			return "";
		}
		String text = iso.strip().toUpperCase(Locale.ROOT);
		try {
			if (!text.contains("T")) {
				Period period = Period.parse(text);
				if (period.getYears() == 0 && period.getMonths() == 0) {
					int days = period.getDays();
					return (days % 7 == 0 && days > 0 && days <= 28) ? count(days / 7, "week") : count(days, "day");
				}
				return join(count(period.getYears(), "year"), count(period.getMonths(), "month"),
						count(period.getDays(), "day"));
			}
			return hours(Duration.parse(text).toMillis() / 3_600_000.0);
		}
		catch (DateTimeParseException | ArithmeticException ex) {
			return iso;
		}
	}

	/** A span of hours as people say it: "40 minutes", "5 hours", "3.5 days". */
	public static String hours(Double hours) {
		if (hours == null) {
			return "–";
		}
		double minutes = hours * 60;
		if (minutes < 1) {
			return hours == 0 ? "0 minutes" : "under a minute";
		}
		if (minutes < 90) {
			return count((int) Math.round(minutes), "minute");
		}
		if (hours < 48) {
			return plural(round(hours), "hour");
		}
		return plural(round(hours / 24), "day");
	}

	/** An amount of something counted: "1 hour", "2.5 hours", "1 person", "20 people". */
	public static String counted(double amount, String one, String many) {
		return SubmittedInput.format(amount) + " " + ((amount == 1) ? one : many);
	}

	private static String round(double value) {
		return SubmittedInput.format(Math.round(value * 10) / 10.0);
	}

	private static String plural(String amount, String unit) {
		return amount + " " + unit + ("1".equals(amount) ? "" : "s");
	}

	private static String count(int amount, String unit) {
		return (amount == 0) ? "" : plural(Integer.toString(amount), unit);
	}

	private static String join(String... parts) {
		return String.join(" ", Arrays.stream(parts).filter(p -> !p.isEmpty()).toList());
	}

	private static Map<String, String> load() {
		Properties properties = new Properties();
		try (InputStream in = Labels.class.getResourceAsStream("/labels.properties")) {
			if (in == null) {
				throw new IllegalStateException("labels.properties is missing from the classpath");
			}
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new IllegalStateException("labels.properties cannot be read", ex);
		}
		Map<String, String> labels = new TreeMap<>();
		properties.forEach((key, value) -> labels.put(key.toString(), value.toString()));
		return Collections.unmodifiableMap(labels);
	}

}
