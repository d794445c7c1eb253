package com.productops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.productops.testing.AppNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * No acknowledged step is ever lost, and no report is filed twice, however the
 * application dies. The packaged application runs as a process of its own (on the
 * embedded H2 file database, and on PostgreSQL); four clients file reports (POST
 * /api/reports with an Idempotency-Key, retried with the same key until answered) and
 * drive them through triage and decision while the process is killed with kill -9 and
 * restarted, ten times. The kills follow progress, not the clock: after each start the
 * clients get a few steps acknowledged, then the kill comes at a random moment of a short
 * window, so a slow machine (a long start, a cold JVM) gets the same test as a fast one.
 * Then: every acknowledged case and task completion is there, no report was filed twice,
 * every open case has exactly one open task or a job that moves it on, and every closed
 * case reached an end event.
 */
class CrashSafetyIT {

	/** More for a longer hunt: mvn verify -Dcrash.kills=50 -Dit.test=CrashSafetyIT. */
	private static final int KILLS = Integer.getInteger("crash.kills", 10);

	private static final int CLIENTS = 4;

	/**
	 * After each start the clients get this many steps (filed reports and task
	 * completions, at least one report) acknowledged before the next kill: a kill hits a
	 * node that is doing work, however long it took to start and warm up on this machine.
	 */
	private static final int STEPS_BETWEEN_KILLS = 4;

	/**
	 * Then the kill comes at a random moment within this window, often in the middle of
	 * requests.
	 */
	private static final int KILL_WINDOW_MILLIS = 2000;

	/**
	 * Only a hang takes this long: a node that makes no progress for this long after a
	 * start fails the test.
	 */
	private static final Duration NO_PROGRESS_LIMIT = Duration.ofMinutes(4);

	/**
	 * The whole test may take this long per kill (it takes 15-40 s): a generous bound
	 * that only a hang reaches.
	 */
	private static final Duration TIME_PER_KILL = Duration.ofMinutes(2);

	private AppNode node;

	@AfterEach
	void stop() {
		if (this.node != null) {
			this.node.stop();
		}
	}

	@Test
	void embeddedH2FileDatabase() throws Exception {
		Path data = Path.of("target", "crash", "h2-data").toAbsolutePath();
		FileSystemUtils.deleteRecursively(data);
		survivesKills("h2", List.of("--productops.data-dir=" + data), Map.of());
	}

	@Test
	void postgres() throws Exception {
		String url = System.getenv("PRODUCTOPS_CRASH_DB_URL");
		assumeTrue(url != null, "PRODUCTOPS_CRASH_DB_URL is not set (src/test/run-all.sh sets it)");
		survivesKills("postgres",
				List.of("--spring.profiles.active=postgres",
						"--productops.data-dir=" + Path.of("target", "crash", "pg-data").toAbsolutePath()),
				Map.of("PRODUCTOPS_DB_URL", url));
	}

	private void survivesKills(String name, List<String> arguments, Map<String, String> environment) throws Exception {
		List<String> all = new ArrayList<>(arguments);
		all.addAll(List.of("--productops.time-zone=UTC", "--productops.notifications.enabled=false"));
		this.node = new AppNode("crash-" + name, AppNode.packagedJar(),
				Path.of("target", "crash", name).toAbsolutePath(), all, environment);
		Instant began = Instant.now();
		Instant deadline = began.plus(TIME_PER_KILL.multipliedBy(KILLS + 1));
		this.node.start();

		// title -> case number, as acknowledged
		Map<String, String> filedCases = new ConcurrentHashMap<>();
		// task ids whose completion was acknowledged
		Set<String> completedTasks = ConcurrentHashMap.newKeySet();
		// filed reports and task completions
		AtomicInteger acknowledged = new AtomicInteger();
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicInteger unanswered = new AtomicInteger();
		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
		List<Future<?>> work = new ArrayList<>();
		for (int c = 0; c < CLIENTS; c++) {
			int client = c;
			work.add(clients.submit(() -> {
				for (int n = 0; running.get(); n++) {
					String title = "Crash " + name + " case " + client + "-" + n;
					JsonNode filed = file(title, name + "-" + client + "-" + n, running, unanswered);
					if (filed == null) {
						return null;
					}
					if (!filed.path("caseNumber").isTextual() || !filed.path("processInstanceId").isTextual()) {
						throw new AssertionError("An answer to filing '" + title + "' names no case: " + filed);
					}
					filedCases.put(title, filed.get("caseNumber").asText());
					acknowledged.incrementAndGet();
					drive(filed.get("processInstanceId").asText(), n % 2 == 0, completedTasks, acknowledged, running,
							unanswered);
				}
				return null;
			}));
		}

		Random random = new Random(42);
		List<Long> restartMillis = new ArrayList<>();
		List<Long> progressMillis = new ArrayList<>();
		try {
			for (int kill = 1; kill <= KILLS + 1; kill++) {
				Instant ready = Instant.now();
				awaitProgress(acknowledged.get() + STEPS_BETWEEN_KILLS, acknowledged, filedCases.size() + 1, filedCases,
						work, deadline);
				progressMillis.add(Duration.between(ready, Instant.now()).toMillis());
				if (kill > KILLS) {
					break; // the last start did work too: stop the clients and look at
							// what is stored
				}
				Thread.sleep(random.nextInt(KILL_WINDOW_MILLIS));
				this.node.kill();
				System.out.printf(
						"CrashSafetyIT %s: kill -9 number %d; %d cases and %d task completions acknowledged%n", name,
						kill, filedCases.size(), completedTasks.size());
				Instant killed = Instant.now();
				if (kill == KILLS / 2) {
					// once, also while it starts: in the middle of the recovery of the
					// database the last kill left
					this.node.launch();
					Thread.sleep(2000 + random.nextInt(4000));
					this.node.kill();
					System.out.printf("CrashSafetyIT %s: kill -9 during the start after kill number %d%n", name, kill);
				}
				this.node.start();
				restartMillis.add(Duration.between(killed, Instant.now()).toMillis());
			}
		}
		catch (Exception | AssertionError failure) {
			// the clients stop waiting for a node that will not come back
			clients.shutdownNow();
			throw failure;
		}
		finally {
			running.set(false);
		}
		for (Future<?> future : work) {
			future.get(5, TimeUnit.MINUTES);
		}
		clients.shutdown();

		verify(name, filedCases, completedTasks, unanswered.get());
		System.out.printf(
				"CrashSafetyIT %s: %d s in all; restart until ready: median %d ms, max %d ms; "
						+ "%d acknowledged steps with a filed report after a start: median %d ms, max %d ms%n",
				name, Duration.between(began, Instant.now()).toSeconds(), median(restartMillis),
				Collections.max(restartMillis), STEPS_BETWEEN_KILLS, median(progressMillis),
				Collections.max(progressMillis));
	}

	/**
	 * Waits until the clients have this many steps acknowledged, among them this many
	 * filed reports. Fails at once when a client failed, when the node makes no progress
	 * for NO_PROGRESS_LIMIT (a hang, not a slow machine), and at the deadline of the
	 * whole test.
	 */
	private void awaitProgress(int steps, AtomicInteger acknowledged, int reports, Map<String, String> filedCases,
			List<Future<?>> clients, Instant deadline) throws Exception {
		int last = acknowledged.get();
		Instant lastProgress = Instant.now();
		while (acknowledged.get() < steps || filedCases.size() < reports) {
			for (Future<?> client : clients) {
				if (client.isDone()) {
					client.get(); // throws what the client found
					throw new AssertionError("a client stopped early");
				}
			}
			if (acknowledged.get() > last) {
				last = acknowledged.get();
				lastProgress = Instant.now();
			}
			else if (Duration.between(lastProgress, Instant.now()).compareTo(NO_PROGRESS_LIMIT) > 0) {
				throw new AssertionError("no step acknowledged for " + NO_PROGRESS_LIMIT + " (" + last + " so far):\n"
						+ this.node.tail());
			}
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError("the test took longer than " + TIME_PER_KILL.multipliedBy(KILLS + 1));
			}
			Thread.sleep(50);
		}
	}

	private static long median(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		return sorted.get(sorted.size() / 2);
	}

	/** Files the report; after no answer, the same request with the same key again. */
	private JsonNode file(String title, String key, AtomicBoolean running, AtomicInteger unanswered) throws Exception {
		Map<String, Object> report = new LinkedHashMap<>();
		report.put("title", title);
		report.put("area", "DISPATCH");
		report.put("description", "Filed while the application is being killed");
		report.put("frequency", "DAILY");
		report.put("peopleAffectedPerWeek", 10);
		report.put("hoursLostPerWeek", 1);
		report.put("urgency", "MEDIUM");
		while (true) {
			AppNode.Answer answer = this.node.exchange("POST", "/api/reports", "olivia", report,
					Map.of("Idempotency-Key", key));
			if (answer != null && answer.ok()) {
				return answer.body();
			}
			unanswered.incrementAndGet();
			if (!running.get()) {
				return null; // not acknowledged: not claimed
			}
			Thread.sleep(200);
		}
	}

	/**
	 * Triage (accept), then the decision: won't do (the case ends) or build (it waits for
	 * shipping). The step comes from the task the case waits at: a completion whose
	 * answer the kill cut off shows as the next task.
	 */
	private void drive(String instance, boolean wontDo, Set<String> completedTasks, AtomicInteger acknowledged,
			AtomicBoolean running, AtomicInteger unanswered) throws Exception {
		while (running.get()) {
			AppNode.Answer answer = this.node.exchange("GET", "/engine-rest/task?processInstanceId=" + instance,
					"admin", null, Map.of());
			if (answer == null || !answer.ok()) {
				// no answer, or refused while it starts or dies: look again
				unanswered.incrementAndGet();
				Thread.sleep(200);
				continue;
			}
			JsonNode tasks = answer.body();
			String step = tasks.path(0).path("taskDefinitionKey").asText();
			if (tasks.size() != 1 || !List.of("Task_TriageReport", "Task_DecideOnReport").contains(step)) {
				return; // decided (the case ended or waits for shipping); anything else
						// is for verify() to report
			}
			boolean triage = "Task_TriageReport".equals(step);
			Map<String, Object> variables = triage ? Map.of("triageOutcome", Map.of("value", "ACCEPT")) : wontDo
					? Map.of("pmDecision", Map.of("value", "WONT_DO"), "decisionRationale", Map.of("value", "Not now"))
					: Map.of("pmDecision", Map.of("value", "BUILD"), "decisionRationale", Map.of("value", "Do it"),
							"successMetric", Map.of("value", "Tickets"), "metricDirection", Map.of("value", "DECREASE"),
							"baselineValue", Map.of("value", 10), "targetValue", Map.of("value", 5),
							"verificationWindow", Map.of("value", "P14D"));
			String taskId = tasks.get(0).get("id").asText();
			AppNode.Answer done = this.node.exchange("POST", "/engine-rest/task/" + taskId + "/complete",
					triage ? "priya" : "dana", Map.of("variables", variables), Map.of());
			if (done != null && done.status() == 204) {
				completedTasks.add(taskId);
				acknowledged.incrementAndGet();
			}
			else {
				unanswered.incrementAndGet();
			}
		}
	}

	private void verify(String name, Map<String, String> filedCases, Set<String> completedTasks, int unanswered) {
		JsonNode historic = read(
				"/engine-rest/history/process-instance?processDefinitionKey=productOpsLoop&maxResults=2000");
		Map<String, String> stateByCase = new HashMap<>();
		historic.forEach(i -> stateByCase.put(i.get("businessKey").asText(), i.get("state").asText()));

		// every acknowledged report is there, and no report was filed twice
		assertThat(stateByCase.keySet()).containsAll(filedCases.values());
		JsonNode titles = read("/engine-rest/history/variable-instance?processDefinitionKey="
				+ "productOpsLoop&variableName=title&maxResults=2000");
		Map<String, Integer> casesPerTitle = new HashMap<>();
		titles.forEach(t -> casesPerTitle.merge(t.get("value").asText(), 1, Integer::sum));
		assertThat(casesPerTitle.values()).allMatch(count -> count == 1);
		assertThat(casesPerTitle).hasSameSizeAs(stateByCase);

		// every acknowledged task completion is in the history
		for (String taskId : completedTasks) {
			JsonNode task = read("/engine-rest/history/task?taskId=" + taskId);
			assertThat(task).as("completed task %s", taskId).hasSize(1);
			assertThat(task.get(0).get("endTime").isNull()).as("task %s has ended", taskId).isFalse();
		}

		// every open case waits at exactly one task, or has a job that moves it on; every
		// closed one has ended
		int open = 0;
		for (Map.Entry<String, String> entry : stateByCase.entrySet()) {
			JsonNode instance = read(
					"/engine-rest/history/process-instance?processInstanceBusinessKey=" + entry.getKey())
				.get(0);
			String id = instance.get("id").asText();
			if ("ACTIVE".equals(entry.getValue())) {
				open++;
				int tasks = read("/engine-rest/task?processInstanceId=" + id).size();
				int jobs = read("/engine-rest/job?processInstanceId=" + id).size();
				assertThat(tasks).as("open tasks of %s", entry.getKey()).isLessThanOrEqualTo(1);
				assertThat(tasks + jobs).as("%s waits at a task or a job", entry.getKey()).isPositive();
			}
			else {
				assertThat(entry.getValue()).isEqualTo("COMPLETED");
				JsonNode ends = read("/engine-rest/history/activity-instance?processInstanceId=" + id
						+ "&activityType=noneEndEvent");
				assertThat(ends).as("%s ended at one end event", entry.getKey()).hasSize(1);
			}
		}
		System.out.printf(
				"CrashSafetyIT %s: %d kill -9, %d cases filed and acknowledged (%d in the database, %d open), "
						+ "%d task completions acknowledged, %d requests unanswered or refused during the kills: "
						+ "nothing lost, " + "nothing doubled%n",
				name, KILLS, filedCases.size(), stateByCase.size(), open, completedTasks.size(), unanswered);
	}

	/**
	 * A read of what is stored, after the kills: the node is up, so no answer or an error
	 * answer fails the test with what the node said (an empty list would read as "nothing
	 * there").
	 */
	private JsonNode read(String path) {
		AppNode.Answer answer = this.node.exchange("GET", path, "admin", null, Map.of());
		if (answer == null || !answer.ok() || !answer.body().isArray()) {
			throw new AssertionError("GET " + path + " answered "
					+ ((answer == null) ? "nothing" : answer.status() + " " + answer.body()));
		}
		return answer.body();
	}

}
