package com.productops.delivery;

import static com.productops.loop.CaseVariables.DELIVERY_REF;

import java.util.Map;

import com.productops.input.StepInput;
import com.productops.input.SubmittedInput;
import com.productops.loop.ProductOpsLoop;
import org.springframework.stereotype.Component;

/** Confirming a shipment names what shipped: a ticket, pull request or release note. */
@Component
public class ConfirmShippedInput implements StepInput {

	@Override
	public String step() {
		return ProductOpsLoop.TASK_CONFIRM_SHIPPED;
	}

	@Override
	public Map<String, Object> accept(Map<String, Object> submitted, CaseContext context) {
		SubmittedInput input = new SubmittedInput(submitted);
		String reference = input.text(DELIVERY_REF, true, 500);
		input.throwIfInvalid();
		return Map.of(DELIVERY_REF, reference);
	}

}
