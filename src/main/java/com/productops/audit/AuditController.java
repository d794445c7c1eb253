package com.productops.audit;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.productops.input.CaseInputException;
import com.productops.loop.BusinessClock;
import com.productops.loop.CaseOutcome;
import com.productops.web.ApiErrors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The leads' audit API (leads and admins only, see ApiAccessFilter): the scorecard as
 * JSON or CSV, case search and case timelines. Used by the Cockpit plugin and usable from
 * BI tools with HTTP Basic.
 */
@RestController
@RequestMapping("/api")
class AuditController {

	/** Without dates the scorecard covers the last twelve weeks. */
	static final int DEFAULT_WEEKS = 12;

	private final ScorecardService scorecards;

	private final CaseSearch search;

	private final CaseTimeline timelines;

	private final BusinessClock clock;

	AuditController(ScorecardService scorecards, CaseSearch search, CaseTimeline timelines, BusinessClock clock) {
		this.clock = clock;
		this.scorecards = scorecards;
		this.search = search;
		this.timelines = timelines;
	}

	/**
	 * Answers 200 for leads and admins (the access filter answers everyone else): the
	 * Cockpit plugin asks first.
	 */
	@GetMapping("/access")
	Map<String, Boolean> access() {
		return Map.of("audit", true);
	}

	@GetMapping("/scorecard")
	Scorecard scorecard(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
		return scorecardFor(from, to);
	}

	@GetMapping(value = "/scorecard.csv", produces = "text/csv")
	ResponseEntity<String> scorecardCsv(@RequestParam(required = false) String from,
			@RequestParam(required = false) String to) {
		Scorecard scorecard = scorecardFor(from, to);
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					"attachment; filename=\"scorecard-" + scorecard.from() + "-" + scorecard.to() + ".csv\"")
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.body(ScorecardCsv.write(scorecard));
	}

	@GetMapping("/cases")
	List<CaseSearch.CaseSummary> search(@RequestParam(required = false) String caseNumber,
			@RequestParam(required = false) String title, @RequestParam(required = false) String area,
			@RequestParam(required = false) String reporter, @RequestParam(required = false) String outcome,
			@RequestParam(required = false) String state, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to) {
		if (outcome != null && !outcome.isBlank() && Arrays.stream(CaseOutcome.values())
			.noneMatch(known -> known.name().equalsIgnoreCase(outcome.strip()))) {
			throw new CaseInputException(List.of("outcome must be one of "
					+ Arrays.stream(CaseOutcome.values()).map(Enum::name).toList() + " (got '" + outcome + "')"));
		}
		LocalDate start = date("from", from);
		LocalDate end = date("to", to);
		if (start != null && end != null && end.isBefore(start)) {
			throw new CaseInputException(List.of("to (" + end + ") must not be before from (" + start + ")"));
		}
		return this.search
			.search(new CaseSearch.Criteria(caseNumber, title, area, reporter, outcome, state, start, end));
	}

	@GetMapping("/cases/{caseNumber}/timeline")
	ResponseEntity<?> timeline(@PathVariable String caseNumber) {
		return found(this.timelines.timeline(caseNumber), "No case " + caseNumber);
	}

	@GetMapping("/process-instances/{processInstanceId}/timeline")
	ResponseEntity<?> timelineOfInstance(@PathVariable String processInstanceId) {
		return found(this.timelines.timelineOfInstance(processInstanceId),
				"No Product Ops case with process instance " + processInstanceId);
	}

	private static ResponseEntity<?> found(Optional<CaseTimeline.Timeline> timeline, String notFound) {
		return timeline.<ResponseEntity<?>>map(ResponseEntity::ok)
			.orElseGet(() -> ApiErrors.of(HttpStatus.NOT_FOUND, notFound));
	}

	private Scorecard scorecardFor(String from, String to) {
		LocalDate given = date("to", to);
		LocalDate end = (given == null) ? this.clock.today().plusDays(1) : given;
		LocalDate start = Objects.requireNonNullElse(date("from", from), end.minusWeeks(DEFAULT_WEEKS));
		if (!start.isBefore(end)) {
			throw new CaseInputException(List.of("from (" + start + ") must be before to (" + end + ")"));
		}
		return this.scorecards.scorecard(start, end);
	}

	private static LocalDate date(String name, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		LocalDate date;
		try {
			date = LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw new CaseInputException(List.of(name + " must be a date like 2026-12-01 (got '" + value + "')"));
		}
		if (date.getYear() < 1 || date.getYear() > 9999) {
			throw new CaseInputException(
					List.of(name + " must be a date from 0001-01-01 to 9999-12-31 (got '" + value + "')"));
		}
		return date;
	}

}
