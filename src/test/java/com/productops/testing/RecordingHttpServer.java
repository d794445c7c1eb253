package com.productops.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on a free local port that stands in for GitHub, Jira or Prometheus:
 * it answers with scripted responses (first in, first out; then a fallback) and records
 * every request it got, headers and body included.
 */
public final class RecordingHttpServer implements AutoCloseable {

	public record Response(int status, String body, Duration delay) {
	}

	public record Request(String method, String pathAndQuery, Map<String, String> headers, String body,
			Instant receivedAt) {

		public String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

	}

	private final HttpServer server;

	private final ConcurrentLinkedDeque<Response> script = new ConcurrentLinkedDeque<>();

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private volatile Response fallback = new Response(404, "{\"message\":\"Not Found\"}", Duration.ZERO);

	public RecordingHttpServer() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	public String url() {
		return "http://localhost:" + this.server.getAddress().getPort();
	}

	/** The next request gets this answer. */
	public RecordingHttpServer enqueue(int status, String body) {
		this.script.add(new Response(status, body, Duration.ZERO));
		return this;
	}

	/** The next request gets its answer only after the delay (for time-outs). */
	public RecordingHttpServer enqueueSlow(Duration delay, int status, String body) {
		this.script.add(new Response(status, body, delay));
		return this;
	}

	/** What every request gets once the script is used up. */
	public RecordingHttpServer otherwise(int status, String body) {
		this.fallback = new Response(status, body, Duration.ZERO);
		return this;
	}

	public List<Request> requests() {
		return List.copyOf(this.requests);
	}

	public Request lastRequest() {
		if (this.requests.isEmpty()) {
			throw new AssertionError("no request arrived at " + url());
		}
		return this.requests.get(this.requests.size() - 1);
	}

	/** Forgets the requests and the script (between tests). */
	public void reset() {
		this.requests.clear();
		this.script.clear();
		this.fallback = new Response(404, "{\"message\":\"Not Found\"}", Duration.ZERO);
	}

	private void handle(HttpExchange exchange) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		Map<String, String> headers = exchange.getRequestHeaders()
			.entrySet()
			.stream()
			.collect(Collectors.toMap(e -> e.getKey().toLowerCase(Locale.ROOT), e -> e.getValue().get(0), (a, b) -> a));
		String query = exchange.getRequestURI().getRawQuery();
		this.requests.add(new Request(exchange.getRequestMethod(),
				exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query), headers, body,
				Instant.now()));
		Response response = this.script.isEmpty() ? this.fallback : this.script.poll();
		if (response == null) {
			response = this.fallback;
		}
		try {
			Thread.sleep(response.delay().toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		try {
			exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
		catch (IOException ex) {
			// the client gave up (time-out tests)
		}
		finally {
			exchange.close();
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/** Reads a query parameter value (URL-decoded) of a recorded request. */
	public static String queryParameter(Request request, String name) {
		String query = request.pathAndQuery().contains("?")
				? request.pathAndQuery().substring(request.pathAndQuery().indexOf('?') + 1) : "";
		List<String> values = new ArrayList<>();
		for (String pair : query.split("&")) {
			int eq = pair.indexOf('=');
			if (eq > 0 && pair.substring(0, eq).equals(name)) {
				values.add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
		}
		return values.isEmpty() ? null : values.get(0);
	}

}
