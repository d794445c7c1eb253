package com.productops.story;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.productops.loop.CaseVariables;
import com.productops.loop.PeopleNames;
import com.productops.security.ApiCaller;
import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The names of the reporters on the caller's Tasklist cards ({@code GET
 * /api/reporter-names?login=olivia&login=otto}): the cards list each case's reporter by
 * login, as the engine keeps it, and Tasklist's page names them. Only reporters of cases
 * with a task the caller sees are named; any other login is left out.
 */
@RestController
class ReporterNamesController {

	/** More than a page of cards has reporters. */
	static final int MAX_LOGINS = 50;

	private final TaskService tasks;

	private final IdentityService identity;

	private final PeopleNames people;

	ReporterNamesController(TaskService tasks, IdentityService identity, PeopleNames people) {
		this.tasks = tasks;
		this.identity = identity;
		this.people = people;
	}

	@GetMapping("/api/reporter-names")
	Map<String, String> names(@RequestParam(name = "login", required = false) List<String> logins,
			HttpServletRequest request) {
		if (logins == null) {
			return Map.of();
		}
		List<String> seen = ApiCaller.of(request)
			.run(this.identity,
					() -> logins.stream()
						.distinct()
						.limit(MAX_LOGINS)
						.filter(login -> this.tasks.createTaskQuery()
							.processVariableValueEquals(CaseVariables.REPORTER, login)
							.count() > 0)
						.toList());
		return new LinkedHashMap<>(this.people.of(seen));
	}

}
