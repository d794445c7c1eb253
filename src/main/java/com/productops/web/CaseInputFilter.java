package com.productops.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.productops.loop.CaseInputException;
import com.productops.loop.CaseVariables;
import com.productops.loop.ProductOpsLoop;
import com.productops.loop.StepInput;
import com.productops.loop.StepInput.CaseContext;
import com.productops.loop.StepInputs;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.Task;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks what a client submits to the loop before the engine sees it, and answers bad input with HTTP 400 and a
 * message. The engine's REST API would answer a refused start with 500, which reads like our fault; Tasklist shows the
 * 400 message next to the form. The same rules run again inside the engine, so nothing gets past them.
 *
 * <p>
 * Guards: starting {@code productOpsLoop} ({@code /process-definition/key/productOpsLoop/start|submit-form} and by id),
 * and completing one of its user tasks ({@code /task/{id}/complete|submit-form}). Any variable sent Java-serialized is
 * refused, wherever it is sent.
 */
class CaseInputFilter extends OncePerRequestFilter {

	// the same resources under /engine-rest (API clients) and /camunda/api/engine/engine/default (Tasklist)
	private static final Pattern START = Pattern
		.compile(".*/process-definition/(key/(?<key>[^/]+)|(?<id>[^/]+))/(start|submit-form)");

	private static final String TASKLIST_API = "/camunda/api/engine/";

	private static final Pattern COMPLETE = Pattern.compile(".*/task/(?<task>[^/]+)/(complete|submit-form)");

	private static final ObjectMapper CONTAINERS = new ObjectMapper();

	private static final String JAVA_SERIALIZATION = "application/x-java-serialized-object";

	private final StepInputs inputs;

	private final TaskService tasks;

	private final RepositoryService repository;

	private final IdentityService identity;

	private final ObjectMapper json;

	CaseInputFilter(StepInputs inputs, TaskService tasks, RepositoryService repository,
			IdentityService identity, ObjectMapper json) {
		this.inputs = inputs;
		this.tasks = tasks;
		this.repository = repository;
		this.identity = identity;
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod()) && !"PUT".equals(request.getMethod());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<Consumer<Map<String, Object>>> check = "PUT".equals(request.getMethod()) ? Optional.empty()
				: check(request.getRequestURI(), request.getRequestURI().contains(TASKLIST_API));
		if (check.isEmpty() && !carriesVariables(request)) {
			chain.doFilter(request, response);
			return;
		}
		byte[] body = request.getInputStream().readAllBytes();
		// parsed once, for both checks below
		JsonNode root = null;
		if (body.length > 0 && (check.isPresent() || isJson(request))) {
			try {
				root = this.json.readTree(body);
			}
			catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
				if (check.isPresent()) {
					reject(response, "The request body is not valid JSON: " + ex.getOriginalMessage());
					return;
				}
				// not a request of the loop: the engine answers it
			}
		}
		// the engine refuses Java-serialized variables too (javaSerializationFormatEnabled=false), but with a 500
		if (javaSerialized(request, body, root)) {
			reject(response, "Java-serialized variables (" + JAVA_SERIALIZATION + ") are not accepted; send JSON");
			return;
		}
		if (check.isEmpty()) {
			chain.doFilter(new CachedBodyRequest(request, body), response);
			return;
		}
		Map<String, Object> submitted = variables(root);
		try {
			check.get().accept(submitted);
		}
		catch (CaseInputException ex) {
			reject(response, ex.getMessage());
			return;
		}
		chain.doFilter(new CachedBodyRequest(request, body), response);
	}

	private Optional<Consumer<Map<String, Object>>> check(String path, boolean viaTasklist) {
		Matcher start = START.matcher(path);
		if (start.matches() && isLoop(start.group("key"), start.group("id"))) {
			StepInput intake = this.inputs.forStep(ProductOpsLoop.START_EVENT).orElseThrow();
			return Optional.of(submitted -> {
				// the reporter is the logged-in user (see RegisterCaseDelegate); Tasklist users are always logged in,
				// even where the webapp's login is not visible to this filter
				Authentication user = this.identity.getCurrentAuthentication();
				if (user != null && user.getUserId() != null) {
					submitted.put(CaseVariables.REPORTER, user.getUserId());
				}
				else if (viaTasklist) {
					submitted.putIfAbsent(CaseVariables.REPORTER, "(Tasklist user)");
				}
				intake.accept(submitted, new CaseContext(null, null));
			});
		}
		Matcher complete = COMPLETE.matcher(path);
		if (complete.matches()) {
			Task task = this.tasks.createTaskQuery().taskId(complete.group("task")).singleResult();
			if (task == null || task.getProcessDefinitionId() == null || !isLoop(null, task.getProcessDefinitionId())) {
				return Optional.empty();
			}
			return this.inputs.forStep(task.getTaskDefinitionKey()).map(input -> submitted -> {
				// read through the task: whoever may complete it may read its variables
				Map<String, Object> merged = new HashMap<>(this.tasks.getVariables(task.getId()));
				merged.putAll(submitted);
				input.accept(merged, new CaseContext(task.getProcessInstanceId(),
						(String) merged.get(CaseVariables.CASE_NUMBER)));
			});
		}
		return Optional.empty();
	}

	/**
	 * A JSON body that declares a Java-serialized value (valueInfo.serializationDataFormat), or a multipart upload
	 * (binary variable data) with a part of that type. A text that merely mentions the format is fine.
	 */
	private static boolean javaSerialized(HttpServletRequest request, byte[] body, JsonNode root) {
		if (request.getContentType() != null && request.getContentType().startsWith("multipart/")) {
			return new String(body, StandardCharsets.ISO_8859_1).contains(JAVA_SERIALIZATION);
		}
		return root != null && root.findValuesAsText("serializationDataFormat")
			.stream()
			.anyMatch(JAVA_SERIALIZATION::equalsIgnoreCase);
	}

	private static boolean isJson(HttpServletRequest request) {
		return request.getContentType() != null && request.getContentType().startsWith("application/json");
	}

	private static boolean carriesVariables(HttpServletRequest request) {
		return isJson(request) || (request.getContentType() != null && request.getContentType().startsWith("multipart/"));
	}

	private boolean isLoop(String key, String definitionId) {
		if (key != null) {
			return ProductOpsLoop.PROCESS_KEY.equals(key);
		}
		return this.repository.createProcessDefinitionQuery()
			.processDefinitionId(definitionId)
			.processDefinitionKey(ProductOpsLoop.PROCESS_KEY)
			.count() > 0;
	}

	/**
	 * The values of the engine's variable format: {"variables" (or "modifications"): {"name": {"value": ..., "type":
	 * ...}}}.
	 */
	private static Map<String, Object> variables(JsonNode root) {
		Map<String, Object> values = new HashMap<>();
		if (root == null) {
			return values;
		}
		JsonNode variables = root.has("modifications") ? root.path("modifications") : root.path("variables");
		variables.fields().forEachRemaining(entry -> values.put(entry.getKey(), value(entry.getValue())));
		return values;
	}

	/** A typed value as the engine will store it; a number sent with a text type stays text. */
	private static Object value(JsonNode typedValue) {
		JsonNode value = typedValue.path("value");
		boolean textType = "String".equalsIgnoreCase(typedValue.path("type").asText(""));
		if (value.isNumber() && !textType) {
			return value.numberValue();
		}
		if (value.isBoolean()) {
			return value.booleanValue();
		}
		if (value.isContainerNode()) {
			// lists and objects as such, so that the input rules refuse them where text or numbers belong
			return CONTAINERS.convertValue(value, Object.class);
		}
		return value.isTextual() || (value.isNumber() && textType) ? value.asText()
				: (value.isMissingNode() || value.isNull()) ? null : value.toString();
	}

	private void reject(HttpServletResponse response, String message) throws IOException {
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		response.setContentType("application/json");
		response.setCharacterEncoding("UTF-8");
		this.json.writeValue(response.getOutputStream(),
				Map.of("type", "InvalidRequestException", "message", message));
	}

	/** Hands the already read body on to the engine's REST API. */
	private static final class CachedBodyRequest extends HttpServletRequestWrapper {

		private final byte[] body;

		CachedBodyRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {
				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException();
				}

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return in.read(buffer, offset, length);
				}
			};
		}

		@Override
		public java.io.BufferedReader getReader() {
			return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
		}

	}

}
