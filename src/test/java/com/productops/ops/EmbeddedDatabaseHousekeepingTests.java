package com.productops.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database's settings ({@code WRITE_DELAY=0}) and the engine's kind of
 * writes (one commit per step, rows keyed by random UUIDs): without housekeeping the file
 * keeps a chunk for nearly every page still live in it.
 */
class EmbeddedDatabaseHousekeepingTests {

	private static final int ROWS = 3000;

	@TempDir
	Path dir;

	@Test
	void theFileGrowsWithTheRowsWithoutHousekeeping() throws Exception {
		long untidy = fileAfterWrites("untidy", false);
		long tidy = fileAfterWrites("tidy", true);

		System.out.printf("H2 file after %,d commits of UUID-keyed rows: %,d KB without housekeeping, %,d KB with%n",
				ROWS, untidy / 1024, tidy / 1024);
		// about a quarter on this machine (1.9-2.3 MB against 8.7-8.8 MB); when a round
		// runs is up to H2's clock
		assertThat(tidy).isLessThan(untidy / 2);
	}

	@Test
	void housekeepingKeepsEveryRow() throws Exception {
		String url = url("kept");
		try (Connection db = DriverManager.getConnection(url, "sa", "")) {
			writeRows(db, false);
			int rounds = 0;
			while (EmbeddedDatabaseHousekeeping.tidy(store(db)) && rounds < 1000) {
				rounds++;
			}
			assertThat(rounds).isPositive();
			// nothing left to do
			assertThat(EmbeddedDatabaseHousekeeping.tidy(store(db))).isFalse();
		}
		try (Connection db = DriverManager.getConnection(url, "sa", "");
				ResultSet rows = db.createStatement()
					.executeQuery("SELECT COUNT(*), COUNT(DISTINCT id), SUM(LENGTH(text)) FROM step")) {
			rows.next();
			assertThat(rows.getInt(1)).isEqualTo(ROWS);
			assertThat(rows.getInt(2)).isEqualTo(ROWS);
			assertThat(rows.getLong(3)).isEqualTo(ROWS * 200L);
		}
	}

	@Test
	void aDatabaseInMemoryHasNoFileToTidy() throws Exception {
		try (Connection db = DriverManager.getConnection("jdbc:h2:mem:housekeeping", "sa", "")) {
			assertThat(EmbeddedDatabaseHousekeeping.tidy(store(db))).isFalse();
		}
	}

	/**
	 * The file size after writing the rows, one commit each, tidying every 100 commits or
	 * not at all.
	 */
	private long fileAfterWrites(String name, boolean tidy) throws Exception {
		try (Connection db = DriverManager.getConnection(url(name), "sa", "")) {
			writeRows(db, tidy);
			return Files.size(this.dir.resolve(name + ".mv.db"));
		}
	}

	private void writeRows(Connection db, boolean tidy) throws SQLException {
		db.createStatement().execute("CREATE TABLE step (id VARCHAR(36) PRIMARY KEY, text VARCHAR(400))");
		try (PreparedStatement insert = db.prepareStatement("INSERT INTO step VALUES (?, ?)")) {
			for (int row = 1; row <= ROWS; row++) {
				insert.setString(1, UUID.randomUUID().toString());
				insert.setString(2, "x".repeat(200));
				insert.execute();
				if (tidy && row % 20 == 0) {
					EmbeddedDatabaseHousekeeping.tidy(store(db));
				}
			}
		}
	}

	/**
	 * The application's settings, but chunks may be reused at once (H2 keeps them 45 s by
	 * default).
	 */
	private String url(String name) {
		return "jdbc:h2:file:" + this.dir.resolve(name) + ";WRITE_DELAY=0;RETENTION_TIME=0";
	}

	private static MVStore store(Connection db) throws SQLException {
		return ((SessionLocal) db.unwrap(JdbcConnection.class).getSession()).getDatabase().getStore().getMvStore();
	}

}
