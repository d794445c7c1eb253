package com.productops.triage;

import static com.productops.loop.CaseVariables.DUPLICATE_OF;
import static com.productops.loop.CaseVariables.DUPLICATE_OF_OTHER;
import static com.productops.loop.CaseVariables.TRIAGE_NOTE;
import static com.productops.loop.CaseVariables.TRIAGE_OUTCOME;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.productops.input.StepInput;
import com.productops.input.SubmittedInput;
import com.productops.loop.CaseDirectory;
import com.productops.loop.ProductOpsLoop;
import org.springframework.stereotype.Component;

/**
 * Triage rules: a rejection and a question to the reporter need a note (the reporter
 * reads it); a duplicate needs the number of an open case it duplicates.
 */
@Component
public class TriageReportInput implements StepInput {

	/** The triage form's choice of a case that is not among the suggestions. */
	static final String ANOTHER_CASE = "OTHER";

	static final Pattern CASE_NUMBER = Pattern.compile("OPS-\\d{4}-\\d{4,}");

	private final CaseDirectory cases;

	public TriageReportInput(CaseDirectory cases) {
		this.cases = cases;
	}

	@Override
	public String step() {
		return ProductOpsLoop.TASK_TRIAGE;
	}

	@Override
	public Map<String, Object> accept(Map<String, Object> submitted, CaseContext context) {
		SubmittedInput input = new SubmittedInput(submitted);
		TriageOutcome outcome = input.choice(TRIAGE_OUTCOME, TriageOutcome.class, true);
		boolean noteNeeded = outcome == TriageOutcome.REJECT || outcome == TriageOutcome.NEEDS_INFO;
		String note = input.text(TRIAGE_NOTE, false, SubmittedInput.MAX_TEXT);
		if (noteNeeded && note == null) {
			input.problem(TRIAGE_NOTE,
					(outcome == TriageOutcome.REJECT) ? "required to reject a report (the reporter is told why)"
							: "required to ask for more information (it is the question to the reporter)");
		}
		String duplicateOf = null;
		if (outcome == TriageOutcome.DUPLICATE) {
			duplicateOf = original(input, context);
		}
		input.throwIfInvalid();
		Map<String, Object> accepted = new HashMap<>();
		accepted.put(TRIAGE_OUTCOME, outcome.name());
		accepted.put(TRIAGE_NOTE, note);
		// a case number sent with another outcome is no duplicate: it is not kept (the
		// reporter would read it)
		accepted.put(DUPLICATE_OF, duplicateOf);
		accepted.put(DUPLICATE_OF_OTHER, null);
		return accepted;
	}

	private String original(SubmittedInput input, CaseContext context) {
		String number = input.text(DUPLICATE_OF, false, 40);
		String field = DUPLICATE_OF;
		if (ANOTHER_CASE.equalsIgnoreCase(number)) {
			field = DUPLICATE_OF_OTHER;
			// the form's choice "another case": its number was typed into
			// duplicateOfOther
			number = input.text(DUPLICATE_OF_OTHER, true, 40);
			if (number == null) {
				return null;
			}
		}
		if (number == null) {
			input.problem(DUPLICATE_OF, "required for a duplicate: the case number of the original");
			return null;
		}
		number = number.toUpperCase(Locale.ROOT);
		if (!CASE_NUMBER.matcher(number).matches()) {
			input.problem(field, "must be a case number like OPS-2026-0042");
		}
		else if (number.equals(context.caseNumber())) {
			input.problem(field, "cannot be this case itself");
		}
		else if (this.cases.findOpen(number).isEmpty()) {
			input.problem(field,
					this.cases.exists(number) ? number + " is closed: a duplicate can only be merged into an open case"
							: "there is no case " + number);
		}
		return number;
	}

}
