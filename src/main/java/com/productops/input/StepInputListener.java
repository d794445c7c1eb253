package com.productops.input;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.productops.loop.Labels;
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

	private final StepFields fields;

	public StepInputListener(StepInputs inputs, StepFields fields) {
		this.inputs = inputs;
		this.fields = fields;
	}

	/**
	 * Who completes it: the logged-in user (REST completes without a claim), else the
	 * assignee.
	 */
	private static String completedBy(DelegateTask task) {
		var user = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
		return (user != null && user.getUserId() != null) ? user.getUserId() : task.getAssignee();
	}

	private static boolean isPlain(Object value) {
		return value == null || value instanceof String || value instanceof Number || value instanceof Boolean
				|| value instanceof Date;
	}

	@Override
	public void notify(DelegateTask task) {
		StepInput input = this.inputs.forStep(task.getTaskDefinitionKey())
			.orElseThrow(() -> new IllegalStateException("No input rules for task " + task.getTaskDefinitionKey()));
		String caseNumber = task.getExecution().getProcessBusinessKey();
		Map<String, Object> variables = task.getExecution().getVariables();
		List<String> notPlain = this.fields.of(task.getTaskDefinitionKey())
			.orElse(Set.of())
			.stream()
			.filter(field -> !isPlain(variables.get(field)))
			.sorted()
			.map(field -> Labels.field(field) + ": must be one value, not a list")
			.toList();
		if (!notPlain.isEmpty()) {
			// a field no rule of this step reads would be stored as it came (a list as a
			// Java-serialized object)
			throw new CaseInputException(notPlain);
		}
		Map<String, Object> accepted = input.accept(variables,
				new StepInput.CaseContext(task.getProcessInstanceId(), caseNumber));
		ChangedValues.store(task.getExecution(), accepted);
		log.info("{}: {} completed by {}", caseNumber, task.getTaskDefinitionKey(), completedBy(task));
	}

}
