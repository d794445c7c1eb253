package com.productops.verification;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.productops.input.CaseInputException;
import com.productops.input.SubmittedInput;
import com.productops.loop.BusinessClock;
import com.productops.loop.CaseData;
import com.productops.loop.CaseDirectory;
import com.productops.security.AccessRules;
import com.productops.security.ApiCaller;
import com.productops.web.ApiErrors;
import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Readings of a case's success metric: {@code POST /api/cases/{caseNumber}/metrics} with
 * {@code value}, optional {@code timestamp} (ISO-8601, default now) and {@code source};
 * {@code GET} lists them, the earliest measured first, a page at a time
 * ({@code firstResult}, default 0, and {@code maxResults}, default and at most
 * {@value #MAX_PAGE}, as Camunda's REST pages; {@code X-Total-Count} says how many there
 * are). Product Ops, admins, the metric feeds and the case's own PM group may post while
 * the case is open; leads may also read.
 */
@RestController
class MetricReadingsController {

	/** A feed that posts every minute leaves 43,200 readings in 30 days. */
	static final int MAX_PAGE = 1000;

	/** Clocks of other systems may run a little ahead. */
	private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

	/**
	 * Older readings say nothing about a change shipped now (and dates far off break date
	 * arithmetic).
	 */
	private static final Duration OLDEST_READING = Duration.ofDays(10 * 365);

	private static final List<String> RECORDERS = List.of(AccessRules.PRODUCT_OPS, AccessRules.ADMINS,
			AccessRules.METRIC_FEEDS);

	private final MetricReadings readings;

	private static final String NOT_A_RECORDER = "Only Product Ops, the metric feeds and the case's PM group may "
			+ "record " + "readings of a case";

	private final CaseDirectory cases;

	private final RuntimeService runtime;

	private final BusinessClock clock;

	MetricReadingsController(MetricReadings readings, CaseDirectory cases, RuntimeService runtime,
			BusinessClock clock) {
		this.clock = clock;
		this.readings = readings;
		this.cases = cases;
		this.runtime = runtime;
	}

	@PostMapping(path = "/api/cases/{caseNumber}/metrics", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> record(@PathVariable String caseNumber, @RequestBody(required = false) Map<String, Object> body,
			HttpServletRequest request) {
		ApiCaller caller = ApiCaller.of(request);
		// who may never record readings learns nothing about the case (whether it exists,
		// is open, or where it went)
		if (!caller.inAny(RECORDERS) && caller.groups().stream().noneMatch(AccessRules.PM_GROUPS::contains)) {
			return ApiErrors.of(HttpStatus.FORBIDDEN, NOT_A_RECORDER);
		}
		Optional<ProcessInstance> open = this.cases.findOpen(caseNumber);
		// a PM records readings of their own area's open cases, and learns nothing of
		// others (whether one exists, or is closed)
		if (!caller.inAny(RECORDERS) && !inCaseGroup(caller, open)) {
			return ApiErrors.of(HttpStatus.FORBIDDEN, NOT_A_RECORDER);
		}
		if (open.isEmpty()) {
			return this.cases.exists(caseNumber)
					? ApiErrors.of(HttpStatus.CONFLICT,
							caseNumber + " is closed; readings are taken while a case is open")
					: ApiErrors.of(HttpStatus.NOT_FOUND, "No case " + caseNumber);
		}
		MetricReadings.MetricReading reading = reading(body, caller.user());
		this.readings.add(caseNumber, reading);
		return ResponseEntity.status(HttpStatus.CREATED).body(json(caseNumber, reading));
	}

	@GetMapping("/api/cases/{caseNumber}/metrics")
	ResponseEntity<?> list(@PathVariable String caseNumber, @RequestParam(defaultValue = "0") long firstResult,
			@RequestParam(defaultValue = "" + MAX_PAGE) int maxResults, HttpServletRequest request) {
		ApiCaller caller = ApiCaller.of(request);
		List<String> readers = new ArrayList<>(RECORDERS);
		readers.add(AccessRules.LEADS);
		// who may not read is told so whether the case exists or not: no case numbers are
		// probed
		if (!caller.inAny(readers) && !inCaseGroup(caller, this.cases.findOpen(caseNumber))) {
			return ApiErrors.of(HttpStatus.FORBIDDEN,
					"Only Product Ops, leads, the metric feeds and the case's product team may list readings");
		}
		if (!this.cases.exists(caseNumber)) {
			return ApiErrors.of(HttpStatus.NOT_FOUND, "No case " + caseNumber);
		}
		if (firstResult < 0 || maxResults < 0 || maxResults > MAX_PAGE) {
			throw new CaseInputException(List.of("firstResult is 0 or more, maxResults from 0 to " + MAX_PAGE));
		}
		return ResponseEntity.ok()
			.header("X-Total-Count", String.valueOf(this.readings.count(caseNumber)))
			.body(this.readings.of(caseNumber, firstResult, maxResults)
				.stream()
				.map(r -> json(caseNumber, r))
				.toList());
	}

	/** The caller is of the PM group of the case, which is open. */
	private boolean inCaseGroup(ApiCaller caller, Optional<ProcessInstance> open) {
		return open.map(o -> caller.groups().contains(CaseData.PM_GROUP.from(this.runtime, o.getId()))).orElse(false);
	}

	private MetricReadings.MetricReading reading(Map<String, Object> body, String user) {
		if (body == null) {
			throw new CaseInputException(List.of("Send a JSON object: {\"value\": 12.5, \"timestamp\": "
					+ "\"2026-11-24T10:00:00Z\", \"source\": \"refund dashboard\"}"));
		}
		SubmittedInput input = new SubmittedInput(body);
		Double value = input.number("value", true, null);
		String source = input.text("source", false, 200);
		// one line where it is shown: the Verify form, the case page
		source = (source == null || source.isBlank()) ? null : SubmittedInput.oneLine(source);
		Instant now = this.clock.instant();
		Instant timestamp = now;
		Object raw = body.get("timestamp");
		if (raw != null && !raw.toString().isBlank()) {
			try {
				timestamp = OffsetDateTime.parse(raw.toString().strip()).toInstant();
				if (timestamp.isAfter(now.plus(CLOCK_SKEW))) {
					input.problem("timestamp", "must not be in the future");
				}
				else if (timestamp.isBefore(now.minus(OLDEST_READING))) {
					input.problem("timestamp", "must be within the last " + OLDEST_READING.toDays() / 365 + " years");
				}
			}
			catch (DateTimeParseException ex) {
				input.problem("timestamp", "must be a date and time with its offset, e.g. 2026-11-24T10:00:00Z");
			}
		}
		input.throwIfInvalid();
		return new MetricReadings.MetricReading(value, timestamp, (source == null) ? "API" : source, user, now);
	}

	private static Map<String, Object> json(String caseNumber, MetricReadings.MetricReading reading) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("caseNumber", caseNumber);
		json.put("value", reading.value());
		json.put("timestamp", reading.timestamp().toString());
		json.put("source", reading.source());
		json.put("recordedBy", reading.recordedBy());
		json.put("recordedAt", reading.recordedAt().toString());
		return json;
	}

}
