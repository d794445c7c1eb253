package com.productops.loop;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

import org.camunda.bpm.engine.OptimisticLockingException;

/**
 * A change that met a concurrent one on the same rows (the engine's optimistic-locking
 * conflict, the database's deadlock or lock timeout) stored nothing: it is simply run
 * again after a short, random pause (so that the losers do not collide again in step),
 * and then sees what the other one did. People never see the conflict.
 */
public final class Conflicts {

	/** How often a change runs when it keeps meeting a concurrent one. */
	public static final int ATTEMPTS = 5;

	private Conflicts() {
	}

	/**
	 * Runs {@code work} - one transaction of its own, or none - again while it meets a
	 * conflict, {@link #ATTEMPTS} times at most.
	 */
	public static <T> T retried(Supplier<T> work) {
		return retried(ATTEMPTS, work, (attempt, ex) -> isConflict(ex));
	}

	/**
	 * Runs {@code work} again while {@code runAgain} says so of the failed attempt (its
	 * number, from 1, and what it threw), {@code attempts} times at most.
	 */
	public static <T> T retried(int attempts, Supplier<T> work, BiPredicate<Integer, RuntimeException> runAgain) {
		for (int attempt = 1;; attempt++) {
			try {
				return work.get();
			}
			catch (RuntimeException ex) {
				if (attempt >= attempts || !runAgain.test(attempt, ex)) {
					throw ex;
				}
				pause(attempt + 1);
			}
		}
	}

	/**
	 * An optimistic-locking conflict, a deadlock or serialization failure of the database
	 * (SQL state class 40, in H2 and PostgreSQL alike), or H2's timeout waiting for a row
	 * another transaction holds (HYT00; PostgreSQL waits).
	 */
	public static boolean isConflict(Throwable thrown) {
		for (Throwable t = thrown; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			if (t instanceof OptimisticLockingException || (t instanceof SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("40") || "HYT00".equals(sql.getSQLState())))) {
				return true;
			}
		}
		return false;
	}

	/** Before the given attempt: up to 20, 40, 80 … ms. */
	public static void pause(int attempt) {
		try {
			Thread.sleep(ThreadLocalRandom.current().nextLong(5L << attempt));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
