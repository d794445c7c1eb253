package com.productops.input;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs a user task's input rules when the task completes and stores the normalised values
 * on the case. Invalid input rolls the completion back, so the case stays where it was.
 */
@Component("stepInputListener")
public class StepInputListener implements TaskListener {

	private static final Logger log = LoggerFactory.getLogger(StepInputListener.class);

	private final StepInputs inputs;

	public StepInputListener(StepInputs inputs) {
		this.inputs = inputs;
	}

	/**
	 * Who completes it: the logged-in user (REST completes without a claim), else the
	 * assignee.
	 */
	private static String completedBy(DelegateTask task) {
		var user = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
		return (user != null && user.getUserId() != null) ? user.getUserId() : task.getAssignee();
	}

	@Override
	public void notify(DelegateTask task) {
		StepInput input = this.inputs.forStep(task.getTaskDefinitionKey())
			.orElseThrow(() -> new IllegalStateException("No input rules for task " + task.getTaskDefinitionKey()));
		String caseNumber = task.getExecution().getProcessBusinessKey();
		Map<String, Object> accepted = input.accept(task.getExecution().getVariables(),
				new StepInput.CaseContext(task.getProcessInstanceId(), caseNumber));
		ChangedValues.store(task.getExecution(), accepted);
		log.info("{}: {} completed by {}", caseNumber, task.getTaskDefinitionKey(), completedBy(task));
	}

}
