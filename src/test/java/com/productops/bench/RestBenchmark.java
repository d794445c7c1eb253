package com.productops.bench;

import static com.productops.testing.AppNode.variables;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.productops.testing.AppNode;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.springframework.util.FileSystemUtils;

/**
 * The packaged application over HTTP, as its clients use it: start-up time and memory
 * (RSS), full-loop throughput through the authenticated engine REST API with keep-alive
 * connections, latency of start, task list, claim and complete under 50 concurrent users,
 * and memory after 10,000 cases. Notifications are on and go to a real SMTP server
 * (GreenMail) in this JVM. Run with {@code mvn -Pbenchmark verify} after LoopBenchmark;
 * H2 file, and PostgreSQL too when PRODUCTOPS_BENCH_DB_URL, PRODUCTOPS_DB_USER and
 * PRODUCTOPS_DB_PASSWORD are set (that database is emptied first). Appends its tables to
 * target/benchmarks.md. Numbers, no pass or fail.
 */
public final class RestBenchmark {

	private static final int LOOP_CASES = Integer.getInteger("bench.rest.cases", 200);

	private static final int USERS = Integer.getInteger("bench.rest.users", 50);

	private static final int LATENCY_SECONDS = Integer.getInteger("bench.rest.seconds", 60);

	private static final int TOTAL_CASES = Integer.getInteger("bench.rest.total", 10_000);

	/**
	 * Full loops before anything is measured. The JIT compiles the application's code for
	 * minutes under load: with 100 warm-up cases its compiler thread took about a quarter
	 * of the node's CPU during the run, and every number measured then was that much
	 * higher.
	 */
	private static final int WARM_UP = Integer.getInteger("bench.rest.warmup", 1500);

	private static final int[] THREADS = { 1, 4, 8 };

	private static final List<String> OPERATIONS = List.of("start", "task list", "claim", "complete");

	private static final int COMPARE_CASES = Integer.getInteger("bench.rest.compare.cases", 150);

	private static final int COMPARE_ROUNDS = Integer.getInteger("bench.rest.compare.rounds", 3);

	private static final String BARE = "bareTwoTasks";

	private static final List<String> COMPARISON = new ArrayList<>();

	private final String database;

	private final AppNode node;

	/** Cases started against this node so far, by every phase. */
	private final AtomicInteger started = new AtomicInteger();

	private RestBenchmark(String database, AppNode node) {
		this.database = database;
		this.node = node;
	}

	public static void main(String[] args) throws Exception {
		GreenMail smtp = new GreenMail(new ServerSetup(AppNode.freePort(), "localhost", ServerSetup.PROTOCOL_SMTP));
		smtp.start();
		List<String> summary = new ArrayList<>();
		List<String> latency = new ArrayList<>();
		try {
			Path dir = Path.of("target", "bench", "rest").toAbsolutePath();
			FileSystemUtils.deleteRecursively(dir);
			List<String> common = new ArrayList<>(List.of("--productops.time-zone=UTC", "--spring.mail.host=localhost",
					"--spring.mail.port=" + smtp.getSmtp().getPort()));
			// more application arguments for a variant, e.g.
			// -Dbench.rest.args=--productops.notifications.enabled=false
			common.addAll(Arrays.stream(System.getProperty("bench.rest.args", "").split(" "))
				.filter(a -> !a.isBlank())
				.toList());
			// -Dbench.rest.h2=false: PostgreSQL only
			if (Boolean.parseBoolean(System.getProperty("bench.rest.h2", "true"))) {
				run("H2 file", dir.resolve("h2"), common, dir.resolve("h2-data"), List.of(), environment(Map.of()),
						smtp, summary, latency);
			}
			String pg = System.getenv("PRODUCTOPS_BENCH_DB_URL");
			if (pg != null) {
				BenchDatabase.emptyPostgres(pg, System.getenv("PRODUCTOPS_DB_USER"),
						System.getenv("PRODUCTOPS_DB_PASSWORD"));
				run("PostgreSQL", dir.resolve("pg"), common, dir.resolve("pg-data"),
						List.of("--spring.profiles.active=postgres"), environment(Map.of("PRODUCTOPS_DB_URL", pg)),
						smtp, summary, latency);
			}
		}
		finally {
			smtp.stop();
		}
		StringBuilder report = new StringBuilder("\n\nSide by side over REST, one run, 4 client threads, rounds ")
			.append("alternating: the loop's short path (start → triage ACCEPT → decision WON'T DO, every "
					+ "notification ")
			.append("sent) and a bare BPMN with the same two user tasks and values, no application code\n\n")
			.append("| Database | Product Ops loop (cases/s, per round) | Bare BPMN (cases/s, per round) | Ratio "
					+ "(median) ")
			.append("| Loop, CPU ms per case | Bare, CPU ms per case | CPU ratio, bare / loop (median) |\n")
			.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		COMPARISON.forEach(row -> report.append(row).append('\n'));
		report.append("\n\nThe packaged application over HTTP (java -Xmx384m -jar; engine REST ")
			.append("with Basic auth, keep-alive; notifications to an SMTP server), ")
			.append(LocalDate.now())
			.append(", ")
			.append(Runtime.getRuntime().availableProcessors())
			.append(" cores\n\n")
			.append("| Database | Start → ready (s) | RSS after start (MiB) | Full loop over REST, 1 / 4 / 8 client "
					+ "threads ")
			.append("(cases/s) | RSS after ")
			.append(TOTAL_CASES)
			.append(" cases (MiB) |\n")
			.append("| --- | ---: | ---: | ---: | ---: |\n");
		summary.forEach(row -> report.append(row).append('\n'));
		report
			.append("\nThe cases beyond the throughput and latency runs are filed and rejected in triage (start, task "
					+ "list, ")
			.append("claim, complete), with 8 client threads.\n");
		report.append("\nREST latency with ")
			.append(USERS)
			.append(" concurrent users for ")
			.append(LATENCY_SECONDS)
			.append(" s (10 reporters start cases, 20 triagers and 20 PMs list their tasks, claim and complete; ")
			.append("0.5–1.5 s between a user's requests)\n\n")
			.append("| Database | Process | Operation | Requests | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | "
					+ "Errors |\n")
			.append("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		latency.forEach(row -> report.append(row).append('\n'));
		System.out.println(report);
		Files.createDirectories(Path.of("target"));
		Files.writeString(Path.of("target", "benchmarks.md"), report, StandardOpenOption.CREATE,
				StandardOpenOption.APPEND);
	}

	/**
	 * The application's environment: the given variables and those of bench.rest.env
	 * ("NAME=value;NAME=value", e.g.
	 * "MALLOC_ARENA_MAX=2;JAVA_TOOL_OPTIONS=-XX:NativeMemoryTracking=summary").
	 */
	private static Map<String, String> environment(Map<String, String> given) {
		Map<String, String> environment = new HashMap<>(given);
		for (String pair : System.getProperty("bench.rest.env", "").split(";")) {
			if (pair.contains("=")) {
				environment.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
			}
		}
		return environment;
	}

	private static void run(String database, Path dir, List<String> common, Path dataDir, List<String> arguments,
			Map<String, String> environment, GreenMail smtp, List<String> summary, List<String> latency)
			throws Exception {
		List<String> all = new ArrayList<>(common);
		all.add("--productops.data-dir=" + dataDir);
		all.addAll(arguments);
		AppNode node = new AppNode("bench-" + database, AppNode.packagedJar(), dir, all, environment);
		long launched = System.nanoTime();
		node.start();
		double startSeconds = (System.nanoTime() - launched) / 1e9;
		try {
			RestBenchmark bench = new RestBenchmark(database, node);
			long rssAfterStart = bench.rssMiB();
			System.out.printf("%s: ready after %.1f s, RSS %d MiB%n", database, startSeconds, rssAfterStart);
			if (Boolean.getBoolean("bench.rest.memoryOnly")) {
				bench.memory(rssAfterStart, dataDir);
				return;
			}
			bench.loops(4, WARM_UP); // warm-up: JIT, caches, connections
			String compared = bench.compareWithBareProcess();
			COMPARISON.add(compared);
			if (Boolean.getBoolean("bench.rest.compareOnly")) {
				summary.add(String.format("| %s | %.1f | %d | - | - |", database, startSeconds, rssAfterStart));
				return;
			}
			List<String> throughput = new ArrayList<>();
			for (int threads : THREADS) {
				double perSecond = bench.loops(threads, LOOP_CASES);
				System.out.printf("%s: full loop over REST, %d threads: %.1f cases/s%n", database, threads, perSecond);
				throughput.add(String.format("%.1f", perSecond));
				smtp.purgeEmailFromAllMailboxes();
			}
			latency.addAll(bench.latency("productOpsLoop"));
			// the baseline: the same users on the bare process
			latency.addAll(bench.latency(BARE));
			smtp.purgeEmailFromAllMailboxes();
			while (bench.started.get() < TOTAL_CASES) {
				int batch = Math.min(1000, TOTAL_CASES - bench.started.get());
				double perSecond = bench.rejections(8, batch);
				System.out.printf("%s: %d cases so far (%.1f cases/s)%n", database, bench.started.get(), perSecond);
				smtp.purgeEmailFromAllMailboxes();
			}
			long rssAfterAll = bench.rssMiB();
			System.out.printf("%s: RSS after %d cases %d MiB%n", database, bench.started.get(), rssAfterAll);
			summary.add(String.format("| %s | %.1f | %d | %s | %d |", database, startSeconds, rssAfterStart,
					String.join(" / ", throughput), rssAfterAll));
		}
		finally {
			// orderly: a killed node would cut SMTP sessions, and Maven fails on their
			// exceptions
			node.shutdown();
		}
	}

	// --- full loop over REST
	// ---------------------------------------------------------------------------------------

	/**
	 * Cases per second: each case from start to closed, one client thread per case at a
	 * time.
	 */
	private double loops(int threads, int cases) throws Exception {
		return Throughput.measure(threads, cases, i -> loop());
	}

	/**
	 * Cases per second filed and rejected in triage: the short way to many cases in the
	 * database.
	 */
	private double rejections(int threads, int cases) throws Exception {
		return Throughput.measure(threads, cases, i -> work(start("otto"), "priya", REJECTED));
	}

	private void loop() {
		String instance = start("olivia");
		work(instance, "priya", TRIAGE);
		work(instance, "dana", DECISION);
		work(instance, "dana", SHIPPED);
		// the verification window (14 days) ends now: run its timer as an operator would
		// in Cockpit
		JsonNode timers = expect("GET", "/engine-rest/job?timers=true&processInstanceId=" + instance, "admin", null);
		expect("POST", "/engine-rest/job/" + timers.get(0).get("id").asText() + "/execute", "admin", null);
		work(instance, "priya", VERIFIED);
	}

	private static final Map<String, Object> TRIAGE = variables("triageOutcome", "ACCEPT", "triageNote",
			"Clear report");

	private static final Map<String, Object> REJECTED = variables("triageOutcome", "REJECT", "triageNote",
			"Known issue, fixed in the next app release");

	private static final Map<String, Object> DECISION = variables("pmDecision", "BUILD", "decisionRationale",
			"Top complaint of the couriers", "successMetric", "Support tickets about drop-off notes per week",
			"metricDirection", "DECREASE", "baselineValue", 100, "targetValue", 30, "verificationWindow", "P14D");

	private static final Map<String, Object> SHIPPED = variables("deliveryRef", "release 5.31");

	private static final Map<String, Object> VERIFIED = variables("verificationOutcome", "WORKING", "verificationNote",
			"Tickets down to 20 a week");

	private String start(String reporter) {
		return start(reporter, "productOpsLoop");
	}

	private String start(String reporter, String process) {
		int number = this.started.incrementAndGet();
		JsonNode instance = expect("POST", "/engine-rest/process-definition/key/" + process + "/start", reporter,
				Map.of("variables",
						variables("title", "Couriers cannot see the drop-off note (" + number + ")", "area", "DISPATCH",
								"description", "The note the customer typed is cut off in the courier app", "frequency",
								"DAILY", "peopleAffectedPerWeek", 40, "hoursLostPerWeek", 6, "urgency", "MEDIUM")));
		return instance.get("id").asText();
	}

	/**
	 * Finds the case's open task, claims and completes it, as the user would in Tasklist.
	 */
	private void work(String instance, String user, Map<String, Object> variables) {
		String task = expect("GET", "/engine-rest/task?processInstanceId=" + instance, user, null).get(0)
			.get("id")
			.asText();
		expect("POST", "/engine-rest/task/" + task + "/claim", user, Map.of("userId", user));
		expect("POST", "/engine-rest/task/" + task + "/complete", user, Map.of("variables", variables));
	}

	private JsonNode expect(String method, String path, String user, Object body) {
		AppNode.Answer answer = this.node.exchange(method, path, user, body, Map.of());
		if (answer == null || !answer.ok()) {
			throw new IllegalStateException(method + " " + path + " as " + user + ": "
					+ ((answer == null) ? "no answer" : answer.status() + " " + answer.body()));
		}
		return answer.body();
	}

	// --- memory as cases pile up
	// --------------------------------------------------------------------------------

	/**
	 * Files and rejects cases up to bench.rest.total, printing every 2,000 cases the
	 * resident memory and the JVM's own account of it (native memory tracking: heap,
	 * metaspace, code, threads, GC, ...), so that growth can be put down to what grows
	 * (with JAVA_TOOL_OPTIONS=-XX:NativeMemoryTracking=summary in bench.rest.env), and
	 * the size of the application's data folder (the H2 file).
	 */
	private void memory(long rssAfterStart, Path dataDir) throws Exception {
		System.out.printf("%s memory: cases 0, RSS %d MiB%n", this.database, rssAfterStart);
		while (this.started.get() < TOTAL_CASES) {
			double perSecond = rejections(8, Math.min(2000, TOTAL_CASES - this.started.get()));
			System.out.printf("%s memory: cases %d (%.1f cases/s), RSS %d MiB, data folder %d MiB%n%s", this.database,
					this.started.get(), perSecond, rssMiB(), folderMiB(dataDir), jcmd("VM.native_memory", "summary"));
			System.out.print(jcmd("GC.heap_info"));
		}
	}

	private static long folderMiB(Path dir) throws IOException {
		try (Stream<Path> files = Files.walk(dir)) {
			return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum() >> 20;
		}
	}

	private String jcmd(String... command) throws Exception {
		List<String> line = new ArrayList<>(List.of("jcmd", String.valueOf(this.node.pid())));
		line.addAll(List.of(command));
		Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
		String out = new String(jcmd.getInputStream().readAllBytes());
		jcmd.waitFor();
		// the summary's totals and its categories' committed sizes, one line each
		return String.join("\n", out.lines()
			.filter(l -> l.contains("committed=") && (l.startsWith("-") || l.startsWith("Total")) || l.contains("used"))
			.toList()) + "\n";
	}

	// --- side by side with a bare BPMN
	// ------------------------------------------------------------------------------

	/**
	 * The loop's short path against a bare BPMN with the same two user tasks (candidate
	 * groups, the same values), in alternating rounds in the same application, so that
	 * the machine's noise hits both alike. One table row.
	 */
	private String compareWithBareProcess() throws Exception {
		deployBareProcess();
		List<Double> ours = new ArrayList<>();
		List<Double> bare = new ArrayList<>();
		List<Double> oursCpu = new ArrayList<>();
		List<Double> bareCpu = new ArrayList<>();
		Throughput.measure(4, 40, i -> shortPath(BARE)); // warm-up of the bare path
		for (int round = 0; round < COMPARE_ROUNDS; round++) {
			measureRound(BARE, bare, bareCpu);
			measureRound("productOpsLoop", ours, oursCpu);
			System.out.printf("%s: round %d: loop %.1f cases/s (%.0f CPU ms per case), bare %.1f cases/s (%.0f)%n",
					this.database, round + 1, ours.get(round), oursCpu.get(round), bare.get(round), bareCpu.get(round));
		}
		return String.format("| %s | %s | %s | %.2f | %s | %s | %.2f |", this.database, Throughput.rounds(ours),
				Throughput.rounds(bare), Throughput.medianRatio(ours, bare), Throughput.rounds(oursCpu),
				Throughput.rounds(bareCpu), Throughput.medianRatio(bareCpu, oursCpu));
	}

	/**
	 * One round of a process's short path: its cases per second, and the application's
	 * CPU time per case (user and system, from /proc) until the notification jobs the
	 * round added have run. On a shared machine the CPU time varies far less than the
	 * time on the clock: it is what the case costs the node, whatever else runs.
	 */
	private void measureRound(String process, List<Double> perSecond, List<Double> cpuPerCase) throws Exception {
		long cpuBefore = cpuMillis();
		long start = System.nanoTime();
		double requests = Throughput.measure(4, COMPARE_CASES, i -> shortPath(process));
		while (expect("GET", "/engine-rest/job/count?messages=true", "admin", null).get("count").asLong() > 0) {
			Thread.sleep(100);
		}
		// a case is done when its notifications are out: cases per second until then
		perSecond.add(COMPARE_CASES / ((System.nanoTime() - start) / 1e9));
		System.out.printf("  %s: %.1f cases/s of requests alone%n", process, requests);
		cpuPerCase.add((cpuMillis() - cpuBefore) / (double) COMPARE_CASES);
	}

	/**
	 * The application process's CPU time so far (utime + stime of /proc/pid/stat, in
	 * clock ticks of 10 ms).
	 */
	private long cpuMillis() throws Exception {
		String stat = Files.readString(Path.of("/proc", String.valueOf(this.node.pid()), "stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
	}

	/**
	 * Start, triage ACCEPT, decision WON'T DO: two user tasks, as the people would do
	 * them.
	 */
	private void shortPath(String process) {
		String instance = start("olivia", process);
		work(instance, "priya", TRIAGE);
		work(instance, "dana", WONT_DO);
	}

	private static final Map<String, Object> WONT_DO = variables("pmDecision", "WONT_DO", "decisionRationale",
			"Too few couriers have it to move the roadmap");

	/**
	 * The bare process, deployed by the admin; ops may start it (the tasks' candidate
	 * groups give the rest).
	 */
	private void deployBareProcess() throws Exception {
		String bpmn = Bpmn.convertToString(Bpmn.createExecutableProcess(BARE)
			.camundaHistoryTimeToLive(180)
			.startEvent()
			.userTask("triage")
			.camundaCandidateGroups("product-ops")
			.userTask("decide")
			.camundaCandidateGroups("pm-dispatch")
			.endEvent()
			.done());
		String boundary = "----bench" + System.nanoTime();
		String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nbench\r\n"
				+ "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"" + BARE
				+ ".bpmn\"\r\nContent-Type: application/xml\r\n\r\n" + bpmn + "\r\n--" + boundary + "--\r\n";
		var response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(this.node.url() + "/engine-rest/deployment/create"))
				.header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:demo".getBytes()))
				.header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(
					"Deploying the bare process: " + response.statusCode() + " " + response.body());
		}
		expect("POST", "/engine-rest/authorization/create", "admin", Map.of("type", 1, "permissions",
				List.of("CREATE_INSTANCE", "READ"), "groupId", "ops", "resourceType", 6, "resourceId", BARE));
	}

	// --- latency under concurrent users
	// ----------------------------------------------------------------------------

	/**
	 * Rows of the latency table: 50 users for a while on the given process, each request
	 * timed.
	 */
	private List<String> latency(String process) throws Exception {
		Map<String, List<Long>> timings = new ConcurrentHashMap<>();
		Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
		OPERATIONS.forEach(operation -> {
			timings.put(operation, Collections.synchronizedList(new ArrayList<>()));
			errors.put(operation, new AtomicLong());
		});
		BlockingQueue<String> toTriage = new LinkedBlockingQueue<>();
		BlockingQueue<String> toDecide = new LinkedBlockingQueue<>();
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(LATENCY_SECONDS);
		ExecutorService users = Executors.newFixedThreadPool(USERS);
		List<Future<?>> running = new ArrayList<>();
		for (int u = 0; u < USERS; u++) {
			int user = u;
			running.add(users.submit(() -> {
				while (System.nanoTime() < end) {
					if (user < USERS / 5) {
						think();
						String instance = timed("start", timings, errors,
								() -> start(user % 2 == 0 ? "olivia" : "otto", process));
						if (instance != null) {
							toTriage.add(instance);
						}
					}
					else if (user < USERS * 3 / 5) {
						workFromQueue("priya", "product-ops", toTriage, toDecide, TRIAGE, timings, errors);
					}
					else {
						workFromQueue("dana", "pm-dispatch", toDecide, null, DECISION, timings, errors);
					}
				}
				return null;
			}));
		}
		for (Future<?> user : running) {
			user.get(LATENCY_SECONDS + 600, TimeUnit.SECONDS);
		}
		users.shutdown();
		List<String> rows = new ArrayList<>();
		for (String operation : OPERATIONS) {
			long[] sorted = timings.get(operation).stream().mapToLong(Long::longValue).sorted().toArray();
			rows.add(String.format("| %s | %s | %s | %d | %d | %d | %d | %d | %d |", this.database,
					BARE.equals(process) ? "bare BPMN" : "Product Ops loop", operation, sorted.length,
					percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99),
					(sorted.length == 0) ? 0 : sorted[sorted.length - 1], errors.get(operation).get()));
			System.out.println(rows.get(rows.size() - 1));
		}
		return rows;
	}

	/**
	 * One round of a triager or PM: look at the task list, take the next case of the
	 * team's queue, claim, complete.
	 */
	private void workFromQueue(String user, String group, BlockingQueue<String> queue, BlockingQueue<String> nextQueue,
			Map<String, Object> variables, Map<String, List<Long>> timings, Map<String, AtomicLong> errors)
			throws InterruptedException {
		think();
		timed("task list", timings, errors, () -> expect("GET",
				"/engine-rest/task?candidateGroup=" + group + "&maxResults=15&sortBy=created" + "&sortOrder=desc", user,
				null));
		String instance = queue.poll(1, TimeUnit.SECONDS);
		if (instance == null) {
			return;
		}
		think();
		JsonNode tasks = timed("task list", timings, errors,
				() -> expect("GET", "/engine-rest/task?processInstanceId=" + instance, user, null));
		if (tasks == null || tasks.isEmpty()) {
			return;
		}
		String task = tasks.get(0).get("id").asText();
		think();
		timed("claim", timings, errors,
				() -> expect("POST", "/engine-rest/task/" + task + "/claim", user, Map.of("userId", user)));
		think();
		JsonNode done = timed("complete", timings, errors,
				() -> expect("POST", "/engine-rest/task/" + task + "/complete", user, Map.of("variables", variables)));
		if (done != null && nextQueue != null) {
			nextQueue.add(instance);
		}
	}

	interface Call<T> {

		T call();

	}

	private static <T> T timed(String operation, Map<String, List<Long>> timings, Map<String, AtomicLong> errors,
			Call<T> call) {
		long start = System.nanoTime();
		try {
			T result = call.call();
			timings.get(operation).add((System.nanoTime() - start) / 1_000_000);
			return result;
		}
		catch (RuntimeException ex) {
			errors.get(operation).incrementAndGet();
			System.out.println(operation + " failed: " + ex.getMessage());
			return null;
		}
	}

	/**
	 * A person reads and types between two clicks; here 0.5 to 1.5 s, faster than most.
	 */
	private static void think() throws InterruptedException {
		Thread.sleep(ThreadLocalRandom.current().nextLong(500, 1500));
	}

	private static long percentile(long[] sorted, int percent) {
		if (sorted.length == 0) {
			return 0;
		}
		return sorted[(int) Math.min(sorted.length - 1, Math.ceil(percent / 100.0 * sorted.length) - 1)];
	}

	// --- helpers
	// ---------------------------------------------------------------------------------------------------

	/** Resident memory of the application's process, from /proc (Linux). */
	private long rssMiB() throws Exception {
		return Files.readAllLines(Path.of("/proc", String.valueOf(this.node.pid()), "status"))
			.stream()
			.filter(line -> line.startsWith("VmRSS:"))
			.map(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024)
			.findFirst()
			.orElseThrow();
	}

}
