package com.productops.input;

import java.util.Map;
import java.util.Objects;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Stores accepted input on a case, writing only the values that differ from what the case
 * holds. A task completion has already stored what the person submitted; writing the same
 * value again would add a second entry to the variable history of every field (noise in
 * Cockpit and the audit trail) and cost an update for nothing. A value whose type was
 * normalised (a whole number stored as a decimal) counts as a change. A field left empty
 * that the case never had is not stored at all: a variable of nothing would cost a
 * runtime, a history and a detail row, and every reader takes a missing value as empty.
 */
public final class ChangedValues {

	private ChangedValues() {
	}

	public static void store(VariableScope scope, Map<String, Object> accepted) {
		accepted.forEach((name, value) -> {
			boolean had = scope.hasVariable(name);
			if (!had && value != null || had && !sameValue(scope.getVariable(name), value)) {
				scope.setVariable(name, value);
			}
		});
	}

	public static boolean sameValue(Object stored, Object value) {
		return Objects.equals(stored, value) && (value == null || stored.getClass() == value.getClass());
	}

}
