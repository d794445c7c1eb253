package com.productops.verification;

import static com.productops.loop.CaseVariables.VERIFICATION_NOTE;
import static com.productops.loop.CaseVariables.VERIFICATION_OUTCOME;

import java.util.Map;

import com.productops.loop.ProductOpsLoop;
import com.productops.loop.StepInput;
import com.productops.loop.SubmittedInput;
import org.springframework.stereotype.Component;

/** Product Ops confirms or overrules the computed verdict, always with a note. */
@Component
public class VerificationInput implements StepInput {

	@Override
	public String step() {
		return ProductOpsLoop.TASK_VERIFY;
	}

	@Override
	public Map<String, Object> accept(Map<String, Object> submitted, CaseContext context) {
		SubmittedInput input = new SubmittedInput(submitted);
		VerificationOutcome outcome = input.choice(VERIFICATION_OUTCOME, VerificationOutcome.class, true);
		String note = input.text(VERIFICATION_NOTE, true, 5000);
		input.throwIfInvalid();
		return Map.of(VERIFICATION_OUTCOME, outcome.name(), VERIFICATION_NOTE, note);
	}

}
