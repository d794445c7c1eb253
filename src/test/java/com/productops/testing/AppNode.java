package com.productops.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The packaged application (the jar Maven built) as a process of its own, as it runs in
 * production: started with arguments and environment, ready when its readiness probe says
 * so, killed with SIGKILL like kill -9. Its output goes to a log file that survives
 * restarts. For the tests that need real processes (ClusterIT, CrashSafetyIT).
 */
public final class AppNode {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final String name;

	private final Path jar;

	private final List<String> arguments;

	private final Map<String, String> environment;

	private final Path log;

	private final int port;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private volatile Process process;

	public AppNode(String name, Path jar, Path dir, List<String> arguments, Map<String, String> environment)
			throws IOException {
		this.name = name;
		this.jar = jar;
		this.arguments = arguments;
		this.environment = environment;
		Files.createDirectories(dir);
		this.log = dir.resolve("node.log");
		Files.deleteIfExists(this.log);
		this.port = freePort();
	}

	/** The jar Maven packaged (failsafe passes its path). */
	public static Path packagedJar() {
		Path jar = Path.of(System.getProperty("productops.jar", "target/product-ops-loop.jar"));
		if (!Files.exists(jar)) {
			throw new IllegalStateException("No packaged application at " + jar + " (run mvn verify)");
		}
		return jar;
	}

	public String name() {
		return this.name;
	}

	public String url() {
		return "http://localhost:" + this.port;
	}

	public boolean alive() {
		return this.process != null && this.process.isAlive();
	}

	public long pid() {
		return this.process.pid();
	}

	/**
	 * Starts the process and waits until it is ready; the log is appended to across
	 * restarts.
	 */
	public AppNode start() throws Exception {
		launch();
		Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.name + " stopped:\n" + tail());
			}
			try {
				HttpResponse<String> ready = this.http.send(
						HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness")).build(),
						HttpResponse.BodyHandlers.ofString());
				if (ready.statusCode() == 200) {
					return this;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(300);
		}
		throw new IllegalStateException(this.name + " did not get ready:\n" + tail());
	}

	/** Starts the process without waiting for it (to kill it while it starts). */
	public void launch() throws IOException {
		List<String> command = new ArrayList<>(
				List.of("java", "-Xmx384m", "-jar", this.jar.toString(), "--server.port=" + this.port));
		command.addAll(this.arguments);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()));
		builder.environment().putAll(this.environment);
		this.process = builder.start();
	}

	/** SIGKILL, as kill -9: no shutdown hook runs, nothing is flushed or closed. */
	public void kill() throws Exception {
		new ProcessBuilder("kill", "-9", String.valueOf(this.process.pid())).start().waitFor();
		this.process.waitFor(10, TimeUnit.SECONDS);
		Files.writeString(this.log, "\n===== killed with kill -9 at " + Instant.now() + " =====\n",
				StandardOpenOption.APPEND);
	}

	public void stop() {
		if (this.process != null) {
			this.process.destroyForcibly();
		}
	}

	/**
	 * SIGTERM, as an orderly shutdown: running jobs (a mail being sent) finish first;
	 * SIGKILL after a minute.
	 */
	public void shutdown() throws InterruptedException {
		if (this.process != null) {
			this.process.destroy();
			if (!this.process.waitFor(1, TimeUnit.MINUTES)) {
				this.process.destroyForcibly();
			}
		}
	}

	/** An HTTP answer: its status and JSON body ({} when empty or not JSON). */
	public record Answer(int status, JsonNode body) {

		public boolean ok() {
			return this.status / 100 == 2;
		}

	}

	/**
	 * Calls the node's REST API as the user (password "demo"); null when the node did not
	 * answer (refused, timed out, or the connection was cut: the caller looks again).
	 */
	public Answer exchange(String method, String path, String user, Object body, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "application/json");
		headers.forEach(request::header);
		try {
			request.method(method, (body == null) ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			JsonNode json;
			try {
				json = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
			}
			catch (IOException ex) {
				json = JSON.createObjectNode();
			}
			return new Answer(response.statusCode(), json);
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/** The answer's JSON, {} for an error answer, null when the node did not answer. */
	public JsonNode call(String method, String path, String user, Object body, Map<String, String> headers) {
		Answer answer = exchange(method, path, user, body, headers);
		return (answer == null) ? null : answer.ok() ? answer.body() : JSON.createObjectNode();
	}

	public JsonNode call(String method, String path, String user, Object body) {
		return call(method, path, user, body, Map.of());
	}

	public String tail() throws IOException {
		List<String> lines = Files.readAllLines(this.log);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
	}

	/** Values in the engine REST API's form: {"name": {"value": v}}. */
	public static Map<String, Object> variables(Object... namesAndValues) {
		Map<String, Object> variables = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			variables.put((String) namesAndValues[i], Map.of("value", namesAndValues[i + 1]));
		}
		return variables;
	}

	public static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
