package com.productops.intake;

import static com.productops.loop.CaseVariables.CASE_OUTCOME;
import static com.productops.loop.CaseVariables.DECISION_RATIONALE;
import static com.productops.loop.CaseVariables.DUPLICATE_OF;
import static com.productops.loop.CaseVariables.REPORTER;
import static com.productops.loop.CaseVariables.TITLE;
import static com.productops.loop.CaseVariables.TRIAGE_NOTE;
import static com.productops.loop.CaseVariables.VERIFICATION_NOTE;

import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import com.productops.loop.ProductOpsLoop;
import com.productops.security.ApiCaller;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/my-reports}: the logged-in user's own reports, newest first, with the case number, where each one
 * is now, how it ended and the latest answer they got. Shown by Tasklist's "My reports" plugin. Nobody sees another
 * reporter's reports here.
 */
@RestController
class MyReportsController {

	static final int MAX_REPORTS = 100;

	private final HistoryService history;

	MyReportsController(HistoryService history) {
		this.history = history;
	}

	record MyReport(String caseNumber, String title, String state, List<String> waitingAt, String outcome,
			String outcomeLabel, String answer, Date reportedAt) {
	}

	@GetMapping("/api/my-reports")
	List<MyReport> myReports(HttpServletRequest request) {
		String user = ApiCaller.of(request).user();
		return this.history.createHistoricProcessInstanceQuery()
			.processDefinitionKey(ProductOpsLoop.PROCESS_KEY)
			.variableValueEquals(REPORTER, user)
			.orderByProcessInstanceStartTime()
			.desc()
			.listPage(0, MAX_REPORTS)
			.stream()
			.map(this::report)
			.toList();
	}

	private MyReport report(HistoricProcessInstance instance) {
		Map<String, Object> vars = new HashMap<>();
		this.history.createHistoricVariableInstanceQuery()
			.processInstanceId(instance.getId())
			.variableNameIn(TITLE, CASE_OUTCOME, TRIAGE_NOTE, DECISION_RATIONALE, VERIFICATION_NOTE, DUPLICATE_OF)
			.list()
			.forEach((HistoricVariableInstance v) -> vars.put(v.getName(), v.getValue()));
		boolean open = instance.getEndTime() == null;
		List<String> waitingAt = !open ? List.of()
				: this.history.createHistoricActivityInstanceQuery()
					.processInstanceId(instance.getId())
					.unfinished()
					.list()
					.stream()
					.filter(a -> a.getActivityType().endsWith("Task") || a.getActivityType().startsWith("intermediate"))
					.map(HistoricActivityInstance::getActivityName)
					.toList();
		String outcome = (String) vars.get(CASE_OUTCOME);
		return new MyReport(instance.getBusinessKey(), (String) vars.get(TITLE), open ? "open" : "closed", waitingAt,
				outcome, label(outcome, (String) vars.get(DUPLICATE_OF)), answer(vars), instance.getStartTime());
	}

	private static String label(String outcome, String duplicateOf) {
		if (outcome == null) {
			return null;
		}
		return switch (outcome) {
			case "WORKING" -> "the change works";
			case "REJECTED" -> "rejected";
			case "DUPLICATE" -> "merged into " + duplicateOf;
			case "WONT_DO" -> "won't do";
			case "NO_RESPONSE" -> "no answer to our question";
			default -> outcome;
		};
	}

	/** The latest word the reporter got: the verification note, else the PM's rationale, else the triage note. */
	private static String answer(Map<String, Object> vars) {
		for (String name : List.of(VERIFICATION_NOTE, DECISION_RATIONALE, TRIAGE_NOTE)) {
			if (vars.get(name) instanceof String text && !text.isBlank()) {
				return text;
			}
		}
		return null;
	}

}
