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
 * Drives cases through the running application's engine as the personas would (logged in, so their authorizations
 * apply), for tests that need history or notifications without clicking.
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
		Task task = this.tasks.createTaskQuery().processInstanceId(processInstanceId).singleResult();
		as(user, () -> {
			if (task.getAssignee() == null) {
				this.tasks.claim(task.getId(), user);
			}
			this.tasks.complete(task.getId(), variables);
			return null;
		});
	}

	<T> T as(String user, Supplier<T> work) {
		List<String> groups = this.identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
		this.identity.setAuthentication(user, groups);
		try {
			return work.get();
		}
		finally {
			this.identity.clearAuthentication();
		}
	}

}
