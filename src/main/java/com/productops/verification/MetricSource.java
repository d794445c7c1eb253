package com.productops.verification;

/**
 * Where the success metric is read when the verification window has passed; chosen by the
 * PM with BUILD.
 */
public enum MetricSource {

	/** The latest reading posted to /api/cases/{caseNumber}/metrics inside the window. */
	MANUAL,
	/** A PromQL query, evaluated over Prometheus' HTTP API at the end of the window. */
	PROMETHEUS,
	/** A read-only SQL query against the configured metrics database. */
	SQL

}
