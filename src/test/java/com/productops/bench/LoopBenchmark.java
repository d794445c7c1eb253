package com.productops.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.productops.loop.CaseVariables;
import com.productops.loop.LoopTestEngine;
import com.productops.loop.ProductOpsLoop;
import com.productops.security.AccessGrants;
import com.productops.security.AccessRules;
import com.zaxxer.hikari.HikariDataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.util.FileSystemUtils;

/**
 * Full-loop throughput through the Java API, with history full and authorization on, against the engine itself: the
 * same number of wait states in a bare BPMN without any application code. Run with
 * {@code mvn -Pbenchmark verify} (H2 file; PostgreSQL too when PRODUCTOPS_BENCH_DB_URL, _USER, _PASSWORD are set).
 * Prints a table and writes it to target/benchmarks.md. Not a test: numbers, no pass or fail.
 */
public final class LoopBenchmark {

	private static final int CASES = Integer.getInteger("bench.cases", 400);

	private static final int[] THREADS = { 1, 4, 8 };

	private LoopBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		// measure the work, not the console: one log line per step would be timed too
		((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
			.setLevel(ch.qos.logback.classic.Level.WARN);
		List<String> rows = new ArrayList<>();
		Path h2 = Path.of("target", "bench", "h2").toAbsolutePath();
		FileSystemUtils.deleteRecursively(h2);
		rows.addAll(run("H2 file", "jdbc:h2:file:" + h2 + "/bench;WRITE_DELAY=0", "sa", ""));
		String pg = System.getenv("PRODUCTOPS_BENCH_DB_URL");
		if (pg != null) {
			rows.addAll(run("PostgreSQL", pg, System.getenv("PRODUCTOPS_DB_USER"), System.getenv("PRODUCTOPS_DB_PASSWORD")));
		}
		StringBuilder table = new StringBuilder();
		table.append("Full loop through the Java API (start, triage, decision, shipped, verification window, verify; ")
			.append("history full, authorization on), ").append(CASES).append(" cases per run, ")
			.append(LocalDate.now()).append(", ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
			.append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version")).append("\n\n")
			.append("| Database | Client threads | Product Ops loop (cases/s) | Bare engine, same wait states (cases/s) | Ratio |\n")
			.append("| --- | ---: | ---: | ---: | ---: |\n");
		rows.forEach(row -> table.append(row).append('\n'));
		System.out.println();
		System.out.println(table);
		Files.createDirectories(Path.of("target"));
		Files.writeString(Path.of("target", "benchmarks.md"), table);
	}

	private static List<String> run(String name, String url, String user, String password) throws Exception {
		try (HikariDataSource dataSource = new HikariDataSource()) {
			dataSource.setJdbcUrl(url);
			dataSource.setUsername(user);
			dataSource.setPassword(password);
			dataSource.setMaximumPoolSize(20);
			var configuration = LoopTestEngine.configure(new StandaloneProcessEngineConfiguration(), "benchmark", dataSource);
			configuration.setAuthorizationEnabled(true);
			configuration.setJdbcBatchProcessing(true);
			ProcessEngine engine = configuration.buildProcessEngine();
			try {
				LoopTestEngine.wire(engine, dataSource);
				deploy(engine);
				List<String> rows = new ArrayList<>();
				loop(engine, 1, 50); // warm-up: caches, JIT
				baseline(engine, 1, 50);
				for (int threads : THREADS) {
					double ours = loop(engine, threads, CASES);
					double bare = baseline(engine, threads, CASES);
					rows.add(String.format("| %s | %d | %.1f | %.1f | %.2f |", name, threads, ours, bare, ours / bare));
					System.out.println(rows.get(rows.size() - 1));
				}
				return rows;
			}
			finally {
				engine.close();
			}
		}
	}

	private static void deploy(ProcessEngine engine) {
		var deployment = LoopTestEngine.deployment(engine).name("benchmark").enableDuplicateFiltering(true);
		// the engine alone: the loop's wait states (4 user tasks and the window timer), no application code
		BpmnModelInstance bare = Bpmn.createExecutableProcess("bareLoop")
			.camundaHistoryTimeToLive(1)
			.startEvent()
			.userTask("triage").camundaCandidateGroups("product-ops")
			.userTask("decide").camundaCandidateGroups("pm-dispatch")
			.userTask("shipped").camundaCandidateGroups("pm-dispatch")
			.intermediateCatchEvent("window").timerWithDuration("P14D")
			.userTask("verify").camundaCandidateGroups("product-ops")
			.endEvent()
			.done();
		deployment.addModelInstance("bareLoop.bpmn", bare).deploy();
		if (engine.getAuthorizationService().createAuthorizationQuery().groupIdIn(AccessRules.OPS).count() == 0) {
			new AccessGrants(engine.getAuthorizationService()).apply();
			var bareGrant = engine.getAuthorizationService().createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
			bareGrant.setGroupId(AccessRules.OPS);
			bareGrant.setResource(Resources.PROCESS_DEFINITION);
			bareGrant.setResourceId("bareLoop");
			bareGrant.addPermission(Permissions.CREATE_INSTANCE);
			engine.getAuthorizationService().saveAuthorization(bareGrant);
		}
	}

	/** Cases per second of the whole loop, as the personas (logged in, so authorization applies). */
	private static double loop(ProcessEngine engine, int threads, int cases) throws Exception {
		return measure(threads, cases, i -> {
			Map<String, Object> report = Map.of(CaseVariables.TITLE, "Benchmark case number " + i, CaseVariables.AREA,
					"DISPATCH", CaseVariables.DESCRIPTION, "Couriers cannot see the note", CaseVariables.FREQUENCY, "DAILY",
					CaseVariables.PEOPLE_AFFECTED_PER_WEEK, 10, CaseVariables.HOURS_LOST_PER_WEEK, 2,
					CaseVariables.URGENCY, "MEDIUM");
			String id = as(engine, "olivia", AccessRules.OPS,
					() -> engine.getRuntimeService().startProcessInstanceByKey(ProductOpsLoop.PROCESS_KEY, report).getId());
			complete(engine, id, "priya", AccessRules.PRODUCT_OPS, Map.of(CaseVariables.TRIAGE_OUTCOME, "ACCEPT"));
			complete(engine, id, "dana", "pm-dispatch", Map.of(CaseVariables.PM_DECISION, "BUILD",
					CaseVariables.DECISION_RATIONALE, "Top complaint", CaseVariables.SUCCESS_METRIC, "Tickets",
					CaseVariables.METRIC_DIRECTION, "DECREASE", CaseVariables.BASELINE_VALUE, 100,
					CaseVariables.TARGET_VALUE, 30, CaseVariables.VERIFICATION_WINDOW, "P14D"));
			complete(engine, id, "dana", "pm-dispatch", Map.of(CaseVariables.DELIVERY_REF, "release"));
			fireTimer(engine, id);
			complete(engine, id, "priya", AccessRules.PRODUCT_OPS,
					Map.of(CaseVariables.VERIFICATION_OUTCOME, "WORKING", CaseVariables.VERIFICATION_NOTE, "Works"));
		});
	}

	private static double baseline(ProcessEngine engine, int threads, int cases) throws Exception {
		return measure(threads, cases, i -> {
			String id = as(engine, "olivia", AccessRules.OPS,
					() -> engine.getRuntimeService().startProcessInstanceByKey("bareLoop", "BARE-" + i).getId());
			complete(engine, id, "priya", AccessRules.PRODUCT_OPS, Map.of("outcome", "ACCEPT"));
			complete(engine, id, "dana", "pm-dispatch", Map.of("decision", "BUILD"));
			complete(engine, id, "dana", "pm-dispatch", Map.of("ref", "release"));
			fireTimer(engine, id);
			complete(engine, id, "priya", AccessRules.PRODUCT_OPS, Map.of("outcome", "WORKING"));
		});
	}

	interface Case {

		void run(int index) throws Exception;

	}

	private static double measure(int threads, int cases, Case work) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		AtomicInteger next = new AtomicInteger();
		long start = System.nanoTime();
		List<Future<?>> futures = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			futures.add(pool.submit(() -> {
				for (int i = next.getAndIncrement(); i < cases; i = next.getAndIncrement()) {
					work.run(i);
				}
				return null;
			}));
		}
		for (Future<?> future : futures) {
			future.get(30, TimeUnit.MINUTES);
		}
		pool.shutdown();
		return cases / ((System.nanoTime() - start) / 1e9);
	}

	private static void complete(ProcessEngine engine, String instance, String user, String group,
			Map<String, Object> variables) {
		Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult();
		as(engine, user, group, () -> {
			engine.getTaskService().complete(task.getId(), variables);
			return null;
		});
	}

	private static void fireTimer(ProcessEngine engine, String instance) {
		// the verification window: the only timer left once shipping is confirmed
		Job timer = engine.getManagementService().createJobQuery().processInstanceId(instance).timers().singleResult();
		engine.getManagementService().executeJob(timer.getId());
	}

	private static <T> T as(ProcessEngine engine, String user, String group, Callable<T> work) {
		engine.getIdentityService().setAuthentication(user, List.of(group));
		try {
			return work.call();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			engine.getIdentityService().clearAuthentication();
		}
	}

}
