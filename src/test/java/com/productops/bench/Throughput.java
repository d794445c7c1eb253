package com.productops.bench;

import java.util.ArrayList;
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

}
