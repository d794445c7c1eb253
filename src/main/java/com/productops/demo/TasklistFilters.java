package com.productops.demo;

import java.util.List;
import java.util.Map;

import com.productops.loop.CaseVariables;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The Tasklist queues every persona works from, created once (by name) at start-up. The group queue resolves the
 * logged-in user's groups, so one filter serves Product Ops and every PM group.
 */
@Component
@Order(2)
class TasklistFilters implements ApplicationRunner {

	/** Case facts shown on every task in the list, so a queue reads like a board of cases. */
	private static final List<Map<String, String>> COLUMNS = List.of(column(CaseVariables.CASE_NUMBER, "Case"),
			column(CaseVariables.TITLE, "Title"), column(CaseVariables.PRIORITY, "Priority"),
			column(CaseVariables.AREA, "Area"), column(CaseVariables.REPORTER, "Reporter"));

	private final FilterService filters;

	private final TaskService tasks;

	TasklistFilters(FilterService filters, TaskService tasks) {
		this.filters = filters;
		this.tasks = tasks;
	}

	@Override
	public void run(ApplicationArguments args) {
		create("My tasks", -5, "Tasks assigned to me, e.g. a question about a report I filed",
				this.tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
		create("My team's queue", -10, "Open tasks of my groups: triage and verification for Product Ops, decisions for PMs",
				this.tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks());
		create("Overdue", 0, "Every task past its due date",
				this.tasks.createTaskQuery().dueBeforeExpression("${now()}"));
	}

	private static Map<String, String> column(String variable, String label) {
		return Map.of("name", variable, "label", label);
	}

	private void create(String name, int priority, String description, TaskQuery query) {
		if (this.filters.createFilterQuery().filterName(name).count() > 0) {
			return;
		}
		Filter filter = this.filters.newTaskFilter(name);
		filter.setOwner("admin");
		filter.setQuery(query);
		filter.setProperties(Map.of("priority", priority, "description", description, "refresh", true, "variables",
				COLUMNS));
		this.filters.saveFilter(filter);
	}

}
