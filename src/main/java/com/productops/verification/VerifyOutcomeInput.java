package com.productops.verification;

import static com.productops.loop.CaseVariables.VERIFICATION_NOTE;
import static com.productops.loop.CaseVariables.VERIFICATION_OUTCOME;

import java.util.HashMap;
import java.util.Map;

import com.productops.input.StepInput;
import com.productops.input.SubmittedInput;
import com.productops.loop.ProductOpsLoop;
import org.springframework.stereotype.Component;

/**
 * Product Ops confirms or overrules the computed verdict, always with a note. A change
 * verified working records the hours lost per week before and after it (the ledger of
 * hours given back).
 */
@Component
public class VerifyOutcomeInput implements StepInput {

	@Override
	public String step() {
		return ProductOpsLoop.TASK_VERIFY;
	}

	@Override
	public Map<String, Object> accept(Map<String, Object> submitted, CaseContext context) {
		SubmittedInput input = new SubmittedInput(submitted);
		VerificationOutcome outcome = input.choice(VERIFICATION_OUTCOME, VerificationOutcome.class, true);
		String note = input.text(VERIFICATION_NOTE, true, SubmittedInput.MAX_TEXT);
		input.throwIfInvalid();
		Map<String, Object> accepted = new HashMap<>();
		accepted.put(VERIFICATION_OUTCOME, outcome.name());
		accepted.put(VERIFICATION_NOTE, note);
		if (outcome == VerificationOutcome.WORKING) {
			// the ledger of hours given back: before and after, from the reporters or the
			// metric
			accepted.putAll(ReportersVerdict.ledgerVariables(submitted));
		}
		return accepted;
	}

}
