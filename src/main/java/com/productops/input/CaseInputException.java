package com.productops.input;

import java.util.List;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * Input a person or client submitted that the loop cannot accept. Extends the engine's
 * form validation exception so that the REST API answers form submissions with 400 and
 * Tasklist shows the message to the user.
 */
public class CaseInputException extends FormFieldValidationException {

	private final List<String> problems;

	public CaseInputException(List<String> problems) {
		super(null, String.join("; ", problems));
		this.problems = List.copyOf(problems);
	}

	public List<String> problems() {
		return this.problems;
	}

	/**
	 * The refusal behind {@code thrown}, which the engine may have wrapped (a listener's
	 * exception, a failed command); null if there is none.
	 */
	public static CaseInputException in(Throwable thrown) {
		for (Throwable t = thrown; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			if (t instanceof CaseInputException refusal) {
				return refusal;
			}
		}
		return null;
	}

}
