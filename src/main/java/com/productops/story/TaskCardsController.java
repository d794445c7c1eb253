package com.productops.story;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.productops.loop.CaseData;
import com.productops.loop.CaseVariables;
import com.productops.security.ApiCaller;
import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a Tasklist card shows of its case when the caller may not read the case's
 * variables ({@code GET /api/task-cards?task=…}): a follower's "Is it fixed for you?" is
 * theirs, its case is not, so Tasklist's card had no title, priority or case number. The
 * values are those the filters show on every other card, and only for tasks the caller
 * sees; any other task is left out.
 */
@RestController
class TaskCardsController {

	/** The values of a card, as the filters name them. */
	static final List<String> CARD_VALUES = List.of(CaseVariables.TITLE, CaseVariables.PRIORITY,
			CaseVariables.CASE_NUMBER, CaseVariables.AREA);

	/** More than a page of cards. */
	static final int MAX_TASKS = 50;

	private final TaskService tasks;

	private final RuntimeService runtime;

	private final IdentityService identity;

	TaskCardsController(TaskService tasks, RuntimeService runtime, IdentityService identity) {
		this.tasks = tasks;
		this.runtime = runtime;
		this.identity = identity;
	}

	@GetMapping("/api/task-cards")
	Map<String, Map<String, Object>> cards(@RequestParam(name = "task", required = false) List<String> taskIds,
			HttpServletRequest request) {
		if (taskIds == null || taskIds.isEmpty()) {
			return Map.of();
		}
		List<Task> seen = ApiCaller.of(request)
			.run(this.identity,
					() -> this.tasks.createTaskQuery()
						.taskIdIn(taskIds.stream().distinct().limit(MAX_TASKS).toArray(String[]::new))
						.list());
		Map<String, Map<String, Object>> cards = new LinkedHashMap<>();
		for (Task task : seen) {
			if (task.getProcessInstanceId() != null) {
				cards.put(task.getId(),
						CaseData.readable(this.runtime.getVariables(task.getProcessInstanceId(), CARD_VALUES)));
			}
		}
		return cards;
	}

}
