package com.productops;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.productops.loop.ProductOpsLoop;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/**
 * Drives cases through the running application's engine as the personas would (logged in,
 * so their authorizations apply), for tests that need history or notifications without
 * clicking.
 */
final class CaseDriver {

	private final RuntimeService runtime;

	private final TaskService tasks;

	private final IdentityService identity;

	CaseDriver(RuntimeService runtime, TaskService tasks, IdentityService identity) {
		this.runtime = runtime;
		this.tasks = tasks;
		this.identity = identity;
	}

	/** Files a report as the reporter (the start form's values). */
	ProcessInstance file(String reporter, Map<String, Object> report) {
		return as(reporter, () -> this.runtime.startProcessInstanceByKey(ProductOpsLoop.PROCESS_KEY, report));
	}

	/** Claims (unless assigned) and completes the case's open task as the user. */
	void complete(String processInstanceId, String user, Map<String, Object> variables) {
		Task task = openTask(processInstanceId);
		as(user, () -> {
			if (task.getAssignee() == null) {
				this.tasks.claim(task.getId(), user);
			}
			this.tasks.complete(task.getId(), variables);
			return null;
		});
	}

	/**
	 * The case's step; at verification the reporters' "Is it fixed for you?" tasks wait
	 * beside it.
	 */
	Task openTask(String processInstanceId) {
		List<Task> steps = this.tasks.createTaskQuery()
			.processInstanceId(processInstanceId)
			.list()
			.stream()
			.filter(t -> !ProductOpsLoop.TASK_CONFIRM_FIX.equals(t.getTaskDefinitionKey()))
			.toList();
		if (steps.size() != 1) {
			throw new IllegalStateException("expected one open step, found " + steps);
		}
		return steps.get(0);
	}

	/** Answers "Is it fixed for you?" as the person asked. */
	void answer(String processInstanceId, String person, Map<String, Object> variables) {
		Task task = this.tasks.createTaskQuery()
			.processInstanceId(processInstanceId)
			.taskDefinitionKey(ProductOpsLoop.TASK_CONFIRM_FIX)
			.taskAssignee(person)
			.singleResult();
		as(person, () -> {
			this.tasks.complete(task.getId(), variables);
			return null;
		});
	}

	<T> T as(String user, Supplier<T> work) {
		List<String> groups = this.identity.createGroupQuery()
			.groupMember(user)
			.list()
			.stream()
			.map(Group::getId)
			.toList();
		this.identity.setAuthentication(user, groups);
		try {
			return work.get();
		}
		finally {
			this.identity.clearAuthentication();
		}
	}

}
