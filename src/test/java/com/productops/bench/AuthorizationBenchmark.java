package com.productops.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.productops.security.CallersGroupsPlugin;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.model.bpmn.Bpmn;

/**
 * A person's requests as grants pile up. The loop grants every case to its reporter and
 * routed group, the engine grants each task's history to its people, and these grants
 * stay as long as the history (two years): about 12 rows per case in ACT_RU_AUTHORIZATION
 * (counted after a REST benchmark: 6,938 for 550 cases, 8.5 of them on task history). Two
 * engines on one database, called alternately as the same PM: the engine as it comes,
 * which reads the groups of all authorizations before the first permission check of every
 * command (the baseline), and with {@link CallersGroupsPlugin}. Each call is one command:
 * a task list of 15 and a page of 15 historic cases. H2 file, or PostgreSQL when
 * {@code PRODUCTOPS_BENCH_DB_URL}, {@code PRODUCTOPS_DB_USER} and
 * {@code PRODUCTOPS_DB_PASSWORD} point to a database it may empty.
 * {@code mvn -Pbenchmark -DskipTests test-compile
 * org.codehaus.mojo:exec-maven-plugin:3.6.4:java@authorization-benchmark}
 */
public final class AuthorizationBenchmark {

	/** Grants in the table, 12 per case: none, 10,000 and 100,000 cases. */
	private static final int[] GRANTS = { 0, 120_000, 1_200_000 };

	private static final int REQUESTS = Integer.getInteger("bench.authorization.requests", 100);

	private static final String GROUP = "pm-dispatch";

	/** Grants written so far. */
	private static int filled;

	private AuthorizationBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		BenchDatabase.Target database = BenchDatabase.target("authorization");
		ProcessEngine engines = BenchDatabase.engine("baseline", database, true, null);
		ProcessEngine ours = BenchDatabase.engine("callers-groups", database, true, new CallersGroupsPlugin());
		try {
			prepare(engines);
			StringBuilder report = new StringBuilder("\n\nA PM's requests as grants pile up (").append(database.name())
				.append(", ")
				.append(REQUESTS)
				.append(" calls each, alternately, ms p50 / p95)\n\n")
				.append("| Grants | Task list: engine's group filter | with CallersGroupsPlugin | ")
				.append("Case history: engine's group filter | with CallersGroupsPlugin |\n")
				.append("| ---: | ---: | ---: | ---: | ---: |\n");
			for (int grants : GRANTS) {
				fill(engines, filled, grants);
				filled = grants;
				Function<ProcessEngine, Integer> tasks = engine -> engine.getTaskService()
					.createTaskQuery()
					.taskCandidateGroup(GROUP)
					.listPage(0, 15)
					.size();
				Function<ProcessEngine, Integer> history = engine -> engine.getHistoryService()
					.createHistoricProcessInstanceQuery()
					.listPage(0, 15)
					.size();
				String[] taskTimes = measure(engines, ours, tasks);
				String[] historyTimes = measure(engines, ours, history);
				report.append(String.format("| %,d | %s | %s | %s | %s |%n", grants, taskTimes[0], taskTimes[1],
						historyTimes[0], historyTimes[1]));
				System.out.println(report);
			}
		}
		finally {
			ours.close();
			engines.close();
		}
	}

	/** 20 cases waiting for the PM group, which may read them and their history. */
	private static void prepare(ProcessEngine engine) {
		engine.getRepositoryService()
			.createDeployment()
			.addModelInstance("bare.bpmn",
					Bpmn.createExecutableProcess("bare")
						.camundaHistoryTimeToLive(730)
						.startEvent()
						.userTask("decide")
						.camundaCandidateGroups(GROUP)
						.endEvent()
						.done())
			.deploy();
		for (int i = 0; i < 20; i++) {
			engine.getRuntimeService().startProcessInstanceByKey("bare");
		}
		for (Resources resource : new Resources[] { Resources.PROCESS_DEFINITION, Resources.TASK }) {
			Authorization grant = engine.getAuthorizationService()
				.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
			grant.setGroupId(GROUP);
			grant.setResource(resource);
			grant.setResourceId("*");
			grant.addPermission(Permissions.ALL);
			engine.getAuthorizationService().saveAuthorization(grant);
		}
	}

	/**
	 * Grants of cases as the loop leaves them: its people's, on the case's history and
	 * its tasks' history.
	 */
	private static void fill(ProcessEngine engine, int from, int to) throws Exception {
		ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine
			.getProcessEngineConfiguration();
		String grant = "INSERT INTO ACT_RU_AUTHORIZATION (ID_, REV_, TYPE_, GROUP_ID_, USER_ID_, RESOURCE_TYPE_, "
				+ "RESOURCE_ID_, PERMS_) VALUES (?, 1, 1, ?, ?, ?, ?, ?)";
		try (Connection db = configuration.getDataSource().getConnection();
				PreparedStatement insert = db.prepareStatement(grant)) {
			db.setAutoCommit(false);
			for (int i = from; i < to; i++) {
				boolean group = i % 2 == 0;
				insert.setString(1, "grant-" + i);
				insert.setString(2, group ? "pm-area-" + (i % 6) : null);
				insert.setString(3, group ? null : "reporter-" + (i % 500));
				insert.setInt(4, (i % 12 < 8) ? Resources.HISTORIC_TASK.resourceType()
						: Resources.HISTORIC_PROCESS_INSTANCE.resourceType());
				insert.setString(5, "resource-" + i);
				insert.setInt(6, 2);
				insert.addBatch();
				if (i % 1000 == 999) {
					insert.executeBatch();
					db.commit();
				}
			}
			insert.executeBatch();
			db.commit();
		}
	}

	/**
	 * p50 / p95 of each engine, called alternately as the PM after 10 unmeasured calls
	 * each.
	 */
	private static String[] measure(ProcessEngine baseline, ProcessEngine ours, Function<ProcessEngine, Integer> call)
			throws Exception {
		List<Double> baselineMillis = new ArrayList<>();
		List<Double> ourMillis = new ArrayList<>();
		for (int i = -10; i < REQUESTS; i++) {
			// each first in turn
			if (i % 2 == 0) {
				time(baseline, call, baselineMillis, i >= 0);
				time(ours, call, ourMillis, i >= 0);
			}
			else {
				time(ours, call, ourMillis, i >= 0);
				time(baseline, call, baselineMillis, i >= 0);
			}
		}
		return new String[] { BenchDatabase.percentiles(baselineMillis), BenchDatabase.percentiles(ourMillis) };
	}

	private static void time(ProcessEngine engine, Function<ProcessEngine, Integer> call, List<Double> millis,
			boolean measured) throws Exception {
		// other people's work goes on: a case filed meanwhile writes its grants (H2 would
		// otherwise answer a repeated query of an unchanged table from its cache)
		fill(engine, filled, filled + 2);
		filled += 2;
		engine.getIdentityService().setAuthentication("dana", List.of(GROUP));
		try {
			long start = System.nanoTime();
			if (call.apply(engine) == 0) {
				throw new IllegalStateException("the PM sees nothing");
			}
			if (measured) {
				millis.add((System.nanoTime() - start) / 1e6);
			}
		}
		finally {
			engine.getIdentityService().clearAuthentication();
		}
	}

}
