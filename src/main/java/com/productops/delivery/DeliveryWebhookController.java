package com.productops.delivery;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.productops.integration.Hmac;
import com.productops.web.ApiErrors;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Trackers tell us a ticket is done: {@code POST /api/webhooks/github} (event "issues",
 * action "closed" as completed) and {@code POST /api/webhooks/jira} (issue updated into
 * the "done" status category). The sender is trusted by the HMAC-SHA256 signature of the
 * raw body with the shared secret (GitHub: X-Hub-Signature-256, Jira: X-Hub-Signature); a
 * bad or missing signature gets 401. Everything else a tracker sends is answered 200
 * "ignored" so it does not retry.
 */
@RestController
class DeliveryWebhookController {

	/**
	 * Issue events are a few kilobytes; GitHub caps payloads at 25 MB, we need far less.
	 */
	static final int MAX_BODY = 1024 * 1024;

	private final DeliveryProperties properties;

	private final DeliveryShipments shipments;

	private final ObjectMapper json;

	DeliveryWebhookController(DeliveryProperties properties, DeliveryShipments shipments, ObjectMapper json) {
		this.properties = properties;
		this.shipments = shipments;
		this.json = json;
	}

	@PostMapping(path = "/api/webhooks/github", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> github(@RequestHeader(name = "X-GitHub-Event", required = false) String event,
			@RequestHeader(name = "X-Hub-Signature-256", required = false) String signature, HttpServletRequest request)
			throws IOException {
		String secret = this.properties.github().webhookSecret();
		if (secret.isBlank()) {
			return ApiErrors.of(HttpStatus.NOT_FOUND, "The GitHub webhook is not configured "
					+ "(productops.delivery.github.webhook-secret, PRODUCTOPS_GITHUB_WEBHOOK_SECRET)");
		}
		byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
		if (body.length > MAX_BODY) {
			return ApiErrors.of(HttpStatus.PAYLOAD_TOO_LARGE, "The body is larger than " + MAX_BODY + " bytes");
		}
		if (!Hmac.verify(signature, body, secret)) {
			return ApiErrors.of(HttpStatus.UNAUTHORIZED, "X-Hub-Signature-256 does not match the body");
		}
		JsonNode payload = parse(body);
		if (payload == null) {
			return ApiErrors.of(HttpStatus.BAD_REQUEST, "The body is not JSON");
		}
		if (!"issues".equals(event) || !"closed".equals(payload.path("action").asText())) {
			return answer(HttpStatus.OK, "ignored", "only closed issues matter (got event " + event + ", action "
					+ payload.path("action").asText("-") + ")");
		}
		String ref = payload.path("repository").path("full_name").asText() + "#"
				+ payload.path("issue").path("number").asText();
		// completed: the work is done; not_planned, duplicate: nothing shipped (GitHub
		// Enterprise Server versions
		// before state_reason send none: a close is a completion there)
		String reason = payload.path("issue").path("state_reason").asText("");
		if (!reason.isEmpty() && !"null".equals(reason) && !"completed".equals(reason)) {
			return notShipped(ref, "closed as " + reason.replace('_', ' ') + ": nothing shipped");
		}
		return shipped(ref, "GitHub issue closed");
	}

	@PostMapping(path = "/api/webhooks/jira", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> jira(@RequestHeader(name = "X-Hub-Signature", required = false) String signature,
			HttpServletRequest request) throws IOException {
		String secret = this.properties.jira().webhookSecret();
		if (secret.isBlank()) {
			return ApiErrors.of(HttpStatus.NOT_FOUND, "The Jira webhook is not configured "
					+ "(productops.delivery.jira.webhook-secret, PRODUCTOPS_JIRA_WEBHOOK_SECRET)");
		}
		byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
		if (body.length > MAX_BODY) {
			return ApiErrors.of(HttpStatus.PAYLOAD_TOO_LARGE, "The body is larger than " + MAX_BODY + " bytes");
		}
		if (!Hmac.verify(signature, body, secret)) {
			return ApiErrors.of(HttpStatus.UNAUTHORIZED, "X-Hub-Signature does not match the body");
		}
		JsonNode payload = parse(body);
		if (payload == null) {
			return ApiErrors.of(HttpStatus.BAD_REQUEST, "The body is not JSON");
		}
		String event = payload.path("webhookEvent").asText();
		String category = payload.path("issue")
			.path("fields")
			.path("status")
			.path("statusCategory")
			.path("key")
			.asText();
		if (!"jira:issue_updated".equals(event) || !"done".equals(category)) {
			return answer(HttpStatus.OK, "ignored", "only issues moved to done matter (got " + event
					+ ", status category " + (category.isEmpty() ? "-" : category) + ")");
		}
		String ref = payload.path("issue").path("key").asText();
		// Done with a resolution such as Won't Do, Duplicate or Cancelled: nothing
		// shipped
		String resolution = payload.path("issue").path("fields").path("resolution").path("name").asText("");
		if (!resolution.isBlank()
				&& this.properties.jira().shippedResolutions().stream().noneMatch(resolution::equalsIgnoreCase)) {
			return notShipped(ref, "resolved as " + resolution + ": nothing shipped");
		}
		return shipped(ref, "Jira issue done");
	}

	private ResponseEntity<Map<String, Object>> notShipped(String ref, String why) {
		DeliveryShipments.Result result = this.shipments.closedWithoutShipping(ref, "Ticket " + ref + " " + why);
		return (result.status() == DeliveryShipments.Status.UNKNOWN_TICKET)
				? answer(HttpStatus.OK, "ignored", "no open case has ticket " + ref)
				: answer(HttpStatus.OK, "ignored", why);
	}

	private ResponseEntity<Map<String, Object>> shipped(String ref, String how) {
		DeliveryShipments.Result result = this.shipments.shipped(ref, how);
		return switch (result.status()) {
			case SHIPPED -> answer(HttpStatus.OK, "shipped", result.caseNumber() + " is shipped; verification starts");
			case ALREADY_SHIPPED ->
				answer(HttpStatus.OK, "already-shipped", result.caseNumber() + " was shipped before");
			case NOT_SHIPPED -> answer(HttpStatus.OK, "ignored", result.caseNumber() + " keeps waiting");
			case UNKNOWN_TICKET -> answer(HttpStatus.OK, "ignored", "no open case has ticket " + ref);
		};
	}

	private JsonNode parse(byte[] body) {
		try {
			JsonNode node = this.json.readTree(body);
			return (node != null && node.isObject()) ? node : null;
		}
		catch (IOException ex) {
			return null;
		}
	}

	/**
	 * A delivery the tracker need not send again (errors are problem details, as
	 * everywhere in /api).
	 */
	private static ResponseEntity<Map<String, Object>> answer(HttpStatus status, String outcome, String message) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", outcome);
		body.put("message", message);
		return ResponseEntity.status(status).body(body);
	}

}
