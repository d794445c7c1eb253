package com.productops.web;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The error body of the application's own endpoints, in the engine REST API's shape
 * ({"type": ..., "message": ...}), so that a client reads both the same way.
 */
public final class ApiErrors {

	private ApiErrors() {
	}

	public static ResponseEntity<Map<String, String>> of(HttpStatus status, String message) {
		return of(status, switch (status) {
			case BAD_REQUEST -> "InvalidRequestException";
			case UNAUTHORIZED -> "AuthenticationException";
			case FORBIDDEN -> "AuthorizationException";
			case NOT_FOUND -> "NotFound";
			default -> "Conflict";
		}, message);
	}

	public static ResponseEntity<Map<String, String>> of(HttpStatus status, String type, String message) {
		return ResponseEntity.status(status).body(Map.of("type", type, "message", message));
	}

}
