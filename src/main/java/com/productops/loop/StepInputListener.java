package com.productops.loop;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs a user task's input rules when the task completes and stores the normalised values on the case. Invalid input
 * rolls the completion back, so the case stays where it was.
 */
@Component("stepInputListener")
public class StepInputListener implements TaskListener {

	private static final Logger log = LoggerFactory.getLogger(StepInputListener.class);

	private final StepInputs inputs;

	public StepInputListener(StepInputs inputs) {
		this.inputs = inputs;
	}

	@Override
	public void notify(DelegateTask task) {
		StepInput input = this.inputs.forStep(task.getTaskDefinitionKey())
			.orElseThrow(() -> new IllegalStateException("No input rules for task " + task.getTaskDefinitionKey()));
		String caseNumber = task.getExecution().getProcessBusinessKey();
		Map<String, Object> accepted = input.accept(task.getExecution().getVariables(),
				new StepInput.CaseContext(task.getProcessInstanceId(), caseNumber));
		ChangedValues.store(task.getExecution(), accepted);
		log.info("{}: {} completed by {}", caseNumber, task.getTaskDefinitionKey(), task.getAssignee());
	}

}
