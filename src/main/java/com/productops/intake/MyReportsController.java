package com.productops.intake;

import static com.productops.loop.CaseVariables.CASE_OUTCOME;
import static com.productops.loop.CaseVariables.DUPLICATE_OF;
import static com.productops.loop.CaseVariables.FOLLOWERS;
import static com.productops.loop.CaseVariables.REPORTER;
import static com.productops.loop.CaseVariables.TITLE;


import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import java.util.stream.Stream;

import com.productops.loop.Labels;
import com.productops.loop.ProductOpsLoop;
import com.productops.security.ApiCaller;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/my-reports}: the logged-in user's own reports and the cases they follow (their report was merged
 * into it), newest first, with the case number, where each one is in plain words or how it ended, and the question
 * that waits for their answer. Shown on the case page ({@code /cases}). Nobody sees another reporter's reports here.
 */
@RestController
class MyReportsController {

	static final int MAX_REPORTS = 100;

	private final HistoryService history;

	private final TaskService tasks;

	MyReportsController(HistoryService history, TaskService tasks) {
		this.history = history;
		this.tasks = tasks;
	}

	/**
	 * @param whereItIs where the case is, in the reporter's words (or how it ended)
	 * @param following a case the user follows because their own report was merged into it
	 * @param questionTaskId the question from Product Ops that waits for the user's answer, if any
	 */
	record MyReport(String caseNumber, String title, String state, String whereItIs, String outcome,
			String outcomeLabel, boolean following, String questionTaskId, Date reportedAt) {
	}

	@GetMapping("/api/my-reports")
	List<MyReport> myReports(HttpServletRequest request) {
		String user = ApiCaller.of(request).user();
		List<MyReport> reports = new ArrayList<>();
		query().variableValueEquals(REPORTER, user).listPage(0, MAX_REPORTS).forEach(i -> reports.add(report(i, user, false)));
		// merged reporters follow the original: its followers list names them (comma-separated)
		query().variableValueLike(FOLLOWERS, "%" + user + "%")
			.listPage(0, MAX_REPORTS)
			.stream()
			.filter(i -> followers(i.getId()).contains(user))
			.forEach(i -> reports.add(report(i, user, true)));
		reports.sort(Comparator.comparing(MyReport::reportedAt).reversed());
		return reports;
	}

	private HistoricProcessInstanceQuery query() {
		return this.history.createHistoricProcessInstanceQuery()
			.processDefinitionKey(ProductOpsLoop.PROCESS_KEY)
			.orderByProcessInstanceStartTime()
			.desc();
	}

	private List<String> followers(String processInstanceId) {
		return this.history.createHistoricVariableInstanceQuery()
			.processInstanceId(processInstanceId)
			.variableName(FOLLOWERS)
			.list()
			.stream()
			.flatMap(v -> (v.getValue() instanceof String text) ? Arrays.stream(text.split(",")) : Stream.empty())
			.map(String::strip)
			.toList();
	}

	private MyReport report(HistoricProcessInstance instance, String user, boolean following) {
		Map<String, Object> vars = new HashMap<>();
		this.history.createHistoricVariableInstanceQuery()
			.processInstanceId(instance.getId())
			.variableNameIn(TITLE, CASE_OUTCOME, DUPLICATE_OF)
			.list()
			.forEach((HistoricVariableInstance v) -> vars.put(v.getName(), v.getValue()));
		String outcome = (String) vars.get(CASE_OUTCOME);
		// a case closed as working is watched for a while: closed for its reporter, still running in the engine
		boolean running = instance.getEndTime() == null;
		boolean open = running && outcome == null;
		String where = null;
		String question = null;
		if (running) {
			List<String> waitingAt = this.history.createHistoricActivityInstanceQuery()
				.processInstanceId(instance.getId())
				.unfinished()
				.list()
				.stream()
				.map(HistoricActivityInstance::getActivityId)
				.filter(id -> Labels.now(id) != null)
				.toList();
			where = waitingAt.isEmpty() ? "In progress" : Labels.now(waitingAt.get(0));
			question = this.tasks.createTaskQuery()
				.processInstanceId(instance.getId())
				.taskDefinitionKeyIn(ProductOpsLoop.TASK_PROVIDE_MORE_INFO, ProductOpsLoop.TASK_CONFIRM_FIX)
				.taskAssignee(user)
				.list()
				.stream()
				.map(Task::getId)
				.findFirst()
				.orElse(null);
		}
		String label = (outcome == null) ? null
				: "DUPLICATE".equals(outcome) ? "Merged into " + vars.get(DUPLICATE_OF)
						: Labels.value(CASE_OUTCOME, outcome, ZoneId.systemDefault());
		return new MyReport(instance.getBusinessKey(), (String) vars.get(TITLE), open ? "open" : "closed",
				open ? where : label, outcome, label, following, question,
				instance.getStartTime());
	}

}
