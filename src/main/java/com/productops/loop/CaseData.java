package com.productops.loop;

import java.lang.reflect.Field;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The case variables the code reads, with their types:
 * {@code CaseData.TITLE.from(execution)} instead of a cast. Names stay in
 * {@link CaseVariables}, where forms, DMN and BPMN find them.
 */
public final class CaseData {

	// texts
	public static final CaseVariable<String> TITLE = CaseVariable.text(CaseVariables.TITLE);

	public static final CaseVariable<String> DESCRIPTION = CaseVariable.text(CaseVariables.DESCRIPTION);

	public static final CaseVariable<String> AREA = CaseVariable.text(CaseVariables.AREA);

	public static final CaseVariable<String> REPORTER = CaseVariable.text(CaseVariables.REPORTER);

	public static final CaseVariable<String> TRIAGE_NOTE = CaseVariable.text(CaseVariables.TRIAGE_NOTE);

	public static final CaseVariable<String> CASE_NUMBER = CaseVariable.text(CaseVariables.CASE_NUMBER);

	public static final CaseVariable<String> PRIORITY = CaseVariable.text(CaseVariables.PRIORITY);

	public static final CaseVariable<String> URGENCY = CaseVariable.text(CaseVariables.URGENCY);

	public static final CaseVariable<String> PM_GROUP = CaseVariable.text(CaseVariables.PM_GROUP);

	public static final CaseVariable<String> EVIDENCE_LINKS = CaseVariable.text(CaseVariables.EVIDENCE_LINKS);

	public static final CaseVariable<String> FOLLOWERS = CaseVariable.text(CaseVariables.FOLLOWERS);

	public static final CaseVariable<String> DUPLICATE_OF = CaseVariable.text(CaseVariables.DUPLICATE_OF);

	public static final CaseVariable<String> DUPLICATE_REPORTS = CaseVariable.text(CaseVariables.DUPLICATE_REPORTS);

	public static final CaseVariable<String> SUCCESS_METRIC = CaseVariable.text(CaseVariables.SUCCESS_METRIC);

	public static final CaseVariable<String> METRIC_QUERY = CaseVariable.text(CaseVariables.METRIC_QUERY);

	public static final CaseVariable<String> ASKED_PERSON = CaseVariable.text(CaseVariables.ASKED_PERSON);

	public static final CaseVariable<String> FIX_ANSWER = CaseVariable.text(CaseVariables.FIX_ANSWER);

	public static final CaseVariable<String> FIX_NOTE = CaseVariable.text(CaseVariables.FIX_NOTE);

	public static final CaseVariable<String> ALSO_AFFECTED = CaseVariable.text(CaseVariables.ALSO_AFFECTED);

	public static final CaseVariable<String> REPORTER_ANSWERS = CaseVariable.text(CaseVariables.REPORTER_ANSWERS);

	public static final CaseVariable<String> PM_DECISION = CaseVariable.text(CaseVariables.PM_DECISION);

	public static final CaseVariable<String> DECISION_RATIONALE = CaseVariable.text(CaseVariables.DECISION_RATIONALE);

	public static final CaseVariable<String> LAST_DECISION = CaseVariable.text(CaseVariables.LAST_DECISION);

	public static final CaseVariable<String> LAST_DECISION_RATIONALE = CaseVariable
		.text(CaseVariables.LAST_DECISION_RATIONALE);

	// choices and durations, as the forms send them
	public static final CaseVariable<String> FREQUENCY = CaseVariable.text(CaseVariables.FREQUENCY);

	public static final CaseVariable<String> TRIAGE_OUTCOME = CaseVariable.text(CaseVariables.TRIAGE_OUTCOME);

	public static final CaseVariable<String> METRIC_DIRECTION = CaseVariable.text(CaseVariables.METRIC_DIRECTION);

	public static final CaseVariable<String> VERIFICATION_WINDOW = CaseVariable.text(CaseVariables.VERIFICATION_WINDOW);

	public static final CaseVariable<String> VERIFICATION_OUTCOME = CaseVariable
		.text(CaseVariables.VERIFICATION_OUTCOME);

	public static final CaseVariable<String> CASE_OUTCOME = CaseVariable.text(CaseVariables.CASE_OUTCOME);

	// numbers, as the engine stores them
	public static final CaseVariable<Number> ITERATION = CaseVariable.number(CaseVariables.ITERATION);

	public static final CaseVariable<Number> PEOPLE_AFFECTED_PER_WEEK = CaseVariable
		.number(CaseVariables.PEOPLE_AFFECTED_PER_WEEK);

	public static final CaseVariable<Number> HOURS_LOST_PER_WEEK = CaseVariable
		.number(CaseVariables.HOURS_LOST_PER_WEEK);

	public static final CaseVariable<Number> TARGET_VALUE = CaseVariable.number(CaseVariables.TARGET_VALUE);

	public static final CaseVariable<Number> HOURS_LOST_NOW = CaseVariable.number(CaseVariables.HOURS_LOST_NOW);

	public static final CaseVariable<Number> BASELINE_VALUE = CaseVariable.number(CaseVariables.BASELINE_VALUE);

	public static final CaseVariable<Number> OBSERVED_VALUE = CaseVariable.number(CaseVariables.OBSERVED_VALUE);

	public static final CaseVariable<Number> HOURS_LOST_BEFORE = CaseVariable.number(CaseVariables.HOURS_LOST_BEFORE);

	public static final CaseVariable<Number> HOURS_LOST_AFTER = CaseVariable.number(CaseVariables.HOURS_LOST_AFTER);

	public static final CaseVariable<Number> DUPLICATE_COUNT = CaseVariable.number(CaseVariables.DUPLICATE_COUNT);

	public static final CaseVariable<Number> WATCH_READINGS_DONE = CaseVariable
		.number(CaseVariables.WATCH_READINGS_DONE);

	public static final CaseVariable<Number> WATCH_OBSERVED_VALUE = CaseVariable
		.number(CaseVariables.WATCH_OBSERVED_VALUE);

	public static final CaseVariable<Number> REGRESSIONS = CaseVariable.number(CaseVariables.REGRESSIONS);

	public static final CaseVariable<Number> PEOPLE_AFFECTED_AT_DECISION = CaseVariable
		.number(CaseVariables.PEOPLE_AFFECTED_AT_DECISION);

	public static final CaseVariable<Number> HOURS_LOST_AT_DECISION = CaseVariable
		.number(CaseVariables.HOURS_LOST_AT_DECISION);

	// moments
	public static final CaseVariable<Date> REVISIT_AT = CaseVariable.date(CaseVariables.REVISIT_AT);

	public static final CaseVariable<Date> REPORTED_AT = CaseVariable.date(CaseVariables.REPORTED_AT);

	public static final CaseVariable<Date> SHIPPED_AT = CaseVariable.date(CaseVariables.SHIPPED_AT);

	public static final CaseVariable<Date> WATCH_STARTED_AT = CaseVariable.date(CaseVariables.WATCH_STARTED_AT);

	public static final CaseVariable<Date> CLOSED_AT = CaseVariable.date(CaseVariables.CLOSED_AT);

	public static final CaseVariable<Date> WATCH_READ_AT = CaseVariable.date(CaseVariables.WATCH_READ_AT);

	/** Every variable above by its name (read once, so none is left out of the list). */
	private static final Map<String, CaseVariable<?>> BY_NAME = byName();

	private CaseData() {
	}

	/** The variable of that name, where the code reads it with a type. */
	public static Optional<CaseVariable<?>> named(String name) {
		return Optional.ofNullable(BY_NAME.get(name));
	}

	/**
	 * Stored values as pages read them: one of another type than the loop writes (written
	 * by hand before the boundary refused that; the history keeps it) reads as unreadable
	 * text, or as not set where no text goes, so the rest of the page shows.
	 */
	public static Map<String, Object> readable(Map<String, ?> variables) {
		Map<String, Object> readable = new HashMap<>();
		variables.forEach((name, value) -> {
			CaseVariable<?> variable = BY_NAME.get(name);
			boolean fits = variable == null || variable.holds(value);
			readable.put(name, fits ? value : (variable.type() == String.class) ? Labels.unreadable() : null);
		});
		return readable;
	}

	private static Map<String, CaseVariable<?>> byName() {
		Map<String, CaseVariable<?>> variables = new HashMap<>();
		try {
			for (Field field : CaseData.class.getFields()) {
				if (field.get(null) instanceof CaseVariable<?> variable) {
					variables.put(variable.name(), variable);
				}
			}
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(ex);
		}
		return Map.copyOf(variables);
	}

}
