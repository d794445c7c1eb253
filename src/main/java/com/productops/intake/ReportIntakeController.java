package com.productops.intake;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.productops.input.CaseInputException;
import com.productops.security.ApiCaller;
import com.productops.web.ApiErrors;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/reports}: other systems (a support tool, a chat bot) file reports as
 * the logged-in user, with the start form's fields as plain JSON. Send an
 * {@code Idempotency-Key} header to make retries safe: the same key and report again
 * answers 200 with the case filed the first time (header
 * {@code Idempotent-Replayed: true}); a new report answers 201. Bad input: 400 with every
 * problem; a key reused for a different report: 422.
 */
@RestController
class ReportIntakeController {

	private final ReportIntake intake;

	ReportIntakeController(ReportIntake intake) {
		this.intake = intake;
	}

	@PostMapping(path = "/api/reports", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> file(@RequestBody(required = false) Map<String, Object> report,
			@RequestHeader(name = "Idempotency-Key", required = false) String key, HttpServletRequest request) {
		if (report == null) {
			throw new CaseInputException(List.of("Send the report as a JSON object: {\"title\": ..., "
					+ "\"area\": ..., \"description\": ..., \"frequency\": ..., \"peopleAffectedPerWeek\": ..., "
					+ "\"hoursLostPerWeek\": ..., \"urgency\": ...}"));
		}
		ReportIntake.Filed filed = this.intake.file(ApiCaller.of(request), report, key);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("caseNumber", filed.caseNumber());
		body.put("processInstanceId", filed.processInstanceId());
		return ResponseEntity.status(filed.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
			.header("Idempotent-Replayed", String.valueOf(filed.replayed()))
			.body(body);
	}

	@ExceptionHandler(ReportIntake.KeyReusedException.class)
	ResponseEntity<ProblemDetail> reused(ReportIntake.KeyReusedException ex) {
		return ApiErrors.of(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused", "Idempotency key reused",
				ex.getMessage());
	}

}
