package com.productops.input;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/** All step rules of the loop, by BPMN id. */
@Component
public class StepInputs {

	private final Map<String, StepInput> byStep;

	public StepInputs(List<StepInput> inputs) {
		this.byStep = inputs.stream().collect(Collectors.toUnmodifiableMap(StepInput::step, Function.identity()));
	}

	public Optional<StepInput> forStep(String step) {
		return Optional.ofNullable(this.byStep.get(step));
	}

}
