package com.productops.ops;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Keeps the embedded H2 file from growing without bound.
 *
 * <p>
 * With {@code WRITE_DELAY=0} (so that an acknowledged step survives a crash) H2 writes
 * each commit itself and starts no background writer, and that writer is the only thing
 * that rewrites half-empty chunks and moves chunks together (h2database issues 442 and
 * 3848). A chunk keeps its space while a single page in it is live, and the engine's
 * history tables with their random UUID keys leave a page or two live in nearly every
 * chunk: the file grew by about 2 MB per case, 62 GB at 32,000 cases. Once a second this
 * does what that writer would: rewrite the live pages of the emptiest old chunks (so that
 * the chunks can be freed after H2's retention time) and move chunks down into the holes
 * (so that the file shrinks). Nothing else: a database with a write delay has H2's own
 * writer, PostgreSQL needs none.
 */
@Component
class EmbeddedDatabaseHousekeeping implements ApplicationRunner, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseHousekeeping.class);

	/**
	 * Below this share of live data in the chunks (or in the file) there is work to do:
	 * H2's own threshold is 90.
	 */
	static final int TARGET_FILL_RATE = 80;

	/**
	 * Live data rewritten per round: keeps up with the loop at full load, and a round
	 * holds H2's lock briefly.
	 */
	static final int REWRITE_BYTES = 4 << 20;

	/** Chunks moved per round towards the start of the file. */
	static final long MOVE_BYTES = 16 << 20;

	private final DataSource dataSource;

	private final ScheduledExecutorService rounds = Executors.newSingleThreadScheduledExecutor(task -> {
		Thread thread = new Thread(task, "embedded-database-housekeeping");
		thread.setDaemon(true);
		return thread;
	});

	EmbeddedDatabaseHousekeeping(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (runsWithoutWriter()) {
			this.rounds.scheduleWithFixedDelay(this::round, 1, 1, TimeUnit.SECONDS);
		}
	}

	/**
	 * Lets a round finish: interrupting it would close H2's file channel under the
	 * database.
	 */
	@Override
	public void destroy() throws InterruptedException {
		this.rounds.shutdown();
		this.rounds.awaitTermination(30, TimeUnit.SECONDS);
	}

	private void round() {
		try (Connection connection = this.dataSource.getConnection()) {
			MVStore store = mvStore(connection);
			if (store != null && !store.isClosed()) {
				tidy(store);
			}
		}
		catch (SQLException | RuntimeException ex) {
			// the next round tries again; a failing store is reported by the engine's own
			// work
			log.warn("Housekeeping of the embedded database failed: {}", ex.toString());
		}
	}

	/**
	 * Whether the database is an embedded H2 file that runs without H2's background
	 * writer.
	 */
	private boolean runsWithoutWriter() {
		try (Connection connection = this.dataSource.getConnection()) {
			MVStore store = mvStore(connection);
			return store != null && store.getFileStore() != null && store.getAutoCommitDelay() == 0;
		}
		catch (SQLException ex) {
			return false; // the engine reports an unreachable database in its own words
		}
	}

	private static MVStore mvStore(Connection connection) throws SQLException {
		if (!connection.isWrapperFor(JdbcConnection.class)
				|| !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
			return null; // PostgreSQL, or H2 over TCP (its server tidies its own file)
		}
		return session.getDatabase().getStore().getMvStore();
	}

	/**
	 * One round of what H2's background writer does when it is not idle; returns whether
	 * it rewrote or moved anything.
	 */
	static boolean tidy(MVStore store) {
		FileStore<?> file = store.getFileStore();
		if (file == null || file.isReadOnly()) {
			return false;
		}
		boolean rewrote = false;
		if (file.getChunksFillRate() < TARGET_FILL_RATE) {
			rewrote = store.compact(TARGET_FILL_RATE, REWRITE_BYTES);
			if (rewrote) {
				// the rewritten pages: a commit of a step would write them too, but none
				// may come
				store.commit();
			}
		}
		boolean moved = false;
		if (file instanceof RandomAccessStore chunks && chunks.getFillRate() < TARGET_FILL_RATE) {
			long before = chunks.size();
			chunks.compactMoveChunks(TARGET_FILL_RATE, MOVE_BYTES, store);
			moved = chunks.size() < before;
		}
		return rewrote || moved;
	}

}
