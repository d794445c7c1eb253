package com.productops.audit;

import java.util.List;

/** Summary statistics of durations, in hours to a few seconds (people read them in minutes, hours or days). */
final class Stats {

	private Stats() {
	}

	/** The middle value; the mean of the two middle values for an even count; null for no values. */
	static Double median(List<Double> values) {
		if (values.isEmpty()) {
			return null;
		}
		List<Double> sorted = values.stream().sorted().toList();
		int n = sorted.size();
		return hours((n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2);
	}

	/** Nearest-rank percentile: the smallest value with at least p of all values at or below it. */
	static Double percentile(List<Double> values, double p) {
		if (values.isEmpty()) {
			return null;
		}
		List<Double> sorted = values.stream().sorted().toList();
		int rank = (int) Math.ceil(p * sorted.size());
		return hours(sorted.get(Math.max(rank, 1) - 1));
	}

	/** Share in percent with one decimal; null when there is nothing to divide by. */
	static Double percent(long part, long whole) {
		return (whole == 0) ? null : round(100.0 * part / whole);
	}

	/** Hours to a thousandth (3.6 seconds): a 4-minute wait stays 4 minutes, not a tenth of an hour. */
	static double hours(double value) {
		return Math.round(value * 1000) / 1000.0;
	}

	/** One decimal: for shares and totals. */
	static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

}
