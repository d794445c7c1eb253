package com.productops.loop;

import java.util.Date;
import java.util.Map;
import java.util.function.Supplier;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.runtime.VariableInstance;

/**
 * A process variable with its type, read without a cast:
 * {@code CaseData.TITLE.from(execution)}. The one place that turns a variable's stored
 * value into its type (checkstyle refuses casts of variables elsewhere); a value of
 * another type is a broken case, reported with the variable's name.
 *
 * @param <T> the variable's type
 * @param name the variable's name, as forms, DMN and BPMN use it ({@link CaseVariables})
 * @param type the variable's type
 */
public record CaseVariable<T>(String name, Class<T> type) {

	public static CaseVariable<String> text(String name) {
		return new CaseVariable<>(name, String.class);
	}

	/**
	 * A number as the engine stores it (Long, Integer or Double, whatever the form sent).
	 */
	public static CaseVariable<Number> number(String name) {
		return new CaseVariable<>(name, Number.class);
	}

	public static CaseVariable<Date> date(String name) {
		return new CaseVariable<>(name, Date.class);
	}

	/** Its value in an execution or task (and the scopes above it); null when not set. */
	public T from(VariableScope scope) {
		return typed(scope.getVariable(this.name));
	}

	/** Its value in an execution or task, or the fallback when not set. */
	public T from(VariableScope scope, T fallback) {
		T value = from(scope);
		return (value != null) ? value : fallback;
	}

	/** Its value in a map of variables; null when not set. */
	public T from(Map<String, ?> variables) {
		return typed(variables.get(this.name));
	}

	/** Its value in a map of variables, or the fallback when not set. */
	public T from(Map<String, ?> variables, T fallback) {
		T value = from(variables);
		return (value != null) ? value : fallback;
	}

	/**
	 * Its value in a running case; null when not set, or when the case has ended since it
	 * was found (read with a query: reading the variable of an ended case fails, and logs
	 * the failure as the engine's error).
	 */
	public T from(RuntimeService runtime, String processInstanceId) {
		VariableInstance value = runtime.createVariableInstanceQuery()
			.variableScopeIdIn(processInstanceId)
			.variableName(this.name)
			.singleResult();
		return (value == null) ? null : typed(value.getValue());
	}

	/**
	 * What {@code read} reads from a case's values, or {@code otherwise} when a value it
	 * needs was written by hand and cannot be read (of another type, or a list that is no
	 * list of people or answers): the rest of the page still shows.
	 */
	public static <R> R readableOr(Supplier<R> read, R otherwise) {
		try {
			return read.get();
		}
		catch (IllegalStateException unreadable) {
			return otherwise;
		}
	}

	/** Whether it can hold {@code value}: of its type, or not set. */
	public boolean holds(Object value) {
		return value == null || this.type.isInstance(value);
	}

	private T typed(Object value) {
		if (value == null) {
			return null;
		}
		if (!holds(value)) {
			throw new IllegalStateException("Case variable " + this.name + " holds a "
					+ value.getClass().getSimpleName() + ", not a " + this.type.getSimpleName());
		}
		return this.type.cast(value);
	}

}
