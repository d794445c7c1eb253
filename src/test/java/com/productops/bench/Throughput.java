package com.productops.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Cases per second when client threads take the next case number until all cases are
 * done.
 */
final class Throughput {

	private Throughput() {
	}

	static double measure(int threads, int cases, IntConsumer work) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		AtomicInteger next = new AtomicInteger();
		long start = System.nanoTime();
		List<Future<?>> futures = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			futures.add(pool.submit(() -> {
				for (int i = next.getAndIncrement(); i < cases; i = next.getAndIncrement()) {
					work.accept(i);
				}
				return null;
			}));
		}
		for (Future<?> future : futures) {
			future.get(60, TimeUnit.MINUTES);
		}
		pool.shutdown();
		return cases / ((System.nanoTime() - start) / 1e9);
	}

	/** Each round's value, one decimal, separated by slashes. */
	static String rounds(List<Double> values) {
		return String.join(" / ", values.stream().map(value -> String.format("%.1f", value)).toList());
	}

	/**
	 * The median of the rounds' ratios: each round's value of one process beside the
	 * other's in the same round, so that the machine's noise of that round hits both.
	 */
	static double medianRatio(List<Double> ours, List<Double> theirs) {
		List<Double> ratios = new ArrayList<>();
		for (int round = 0; round < ours.size(); round++) {
			ratios.add(ours.get(round) / theirs.get(round));
		}
		Collections.sort(ratios);
		return ratios.get(ratios.size() / 2);
	}

}
