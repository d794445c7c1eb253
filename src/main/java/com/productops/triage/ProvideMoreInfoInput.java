package com.productops.triage;

import static com.productops.loop.CaseVariables.MORE_INFO;

import java.util.Map;

import com.productops.input.StepInput;
import com.productops.input.SubmittedInput;
import com.productops.loop.ProductOpsLoop;
import org.springframework.stereotype.Component;

/** The reporter's answer to the triager's question. */
@Component
public class ProvideMoreInfoInput implements StepInput {

	@Override
	public String step() {
		return ProductOpsLoop.TASK_PROVIDE_MORE_INFO;
	}

	@Override
	public Map<String, Object> accept(Map<String, Object> submitted, CaseContext context) {
		SubmittedInput input = new SubmittedInput(submitted);
		String answer = input.text(MORE_INFO, true, SubmittedInput.MAX_TEXT);
		input.throwIfInvalid();
		return Map.of(MORE_INFO, answer);
	}

}
