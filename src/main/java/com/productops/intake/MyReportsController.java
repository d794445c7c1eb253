package com.productops.intake;

import static com.productops.loop.CaseVariables.CASE_OUTCOME;

import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import com.productops.audit.CaseRecords;
import com.productops.loop.CaseOutcome;
import com.productops.loop.Labels;
import com.productops.loop.ProductOpsLoop;
import com.productops.security.ApiCaller;
import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/my-reports}: the logged-in user's own reports and the cases they follow
 * (their report was merged into it), newest first, with the case number, where each one
 * is in plain words or how it ended, and the question that waits for their answer. Shown
 * on the case page ({@code /cases}). Nobody sees another reporter's reports here.
 */
@RestController
class MyReportsController {

	static final int MAX_REPORTS = 100;

	private final CaseRecords records;

	private final TaskService tasks;

	MyReportsController(CaseRecords records, TaskService tasks) {
		this.records = records;
		this.tasks = tasks;
	}

	/**
	 * @param whereItIs where the case is, in the reporter's words (or how it ended)
	 * @param following a case the user follows because their own report was merged into
	 * it
	 * @param questionTaskId the question from Product Ops that waits for the user's
	 * answer, if any
	 */
	record MyReport(String caseNumber, String title, String state, String whereItIs, String outcome,
			String outcomeLabel, boolean following, String questionTaskId, Date reportedAt) {
	}

	@GetMapping("/api/my-reports")
	List<MyReport> myReports(HttpServletRequest request) {
		String user = ApiCaller.of(request).user();
		// from the case records: a few queries, however many cases there are
		List<CaseRecords.CaseRecord> cases = this.records.ofPerson(user, MAX_REPORTS);
		List<String> running = cases.stream()
			.filter(CaseRecords.CaseRecord::running)
			.map(CaseRecords.CaseRecord::processInstanceId)
			.toList();
		Map<String, List<HistoricActivityInstance>> waiting = this.records.waitingAt(running);
		Map<String, String> questions = new HashMap<>();
		if (!running.isEmpty()) {
			this.tasks.createTaskQuery()
				.processInstanceIdIn(running.toArray(String[]::new))
				.taskDefinitionKeyIn(ProductOpsLoop.TASK_PROVIDE_MORE_INFO, ProductOpsLoop.TASK_CONFIRM_FIX)
				.taskAssignee(user)
				.list()
				.forEach(task -> questions.putIfAbsent(task.getProcessInstanceId(), task.getId()));
		}
		// a report merged into a case that was merged in turn points to where the problem
		// lives now
		Map<String, String> survivors = this.records.survivors(cases.stream()
			.map(CaseRecords.CaseRecord::duplicateOf)
			.filter(Objects::nonNull)
			.collect(Collectors.toSet()));
		return cases.stream()
			.map(c -> report(c, !user.equals(c.reporter()) && c.followedBy(user),
					waiting.getOrDefault(c.processInstanceId(), List.of()), questions.get(c.processInstanceId()),
					survivors.get(c.duplicateOf())))
			.toList();
	}

	private static MyReport report(CaseRecords.CaseRecord c, boolean following,
			List<HistoricActivityInstance> unfinished, String question, String mergedInto) {
		String outcome = c.outcome();
		// a case closed as working is watched for a while: closed for its reporter, still
		// running in the engine
		String where = null;
		if (c.running()) {
			String step = Labels.toldStep(unfinished.stream()
				.map(HistoricActivityInstance::getActivityId)
				.filter(id -> Labels.now(id) != null)
				.toList());
			// a question is theirs if it waits for them
			where = (step == null) ? "In progress" : Labels.now(step, new Labels.Reader(question != null, !following));
		}
		String label = (outcome == null) ? null : CaseOutcome.DUPLICATE.name().equals(outcome)
				? "Merged into " + mergedInto : Labels.value(CASE_OUTCOME, outcome, ZoneId.systemDefault());
		return new MyReport(c.caseNumber(), c.title(), c.open() ? "open" : "closed", c.open() ? where : label, outcome,
				label, following, c.running() ? question : null, c.reportedAt());
	}

}
