package com.productops.input;

import java.util.Map;

/**
 * The rules for what one step of the loop (the start form or a user task) accepts. The
 * same rules run before the engine is called (REST requests, so a client gets 400) and
 * inside the engine (so the Java API cannot bypass them).
 */
public interface StepInput {

	/** The BPMN id of the start event or user task. */
	String step();

	/**
	 * Checks the submitted values (merged over the case's current variables) and returns
	 * the normalised variables to store.
	 * @throws CaseInputException listing every problem
	 */
	Map<String, Object> accept(Map<String, Object> submitted, CaseContext context);

	/**
	 * The case a submission belongs to; the case number is null before the case is
	 * registered.
	 */
	record CaseContext(String processInstanceId, String caseNumber) {
	}

}
