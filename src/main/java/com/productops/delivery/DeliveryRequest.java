package com.productops.delivery;

import static com.productops.loop.CaseVariables.AREA;
import static com.productops.loop.CaseVariables.BASELINE_VALUE;
import static com.productops.loop.CaseVariables.DECISION_RATIONALE;
import static com.productops.loop.CaseVariables.DESCRIPTION;
import static com.productops.loop.CaseVariables.METRIC_DIRECTION;
import static com.productops.loop.CaseVariables.PRIORITY;
import static com.productops.loop.CaseVariables.SUCCESS_METRIC;
import static com.productops.loop.CaseVariables.TARGET_VALUE;
import static com.productops.loop.CaseVariables.TITLE;
import static com.productops.loop.CaseVariables.VERIFICATION_WINDOW;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.productops.input.SubmittedInput;
import com.productops.loop.CaseData;

/**
 * What a delivery ticket says about the case: a title with the case number, and plain
 * paragraphs (problem, why we build, the success metric, a link back) that read well in
 * GitHub and in Jira alike.
 */
public record DeliveryRequest(String caseNumber, int iteration, String title, List<String> paragraphs) {

	public static DeliveryRequest of(Map<String, Object> variables, String caseUrl) {
		String caseNumber = CaseData.CASE_NUMBER.from(variables);
		int iteration = CaseData.ITERATION.from(variables, 1).intValue();
		List<String> paragraphs = new ArrayList<>();
		paragraphs.add("Product Ops case " + caseNumber + (iteration > 1 ? " (iteration " + iteration + ")" : "")
				+ " - area " + variables.get(AREA) + ", priority " + variables.get(PRIORITY) + ".");
		paragraphs.add("Problem reported by operations: " + variables.get(DESCRIPTION));
		paragraphs.add("Why we build it: " + variables.get(DECISION_RATIONALE));
		paragraphs.add("Success metric: " + variables.get(SUCCESS_METRIC) + " should "
				+ String.valueOf(variables.get(METRIC_DIRECTION)).toLowerCase(Locale.ROOT) + " from "
				+ number(variables.get(BASELINE_VALUE)) + " to " + number(variables.get(TARGET_VALUE))
				+ "; Product Ops checks it " + variables.get(VERIFICATION_WINDOW) + " after shipping.");
		paragraphs.add("Closing this ticket as done tells Product Ops that it has shipped. Case: " + caseUrl);
		String title = "[" + caseNumber + "] " + variables.get(TITLE);
		return new DeliveryRequest(caseNumber, iteration, title, List.copyOf(paragraphs));
	}

	public String text() {
		return String.join("\n\n", this.paragraphs);
	}

	private static String number(Object value) {
		return (value instanceof Number n) ? SubmittedInput.format(n.doubleValue()) : String.valueOf(value);
	}

}
