package com.productops.ops;

import java.util.Arrays;
import java.util.List;

import com.productops.loop.CaseOutcome;
import com.productops.loop.CaseVariables;
import com.productops.loop.ProductOpsLoop;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.stereotype.Component;

/**
 * The loop's numbers for Prometheus (/actuator/prometheus, leads and admins only), read
 * from the engine when scraped: open cases, closed cases by outcome, open tasks by step,
 * the job executor's backlog and open incidents.
 */
@Component
class LoopMetrics implements MeterBinder {

	static final List<String> OUTCOMES = Arrays.stream(CaseOutcome.values()).map(CaseOutcome::name).toList();

	static final List<String> TASKS = List.of(ProductOpsLoop.TASK_TRIAGE, ProductOpsLoop.TASK_PROVIDE_MORE_INFO,
			ProductOpsLoop.TASK_DECIDE, ProductOpsLoop.TASK_CONFIRM_SHIPPED, ProductOpsLoop.TASK_VERIFY);

	private final RuntimeService runtime;

	private final HistoryService history;

	private final TaskService tasks;

	private final ManagementService management;

	LoopMetrics(RuntimeService runtime, HistoryService history, TaskService tasks, ManagementService management) {
		this.runtime = runtime;
		this.history = history;
		this.tasks = tasks;
		this.management = management;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge
			.builder("productops.cases.open",
					() -> this.runtime.createProcessInstanceQuery()
						.processDefinitionKey(ProductOpsLoop.PROCESS_KEY)
						.count())
			.description("Cases not closed yet")
			.register(registry);
		for (String outcome : OUTCOMES) {
			Gauge
				.builder("productops.cases.closed",
						() -> this.history.createHistoricProcessInstanceQuery()
							.processDefinitionKey(ProductOpsLoop.PROCESS_KEY)
							.finished()
							.variableValueEquals(CaseVariables.CASE_OUTCOME, outcome)
							.count())
				.tag("outcome", outcome)
				.description("Closed cases by how they ended")
				.register(registry);
		}
		for (String task : TASKS) {
			Gauge
				.builder("productops.tasks.open",
						() -> this.tasks.createTaskQuery()
							.processDefinitionKey(ProductOpsLoop.PROCESS_KEY)
							.taskDefinitionKey(task)
							.count())
				.tag("task", task)
				.description("Open tasks by step")
				.register(registry);
		}
		Gauge.builder("productops.jobs.backlog", () -> this.management.createJobQuery().executable().count())
			.description("Jobs due and waiting for the job executor")
			.register(registry);
		Gauge.builder("productops.incidents.open", () -> this.runtime.createIncidentQuery().count())
			.description("Open incidents (failed steps, e.g. notifications that could not be sent)")
			.register(registry);
	}

}
