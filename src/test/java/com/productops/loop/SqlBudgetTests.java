package com.productops.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.community.process_test_coverage.core.engine.ExcludeFromProcessCoverage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * SQL statements and rows written per step of the loop, counted at the JDBC driver
 * (datasource-proxy) with history full and authorization on, as the logged-in personas: a
 * step that needs more of either than its recorded budget (sql-budget.properties) plus
 * two fails the build. Catches N+1 queries, a forgotten index-less lookup in a delegate,
 * or accidental extra history and variables. After an intended change, update the budget
 * with the numbers this test prints.
 */
@LoopProcessTest
@ExcludeFromProcessCoverage // walks one path only
class SqlBudgetTests {

	/**
	 * Statements a step may need beyond its budget: the count is exact on one engine, but
	 * moves by one between engine set-ups.
	 */
	private static final int TOLERANCE = 2;

	/**
	 * The key of a step's rows budget: rows inserted, updated and deleted. The engine
	 * sends its writes in JDBC batches (one statement for many rows), and on H2 a commit
	 * costs by the pages its rows touch, so rows are what a step's writes cost.
	 */
	private static final String ROWS = ".rows";

	private static final Pattern WRITTEN_TABLE = Pattern
		.compile("(?is)^\\s*(insert\\s+into|update|delete\\s+from)\\s+(\\w+).*");

	@Autowired
	private ProcessEngine engine;

	private final Map<String, Long> warmUp = new LinkedHashMap<>();

	/** Rows inserted, updated or deleted by each measured step. */
	private final Map<String, Long> rowsWritten = new LinkedHashMap<>();

	/** The same by table, shown for the step of -Dsql.budget.show. */
	private final Map<String, Long> shownRowsByTable = new TreeMap<>();

	/** The statements of the measured steps. */
	private final List<String> statements = new ArrayList<>();

	@Test
	void everyStepStaysWithinItsStatementBudget() throws Exception {
		Map<String, Long> measured = new LinkedHashMap<>();
		var runtime = this.engine.getRuntimeService();
		var tasks = this.engine.getTaskService();
		// warm-up: the first case also loads definitions, DMN tables and forms into the
		// caches
		walk(runtime, tasks, this.warmUp);
		// an open case alike the next (its triage form would suggest it; the start only
		// indexes the report)
		ProcessInstance alike = count(new LinkedHashMap<>(), "alike", "otto", List.of("ops"),
				() -> runtime.startProcessInstanceByKey(ProductOpsLoop.PROCESS_KEY, report()));
		walk(runtime, tasks, measured);
		runtime.deleteProcessInstance(alike.getId(), "measured");

		Properties budget = new Properties();
		try (InputStream in = getClass().getResourceAsStream("/sql-budget.properties")) {
			budget.load(in);
		}
		List<String> over = new ArrayList<>();
		System.out.println("SQL statements and rows written per step (budget +" + TOLERANCE + " allowed):");
		measured.forEach((step, count) -> {
			long allowed = Long.parseLong(budget.getProperty(step, "0"));
			long rows = this.rowsWritten.getOrDefault(step, 0L);
			long rowsAllowed = Long.parseLong(budget.getProperty(step + ROWS, "0"));
			System.out.printf("  %-28s %4d statements (budget %d), %4d rows (budget %d)%n", step, count, allowed, rows,
					rowsAllowed);
			if (count > allowed + TOLERANCE) {
				over.add(step + ": " + count + " statements, budget " + allowed);
			}
			if (rows > rowsAllowed + TOLERANCE) {
				over.add(step + ": " + rows + " rows written, budget " + rowsAllowed);
			}
		});
		if (!this.shownRowsByTable.isEmpty()) {
			System.out.println("  rows written by table: " + this.shownRowsByTable);
		}
		assertThat(budget.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(
				measured.keySet().stream().flatMap(step -> Stream.of(step, step + ROWS)).toList());
		assertThat(over).as("steps over their SQL budget (src/test/resources/sql-budget.properties)").isEmpty();
		// a read that grows with every case ever granted (CallersGroupsPlugin)
		assertThat(this.statements).as("statements of the measured steps")
			.isNotEmpty()
			.noneMatch(query -> query.replaceAll("\\s+", " ").contains("distinct(A.GROUP_ID_) FROM"));
	}

	private void walk(RuntimeService runtime, TaskService tasks, Map<String, Long> measured) {
		ProcessInstance instance = count(measured, "start", "olivia", List.of("ops"),
				() -> runtime.startProcessInstanceByKey(ProductOpsLoop.PROCESS_KEY, report()));
		complete(measured, "complete.triage", "priya", "product-ops", instance,
				Map.of(CaseVariables.TRIAGE_OUTCOME, "ACCEPT"));
		complete(measured, "complete.decision", "dana", "pm-dispatch", instance,
				Map.of(CaseVariables.PM_DECISION, "BUILD", CaseVariables.DECISION_RATIONALE, "Top complaint",
						CaseVariables.SUCCESS_METRIC, "Tickets per week", CaseVariables.METRIC_DIRECTION, "DECREASE",
						CaseVariables.BASELINE_VALUE, 100, CaseVariables.TARGET_VALUE, 30,
						CaseVariables.VERIFICATION_WINDOW, "P14D"));
		complete(measured, "complete.shipped", "dana", "pm-dispatch", instance,
				Map.of(CaseVariables.DELIVERY_REF, "release 5.31"));
		Job window = this.engine.getManagementService()
			.createJobQuery()
			.processInstanceId(instance.getId())
			.activityId("Timer_VerificationWindow")
			.singleResult();
		count(measured, "job.verificationWindow", null, List.of(), () -> {
			this.engine.getManagementService().executeJob(window.getId());
			return null;
		});
		complete(measured, "complete.verification", "priya", "product-ops", instance,
				Map.of(CaseVariables.VERIFICATION_OUTCOME, "WORKING", CaseVariables.VERIFICATION_NOTE, "Fixed"));
		// closed as working, and watched for regressions: the metric is read again twice,
		// then the case ends
		assertThat(runtime.getVariable(instance.getId(), CaseVariables.CASE_OUTCOME)).isEqualTo("WORKING");
		for (String step : new String[] { "job.watchReading", "job.watchEnd" }) {
			Job reading = this.engine.getManagementService()
				.createJobQuery()
				.processInstanceId(instance.getId())
				.activityId("Timer_WatchReading")
				.singleResult();
			count(measured, step, null, List.of(), () -> {
				this.engine.getManagementService().executeJob(reading.getId());
				return null;
			});
		}
		assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isZero();
	}

	private static Map<String, Object> report() {
		Map<String, Object> report = ProductOpsLoopProcessTests.report("Couriers cannot see the drop-off note",
				"DISPATCH", "HIGH");
		report.remove(CaseVariables.REPORTER);
		return report;
	}

	private void complete(Map<String, Long> measured, String step, String user, String group, ProcessInstance instance,
			Map<String, Object> variables) {
		// the case's step: at verification the reporter's "Is it fixed for you?" waits
		// beside it
		Task task = this.engine.getTaskService()
			.createTaskQuery()
			.processInstanceId(instance.getId())
			.list()
			.stream()
			.filter(t -> !ProductOpsLoop.TASK_CONFIRM_FIX.equals(t.getTaskDefinitionKey()))
			.findFirst()
			.orElseThrow();
		count(measured, step, user, List.of(group), () -> {
			this.engine.getTaskService().complete(task.getId(), variables);
			return null;
		});
	}

	private <T> T count(Map<String, Long> measured, String step, String user, List<String> groups, Supplier<T> work) {
		if (user != null) {
			this.engine.getIdentityService().setAuthentication(user, groups);
		}
		long before = LoopTestEngine.STATEMENTS.get();
		boolean shown = step.equals(System.getProperty("sql.budget.show"));
		if (measured != this.warmUp) {
			LoopTestEngine.statementShown = (query, rows) -> {
				this.statements.add(query);
				this.rowsWritten.merge(step, (long) rows, Long::sum);
				if (shown && rows > 0) {
					this.shownRowsByTable.merge(WRITTEN_TABLE.matcher(query).replaceFirst("$2").toUpperCase(),
							(long) rows, Long::sum);
				}
				if (shown) {
					System.out.println("    " + query.replaceAll("\\s+", " ") + "  [rows " + rows + "]");
				}
			};
		}
		try {
			return work.get();
		}
		finally {
			LoopTestEngine.statementShown = null;
			measured.put(step, LoopTestEngine.STATEMENTS.get() - before);
			this.engine.getIdentityService().clearAuthentication();
		}
	}

}
