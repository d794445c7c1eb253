package com.productops.web;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * The one error model of the application's own endpoints (/api): RFC 9457 problem details
 * ({@code application/problem+json}: type, title, status, detail). Two members of our
 * own: {@code message}, the detail under the name the engine's REST API gives it, so that
 * a client reads both APIs' errors the same way, and {@code problems}, every problem of
 * refused input, each in the words of the form.
 */
public final class ApiErrors {

	/** Where our own problem types live (a name, not a page). */
	public static final String PROBLEM_TYPES = "https://productops.example/problems/";

	private static final ObjectMapper JSON = new ObjectMapper();

	private ApiErrors() {
	}

	public static ResponseEntity<ProblemDetail> of(HttpStatus status, String detail) {
		return respond(problem(status, detail));
	}

	/**
	 * A problem of a type of our own (PROBLEM_TYPES + type), for clients that act on it.
	 */
	public static ResponseEntity<ProblemDetail> of(HttpStatus status, String type, String title, String detail) {
		ProblemDetail problem = problem(status, detail);
		problem.setType(URI.create(PROBLEM_TYPES + type));
		problem.setTitle(title);
		return respond(problem);
	}

	/** Input refused: every problem, and all of them as the detail. */
	public static ResponseEntity<ProblemDetail> refused(List<String> problems) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, String.join("; ", problems));
		problem.setProperty("problems", problems);
		return respond(problem);
	}

	/** The same body, written by a servlet filter (before any controller). */
	public static void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
		ProblemDetail problem = problem(status, detail);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", problem.getType().toString());
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		body.putAll(problem.getProperties());
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(JSON.writeValueAsString(body));
	}

	private static ProblemDetail problem(HttpStatus status, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setProperty("message", detail);
		return problem;
	}

	private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
