package com.productops.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.productops.ProductOpsApplication;
import com.productops.loop.CaseVariables;
import com.productops.loop.LoopProcessTest;
import com.productops.loop.ProductOpsLoop;
import com.productops.security.AccessRules;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.UserTaskBuilder;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * Full-loop throughput through the Java API, with history full and authorization on,
 * against the engine itself: the same number of wait states and the same submitted values
 * in a bare BPMN without any application code, deployed beside the loop into the engine
 * of the application (started as configured, without web server and job executor). Run
 * with {@code mvn -Pbenchmark verify} (H2 file; PostgreSQL too when
 * PRODUCTOPS_BENCH_DB_URL, _USER, _PASSWORD are set). Prints a table and writes it to
 * target/benchmarks.md. Not a test: numbers, no pass or fail.
 */
public final class LoopBenchmark {

	/**
	 * Cases per process and thread count, in ROUNDS rounds that alternate the processes.
	 */
	private static final int CASES = Integer.getInteger("bench.cases", 600);

	private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

	/** Cases per process before the measured rounds. */
	private static final int WARM_UP = Integer.getInteger("bench.warmup", 1500);

	private static final int[] THREADS = Arrays.stream(System.getProperty("bench.threads", "1,4,8").split(","))
		.mapToInt(Integer::parseInt)
		.toArray();

	/**
	 * Notifications on (their jobs are added; nothing sends them here):
	 * -Dbench.notify=false to leave them out.
	 */
	private static final boolean NOTIFY = Boolean.parseBoolean(System.getProperty("bench.notify", "true"));

	private static final String BARE = "bareLoop";

	private static final String BARE_WITH_SLA = "bareLoopWithSlaTimers";

	/** Milliseconds spent in each step and how often it ran, by process. */
	private static final Map<String, Map<String, double[]>> STEP_TIMES = new TreeMap<>();

	/** The per-step table of each database's one-thread run. */
	private static final List<String> STEPS = new ArrayList<>();

	private LoopBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		// measure the work, not the console: one log line per step would be timed too
		((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
		List<String> rows = new ArrayList<>();
		Path h2 = Path.of("target", "bench", "h2").toAbsolutePath();
		FileSystemUtils.deleteRecursively(h2);
		rows.addAll(run("H2 file", "jdbc:h2:file:" + h2 + "/bench;WRITE_DELAY=0;OPTIMIZE_REUSE_RESULTS=0", "sa", ""));
		String pg = System.getenv("PRODUCTOPS_BENCH_DB_URL");
		if (pg != null) {
			BenchDatabase.emptyPostgres(pg, System.getenv("PRODUCTOPS_DB_USER"),
					System.getenv("PRODUCTOPS_DB_PASSWORD"));
			rows.addAll(run("PostgreSQL", pg, System.getenv("PRODUCTOPS_DB_USER"),
					System.getenv("PRODUCTOPS_DB_PASSWORD")));
		}
		StringBuilder table = new StringBuilder();
		table.append("Full loop through the Java API (start, triage, decision, shipped, verification window, verify; ")
			.append("history full, authorization on), ")
			.append(CASES)
			.append(" cases per process and thread count in ")
			.append(ROUNDS)
			.append(" rounds taking turns (cases/s of each round; ratio: the median of the rounds'), after ")
			.append(WARM_UP)
			.append(" cases of each, ")
			.append(LocalDate.now())
			.append(", ")
			.append(Runtime.getRuntime().availableProcessors())
			.append(" cores, ")
			.append(System.getProperty("java.vm.name"))
			.append(' ')
			.append(System.getProperty("java.version"))
			.append("\n\n")
			.append("| Database | Client threads | Product Ops loop (cases/s) | Bare engine, same wait states and "
					+ "values ")
			.append("(cases/s) | Ratio | Bare engine + the loop's SLA timers (cases/s) | Ratio |\n")
			.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		rows.forEach(row -> table.append(row).append('\n'));
		table.append("\nMean time per step, one client thread (ms)\n\n")
			.append("| Database | Step | Product Ops loop | Bare engine | Bare engine + SLA timers | Loop − bare |\n")
			.append("| --- | --- | ---: | ---: | ---: | ---: |\n");
		STEPS.forEach(table::append);
		System.out.println();
		System.out.println(table);
		Files.createDirectories(Path.of("target"));
		Files.writeString(Path.of("target", "benchmarks.md"), table);
	}

	private static List<String> run(String name, String url, String user, String password) throws Exception {
		// the application as it runs, without web server and job executor (the walk
		// completes each step and fires the verification window itself); as command-line
		// arguments, which take precedence over application.yaml
		String[] settings = { "--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
				"--spring.datasource.password=" + password, "--spring.datasource.hikari.maximum-pool-size=20",
				"--camunda.bpm.job-execution.enabled=false", "--productops.demo-users=false",
				"--productops.notifications.enabled=" + NOTIFY,
				"--productops.data-dir=" + Path.of("target", "bench", "data").toAbsolutePath(),
				"--logging.level.root=WARN", "--logging.level.com.productops=WARN",
				"--spring.autoconfigure.exclude=" + LoopProcessTest.ENGINE_REST };
		try (ConfigurableApplicationContext application = new SpringApplicationBuilder(ProductOpsApplication.class)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.run(settings)) {
			ProcessEngine engine = application.getBean(ProcessEngine.class);
			deploy(engine);
			List<String> rows = new ArrayList<>();
			// warm-up: caches, and the JIT, which compiles the application's code for
			// minutes under load (on 2 cores its compiler took 40 % of a core for the
			// first 7 minutes); the processes take turns, so that none pays for what the
			// others run next
			for (int round = 0; round < ROUNDS; round++) {
				loop(engine, 4, WARM_UP / ROUNDS);
				baseline(engine, 4, WARM_UP / ROUNDS);
				baselineWithSla(engine, 4, WARM_UP / ROUNDS);
			}
			for (int threads : THREADS) {
				STEP_TIMES.clear();
				List<Double> ours = new ArrayList<>();
				List<Double> bare = new ArrayList<>();
				List<Double> bareWithSla = new ArrayList<>();
				for (int round = 0; round < ROUNDS; round++) {
					ours.add(loop(engine, threads, CASES / ROUNDS));
					bare.add(baseline(engine, threads, CASES / ROUNDS));
					bareWithSla.add(baselineWithSla(engine, threads, CASES / ROUNDS));
				}
				rows.add(String.format("| %s | %d | %s | %s | %.2f | %s | %.2f |", name, threads,
						Throughput.rounds(ours), Throughput.rounds(bare), Throughput.medianRatio(ours, bare),
						Throughput.rounds(bareWithSla), Throughput.medianRatio(ours, bareWithSla)));
				System.out.println(rows.get(rows.size() - 1));
				if (threads == 1) {
					STEPS.add(stepRows(name));
				}
			}
			return rows;
		}
	}

	/** The bare processes beside the loop the application deployed. */
	private static void deploy(ProcessEngine engine) {
		var deployment = engine.getRepositoryService()
			.createDeployment()
			.name("benchmark")
			.enableDuplicateFiltering(true);
		// the engine alone: the loop's wait states (4 user tasks and the window timer),
		// no application code
		deployment.addModelInstance(BARE + ".bpmn", bareLoop(BARE, false));
		// the same with the loop's SLA timers (due and overdue on every user task), which
		// the engine runs by itself
		deployment.addModelInstance(BARE_WITH_SLA + ".bpmn", bareLoop(BARE_WITH_SLA, true));
		deployment.deploy();
		for (String process : List.of(BARE, BARE_WITH_SLA)) {
			if (engine.getAuthorizationService().createAuthorizationQuery().resourceId(process).count() == 0) {
				var grant = engine.getAuthorizationService().createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
				grant.setGroupId(AccessRules.OPS);
				grant.setResource(Resources.PROCESS_DEFINITION);
				grant.setResourceId(process);
				grant.addPermission(Permissions.CREATE_INSTANCE);
				engine.getAuthorizationService().saveAuthorization(grant);
			}
		}
	}

	private static BpmnModelInstance bareLoop(String id, boolean slaTimers) {
		var process = Bpmn.createExecutableProcess(id).camundaHistoryTimeToLive(1).startEvent();
		var triage = process.userTask("triage").camundaCandidateGroups("product-ops");
		var decide = sla(triage, slaTimers).userTask("decide").camundaCandidateGroups("pm-dispatch");
		var shipped = sla(decide, slaTimers).userTask("shipped").camundaCandidateGroups("pm-dispatch");
		var verify = sla(shipped, slaTimers).intermediateCatchEvent("window")
			.timerWithDuration("P14D")
			.userTask("verify")
			.camundaCandidateGroups("product-ops");
		return sla(verify, slaTimers).endEvent().done();
	}

	private static UserTaskBuilder sla(UserTaskBuilder task, boolean slaTimers) {
		if (!slaTimers) {
			return task;
		}
		String id = task.getElement().getId();
		return task.boundaryEvent(id + "Due")
			.cancelActivity(false)
			.timerWithDuration("P2D")
			.endEvent()
			.moveToActivity(id)
			.boundaryEvent(id + "Overdue")
			.cancelActivity(false)
			.timerWithDuration("P5D")
			.endEvent()
			.moveToActivity(id);
	}

	/**
	 * Cases per second of the whole loop, as the personas (logged in, so authorization
	 * applies).
	 */
	private static double loop(ProcessEngine engine, int threads, int cases) throws Exception {
		return Throughput.measure(threads, cases, i -> walk(engine, ProductOpsLoop.PROCESS_KEY, i));
	}

	/**
	 * The same walk with the same submitted values through the bare process: the engine's
	 * share of the work.
	 */
	private static double baseline(ProcessEngine engine, int threads, int cases) throws Exception {
		return Throughput.measure(threads, cases, i -> walk(engine, BARE, i));
	}

	private static double baselineWithSla(ProcessEngine engine, int threads, int cases) throws Exception {
		return Throughput.measure(threads, cases, i -> walk(engine, BARE_WITH_SLA, i));
	}

	/**
	 * Mean milliseconds per step, by process (1 thread): where the loop's extra time
	 * goes.
	 */
	private static String stepRows(String database) {
		StringBuilder rows = new StringBuilder();
		Map<String, double[]> loop = STEP_TIMES.get(ProductOpsLoop.PROCESS_KEY);
		Map<String, double[]> bare = STEP_TIMES.get(BARE);
		Map<String, double[]> bareWithSla = STEP_TIMES.get(BARE_WITH_SLA);
		for (String step : loop.keySet()) {
			double ours = mean(loop.get(step));
			rows.append(String.format("| %s | %s | %.2f | %.2f | %.2f | %.2f |%n", database, step.substring(2), ours,
					mean(bare.get(step)), mean(bareWithSla.get(step)), ours - mean(bare.get(step))));
		}
		return rows.toString();
	}

	private static double mean(double[] sum) {
		return sum[0] / sum[1];
	}

	private static <T> T step(String process, String step, Callable<T> work) {
		long start = System.nanoTime();
		try {
			return work.call();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			synchronized (STEP_TIMES) {
				double[] sum = STEP_TIMES.computeIfAbsent(process, p -> new LinkedHashMap<>())
					.computeIfAbsent(step, s -> new double[2]);
				sum[0] += (System.nanoTime() - start) / 1e6;
				sum[1]++;
			}
		}
	}

	private static void walk(ProcessEngine engine, String process, int i) {
		Map<String, Object> report = Map.of(CaseVariables.TITLE, "Benchmark case number " + i, CaseVariables.AREA,
				"DISPATCH", CaseVariables.DESCRIPTION, "Couriers cannot see the note", CaseVariables.FREQUENCY, "DAILY",
				CaseVariables.PEOPLE_AFFECTED_PER_WEEK, 10, CaseVariables.HOURS_LOST_PER_WEEK, 2.0,
				CaseVariables.URGENCY, "MEDIUM");
		String id = step(process, "1 start", () -> as(engine, "olivia", AccessRules.OPS,
				() -> engine.getRuntimeService().startProcessInstanceByKey(process, report).getId()));
		step(process, "2 triage", () -> complete(engine, id, "priya", AccessRules.PRODUCT_OPS,
				Map.of(CaseVariables.TRIAGE_OUTCOME, "ACCEPT")));
		step(process, "3 decision",
				() -> complete(engine, id, "dana", "pm-dispatch",
						Map.of(CaseVariables.PM_DECISION, "BUILD", CaseVariables.DECISION_RATIONALE, "Top complaint",
								CaseVariables.SUCCESS_METRIC, "Tickets", CaseVariables.METRIC_DIRECTION, "DECREASE",
								CaseVariables.BASELINE_VALUE, 100.0, CaseVariables.TARGET_VALUE, 30.0,
								CaseVariables.VERIFICATION_WINDOW, "P14D")));
		step(process, "4 shipped",
				() -> complete(engine, id, "dana", "pm-dispatch", Map.of(CaseVariables.DELIVERY_REF, "release")));
		step(process, "5 window", () -> fireTimer(engine, id));
		step(process, "6 verification", () -> complete(engine, id, "priya", AccessRules.PRODUCT_OPS,
				Map.of(CaseVariables.VERIFICATION_OUTCOME, "WORKING", CaseVariables.VERIFICATION_NOTE, "Works")));
	}

	private static Void complete(ProcessEngine engine, String instance, String user, String group,
			Map<String, Object> variables) {
		// the step's task, by its team (at verification the reporter's "Is it fixed for
		// you?" waits beside it)
		Task task = engine.getTaskService()
			.createTaskQuery()
			.processInstanceId(instance)
			.taskCandidateGroup(group)
			.singleResult();
		as(engine, user, group, () -> {
			engine.getTaskService().complete(task.getId(), variables);
			return null;
		});
		return null;
	}

	private static Void fireTimer(ProcessEngine engine, String instance) {
		// the verification window: the only timer left once shipping is confirmed (the
		// task's SLA timers went with it)
		Job timer = engine.getManagementService().createJobQuery().processInstanceId(instance).timers().singleResult();
		engine.getManagementService().executeJob(timer.getId());
		return null;
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
