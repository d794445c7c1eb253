package com.productops.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Answers input the engine refused (see security/LoopBoundary) with 400 and the problems
 * as the form names them, and a body the REST API could not parse with 400 in the same
 * JSON shape. It checks nothing itself and reads no request body: the rules run inside
 * the engine, for every door.
 */
class RefusedInputResponses extends OncePerRequestFilter {

	private final ObjectMapper json;

	RefusedInputResponses(ObjectMapper json) {
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		// the methods that send or remove input (removing what every case has is refused)
		return !List.of("POST", "PUT", "DELETE").contains(request.getMethod());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
		try {
			chain.doFilter(request, buffered);
		}
		finally {
			String message = plainMessage(request, buffered);
			if (message != null && !response.isCommitted()) {
				// the engine's answer stays in the buffer; the client gets this one
				// instead
				buffered.resetBuffer();
				response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
				response.setContentType("application/json");
				response.setCharacterEncoding("UTF-8");
				byte[] body = this.json
					.writeValueAsBytes(Map.of("type", "InvalidRequestException", "message", message));
				response.setContentLength(body.length);
				response.getOutputStream().write(body);
			}
			else {
				buffered.copyBodyToResponse();
			}
		}
	}

	/**
	 * The message to answer with instead of the engine's, or null to pass the engine's
	 * answer on.
	 */
	private String plainMessage(HttpServletRequest request, ContentCachingResponseWrapper engine) {
		List<String> problems = RefusedInput.of(request);
		if (problems != null) {
			return String.join("; ", problems);
		}
		if (isUnparsableJson(engine)) {
			// the REST API answers a body it cannot parse in plain text, with parser
			// internals
			String parser = new String(engine.getContentAsByteArray(), StandardCharsets.UTF_8).lines()
				.findFirst()
				.orElse("")
				.replaceAll(" \\(code \\d+\\)", "");
			return "The request body is not valid JSON: " + parser;
		}
		if (isWordless400(engine)) {
			// the same, when the REST API's own mapper of parse errors answers (Jersey
			// picks one of the two)
			return "The request body is not valid JSON";
		}
		return null;
	}

	private boolean isWordless400(ContentCachingResponseWrapper response) {
		if (response.getStatus() != HttpServletResponse.SC_BAD_REQUEST || response.getContentType() == null
				|| !response.getContentType().startsWith("application/json")) {
			return false;
		}
		try {
			return this.json.readTree(response.getContentAsByteArray()).path("message").asText("").isBlank();
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static boolean isUnparsableJson(ContentCachingResponseWrapper response) {
		return response.getStatus() == HttpServletResponse.SC_BAD_REQUEST && response.getContentType() != null
				&& response.getContentType().startsWith("text/plain");
	}

}
