package com.productops.demo;

import java.util.List;
import java.util.Map;

import com.productops.loop.CaseVariables;
import com.productops.loop.Labels;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The Tasklist queues every persona works from, kept up to date at start-up. "Waiting for
 * me" resolves the logged-in user's groups, so one filter serves Product Ops, every PM
 * group and the reporters (their questions).
 */
@Component
@Order(2)
class TasklistFilters implements ApplicationRunner {

	/**
	 * Case facts shown on every task in the list, so a queue reads like a board of cases.
	 */
	private static final List<Map<String, String>> COLUMNS = List.of(column(CaseVariables.TITLE),
			column(CaseVariables.PRIORITY), column(CaseVariables.CASE_NUMBER), column(CaseVariables.AREA),
			column(CaseVariables.REPORTER));

	private final FilterService filters;

	private final TaskService tasks;

	TasklistFilters(FilterService filters, TaskService tasks) {
		this.filters = filters;
		this.tasks = tasks;
	}

	@Override
	public void run(ApplicationArguments args) {
		// the first filter is where everyone lands: their groups' tasks and their own (a
		// reporter's question too)
		save("Waiting for me", "My team's queue", -10,
				"Tasks of my groups and tasks assigned to me: triage and verification for Product Ops, decisions for "
						+ "PMs, questions about my reports",
				this.tasks.createTaskQuery()
					.or()
					.taskCandidateGroupInExpression("${currentUserGroups()}")
					.includeAssignedTasks()
					.taskAssigneeExpression("${currentUser()}")
					.endOr());
		save("My tasks", null, -5, "Tasks assigned to me, e.g. a question about a report I filed",
				this.tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
		save("Overdue", null, 0, "Every task past its due date",
				this.tasks.createTaskQuery().dueBeforeExpression("${now()}"));
	}

	private static Map<String, String> column(String variable) {
		return Map.of("name", variable, "label", Labels.field(variable));
	}

	/**
	 * Creates the filter (highest priority first, then the earliest due), or brings one
	 * of its former name up to date once. An existing filter is left alone: a start
	 * writes nothing it need not write.
	 */
	private void save(String name, String formerName, int priority, String description, TaskQuery query) {
		if (this.filters.createFilterQuery().filterName(name).count() > 0) {
			return;
		}
		Filter filter = (formerName == null) ? null
				: this.filters.createFilterQuery().filterName(formerName).singleResult();
		if (filter == null) {
			filter = this.filters.newTaskFilter(name);
			filter.setOwner("admin");
		}
		filter.setName(name);
		filter.setQuery(query.orderByTaskPriority().desc().orderByDueDate().asc());
		filter.setProperties(
				Map.of("priority", priority, "description", description, "refresh", true, "variables", COLUMNS));
		try {
			this.filters.saveFilter(filter);
		}
		catch (OptimisticLockingException ex) {
			// another node starting at the same moment saved it
		}
	}

}
