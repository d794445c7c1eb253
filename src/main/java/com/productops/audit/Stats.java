package com.productops.audit;

/**
 * Summary statistics of durations, in hours to a few seconds (people read them in
 * minutes, hours or days).
 */
final class Stats {

	private Stats() {
	}

	/**
	 * The ranks (1-based, in ascending order) of the two middle values of {@code count}
	 * values, whose mean is the median: the same rank twice for an odd count.
	 */
	static long[] medianRanks(long count) {
		return new long[] { (count + 1) / 2, count / 2 + 1 };
	}

	/**
	 * Nearest-rank percentile: the rank of the smallest value with at least p of all
	 * values at or below it.
	 */
	static long nearestRank(long count, double p) {
		return Math.max(1, (long) Math.ceil(p * count));
	}

	/** Share in percent with one decimal; null when there is nothing to divide by. */
	static Double percent(long part, long whole) {
		return (whole == 0) ? null : round(100.0 * part / whole);
	}

	/**
	 * Hours to a thousandth (3.6 seconds): a 4-minute wait stays 4 minutes, not a tenth
	 * of an hour.
	 */
	static double hours(double value) {
		return Math.round(value * 1000) / 1000.0;
	}

	/** One decimal: for shares and totals. */
	static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

}
