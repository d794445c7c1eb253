package com.productops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.productops.loop.CaseVariables;
import com.productops.loop.ProductOpsLoop;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * People clicking through Tasklist in Debian's chromium (driven by src/test/browser/tasklist-loop.mjs with
 * playwright-core): ops files a report through the start form, Product Ops triages it, the routed PM decides to
 * build it with a success metric. Bad input is refused on the form with the server's message. Screenshots land in target/browser/. Needs chromium and the script's node modules, which the README's
 * test command installs.
 */
class TasklistBrowserTests extends RunningApplicationTests {

	@Autowired
	HistoryService history;

	@Test
	void reportIsFiledTriagedAndRoutedThroughTasklist() throws Exception {
		ProcessInstance similar = this.runtime.startProcessInstanceByKey(ProductOpsLoop.PROCESS_KEY, Map.of("title",
				"Courier app drops the delivery note", "area", "DISPATCH", "description", "Delivery notes are cut off",
				"frequency", "DAILY", "peopleAffectedPerWeek", 10, "hoursLostPerWeek", 1, "urgency", "LOW", "reporter",
				"otto"));

		BrowserScript.run("tasklist-loop.mjs", this.port);

		ProcessInstance filed = this.runtime.createProcessInstanceQuery()
			.processDefinitionKey(ProductOpsLoop.PROCESS_KEY)
			.variableValueEquals(CaseVariables.TITLE, "Courier app cuts off the delivery note")
			.singleResult();
		assertThat(filed.getBusinessKey()).isNotEqualTo(similar.getBusinessKey()).startsWith("OPS-");
		Map<String, Object> variables = new HashMap<>(this.runtime.getVariables(filed.getId()));
		assertThat(variables).containsEntry(CaseVariables.REPORTER, "olivia")
			.containsEntry(CaseVariables.PEOPLE_AFFECTED_PER_WEEK, 80L)
			.containsEntry(CaseVariables.HOURS_LOST_PER_WEEK, 6.5)
			.containsEntry(CaseVariables.EVIDENCE_LINKS, "https://support.example/t/55")
			.containsEntry(CaseVariables.TRIAGE_OUTCOME, "ACCEPT");

		HistoricTaskInstance triage = this.history.createHistoricTaskInstanceQuery()
			.processInstanceId(filed.getId())
			.taskDefinitionKey(ProductOpsLoop.TASK_TRIAGE)
			.singleResult();
		assertThat(triage.getAssignee()).isEqualTo("priya");
		assertThat(triage.getEndTime()).isNotNull();

		assertThat(this.runtime.getVariables(filed.getId())).containsEntry(CaseVariables.PM_DECISION, "BUILD")
			.containsEntry(CaseVariables.METRIC_DIRECTION, "DECREASE")
			.containsEntry(CaseVariables.BASELINE_VALUE, 100.0)
			.containsEntry(CaseVariables.TARGET_VALUE, 30.0)
			.containsEntry(CaseVariables.VERIFICATION_WINDOW, "P14D");
		HistoricTaskInstance decision = this.history.createHistoricTaskInstanceQuery()
			.processInstanceId(filed.getId())
			.taskDefinitionKey(ProductOpsLoop.TASK_DECIDE)
			.singleResult();
		assertThat(decision.getAssignee()).isEqualTo("dana");
		Task shipping = this.tasks.createTaskQuery().processInstanceId(filed.getId()).singleResult();
		assertThat(shipping.getTaskDefinitionKey()).isEqualTo(ProductOpsLoop.TASK_CONFIRM_SHIPPED);
		assertThat(this.tasks.createTaskQuery().taskId(shipping.getId()).taskCandidateGroup("pm-dispatch").count())
			.isOne();
		assertThat(Path.of("target/browser/3-triage-form.png")).exists();
	}

}
