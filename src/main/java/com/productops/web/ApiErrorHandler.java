package com.productops.web;

import com.productops.input.CaseInputException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * What the application's own endpoints answer when a request fails, in one place
 * ({@link ApiErrors}). Whatever is not named here is the server's fault: 500, without its
 * exception's words.
 */
@RestControllerAdvice(basePackages = "com.productops")
class ApiErrorHandler {

	@ExceptionHandler(CaseInputException.class)
	ResponseEntity<ProblemDetail> refused(CaseInputException ex) {
		return ApiErrors.refused(ex.problems());
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex) {
		return ApiErrors.of(HttpStatus.BAD_REQUEST, "The request body is not valid JSON: send a JSON object");
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ProblemDetail> mistyped(MethodArgumentTypeMismatchException ex) {
		return ApiErrors.of(HttpStatus.BAD_REQUEST, ex.getName() + " has the wrong form (got '" + ex.getValue() + "')");
	}

}
