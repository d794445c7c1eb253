package com.productops.verification;

import static com.productops.loop.CaseVariables.FIX_ANSWER;
import static com.productops.loop.CaseVariables.FIX_NOTE;
import static com.productops.loop.CaseVariables.HOURS_LOST_NOW;

import java.util.HashMap;
import java.util.Map;

import com.productops.input.StepInput;
import com.productops.input.SubmittedInput;
import com.productops.intake.ProblemReportedInput;
import com.productops.loop.ProductOpsLoop;
import org.springframework.stereotype.Component;

/**
 * A reporter's (or follower's) answer to "Is it fixed for you?": yes, partly or no, the
 * hours lost now, a note.
 */
@Component
public class ConfirmFixInput implements StepInput {

	@Override
	public String step() {
		return ProductOpsLoop.TASK_CONFIRM_FIX;
	}

	@Override
	public Map<String, Object> accept(Map<String, Object> submitted, CaseContext context) {
		SubmittedInput input = new SubmittedInput(submitted);
		FixAnswer answer = input.choice(FIX_ANSWER, FixAnswer.class, true);
		Double hours = input.number(HOURS_LOST_NOW, true, 0.0);
		if (hours != null && hours > ProblemReportedInput.MAX_HOURS_PER_WEEK) {
			input.problem(HOURS_LOST_NOW,
					"must be at most " + SubmittedInput.format(ProblemReportedInput.MAX_HOURS_PER_WEEK));
		}
		String note = input.text(FIX_NOTE, false, SubmittedInput.MAX_TEXT);
		input.throwIfInvalid();
		Map<String, Object> accepted = new HashMap<>();
		accepted.put(FIX_ANSWER, answer.name());
		accepted.put(HOURS_LOST_NOW, hours);
		accepted.put(FIX_NOTE, note);
		return accepted;
	}

}
