package com.productops.verification;

import static com.productops.loop.CaseVariables.OBSERVED_VALUE;

import java.util.List;

import com.productops.loop.CaseInputException;

/** A recorded value of the success metric ({@code observedValue}) must be a number, or null to clear it. */
public final class MetricObservation {

	private MetricObservation() {
	}

	public static void check(Object value) {
		if (value != null && !(value instanceof Number number && Double.isFinite(number.doubleValue()))) {
			throw new CaseInputException(List.of(OBSERVED_VALUE + " must be a number, sent as {\"value\": 25, "
					+ "\"type\": \"Double\"} (got '" + value + "')"));
		}
	}

}
