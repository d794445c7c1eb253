package com.productops.integration;

/**
 * A call to another system (GitHub, Jira, Prometheus, a metrics database) failed; the
 * message says which system, what it answered and, where it helps, what to check.
 */
public class IntegrationException extends RuntimeException {

	public IntegrationException(String message) {
		super(message);
	}

	public IntegrationException(String message, Throwable cause) {
		super(message, cause);
	}

}
