package com.productops.web;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.productops.input.CaseInputException;
import org.camunda.bpm.engine.AuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * What the application's own endpoints answer when a request fails, in one place
 * ({@link ApiErrors}). Whatever is not named here is the server's fault: 500, without its
 * exception's words.
 */
// before Spring MVC's own problem details (spring.mvc.problemdetails), which would answer
// a mistyped parameter or an unreadable body in its words
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(basePackages = "com.productops")
class ApiErrorHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

	@ExceptionHandler(CaseInputException.class)
	ResponseEntity<ProblemDetail> refused(CaseInputException ex) {
		return ApiErrors.refused(ex.problems());
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex) {
		return ApiErrors.of(HttpStatus.BAD_REQUEST,
				(ex.getMostSpecificCause() instanceof MismatchedInputException)
						? "The request body must be a JSON object, not a list, a text or a number"
						: "The request body is not valid JSON: send a JSON object");
	}

	/**
	 * Another request is still changing the same thing (an idempotent filing with the
	 * same key).
	 */
	@ExceptionHandler(ConcurrencyFailureException.class)
	ResponseEntity<ProblemDetail> busy(ConcurrencyFailureException ex) {
		// in our words: a lock failure's message can carry the statement
		return ApiErrors.of(HttpStatus.CONFLICT,
				"Another request is changing the same thing right now; send the request again in a moment");
	}

	@ExceptionHandler(AuthorizationException.class)
	ResponseEntity<ProblemDetail> forbidden(AuthorizationException ex) {
		return ApiErrors.of(HttpStatus.FORBIDDEN, "You may not do this");
	}

	/**
	 * Spring MVC's own refusals (405, 415, ...) keep their status; anything else is ours,
	 * without its words.
	 */
	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> failed(Exception ex) {
		if (ex instanceof ErrorResponse refused) {
			// with its headers: what to send instead (Accept of a 415, Allow of a 405)
			ResponseEntity<ProblemDetail> answer = ApiErrors.of(HttpStatus.valueOf(refused.getStatusCode().value()),
					refused.getBody().getDetail());
			return ResponseEntity.status(answer.getStatusCode())
				.headers(answer.getHeaders())
				.headers(refused.getHeaders())
				.body(answer.getBody());
		}
		log.error("A request to the application's API failed", ex);
		return ApiErrors.of(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side; please try again");
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ProblemDetail> mistyped(MethodArgumentTypeMismatchException ex) {
		return ApiErrors.of(HttpStatus.BAD_REQUEST, ex.getName() + " has the wrong form (got '" + ex.getValue() + "')");
	}

}
