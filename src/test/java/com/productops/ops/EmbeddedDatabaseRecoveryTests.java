package com.productops.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.h2.mvstore.MVStore;
import org.h2.mvstore.db.ValueDataType;
import org.h2.mvstore.tx.Transaction;
import org.h2.mvstore.tx.TransactionMap;
import org.h2.mvstore.tx.TransactionStore;
import org.h2.result.Row;
import org.h2.result.SearchRow;
import org.h2.value.Value;
import org.h2.value.ValueInteger;
import org.h2.value.ValueVarchar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state H2 can leave behind after a kill -9, made on purpose: a transaction that
 * never committed changed three rows (an update, a delete, an insert), the store was
 * written with those changes, but without the undo log that would roll them back, and the
 * file was not closed.
 */
class EmbeddedDatabaseRecoveryTests {

	/**
	 * As many concurrent transactions as it takes for one of them to get the dead
	 * transaction's id.
	 */
	private static final int TRANSACTIONS = 4;

	@TempDir
	Path dir;

	@Test
	void withoutRecoveryATransactionThatReusesTheDeadOnesIdSeesItsWork() throws Exception {
		String url = crashedDatabase("db");
		assertThat(EmbeddedDatabaseRecovery.closedCleanly(file("db"))).isFalse();

		// what H2 alone shows after the crash: one of the transactions takes the
		// leftovers for its own
		assertThat(rowsSeenByConcurrentTransactions(url)).contains(Map.of(1, "changed", 3, "inserted"));
	}

	@Test
	void afterRecoveryEveryTransactionSeesTheCommittedRows() throws Exception {
		String url = crashedDatabase("db");

		assertThat(EmbeddedDatabaseRecovery.recover(url)).isEqualTo(3);

		assertThat(rowsSeenByConcurrentTransactions(url)).hasSize(TRANSACTIONS)
			.allSatisfy(rows -> assertThat(rows).isEqualTo(Map.of(1, "a", 2, "b")));
		// the rows are writable again, and the next start finds a cleanly closed file
		// with nothing to do
		try (Connection db = DriverManager.getConnection(url, "sa", ""); Statement sql = db.createStatement()) {
			sql.execute("UPDATE problem SET v = 'c' WHERE id = 2");
			sql.execute("INSERT INTO problem VALUES (3, 'new')");
			sql.execute("SHUTDOWN");
		}
		assertThat(EmbeddedDatabaseRecovery.closedCleanly(file("db"))).isTrue();
		assertThat(EmbeddedDatabaseRecovery.recover(url)).isZero();
		assertThat(rowsSeenByConcurrentTransactions(url).get(0)).isEqualTo(Map.of(1, "a", 2, "c", 3, "new"));
	}

	@Test
	void aTransactionWhoseUndoLogWasWrittenIsRolledBackAsH2WouldDoIt() throws Exception {
		String url = crashedDatabase("db", true);

		// no leftovers, only a transaction to end
		assertThat(EmbeddedDatabaseRecovery.recover(url)).isZero();

		assertThat(rowsSeenByConcurrentTransactions(url))
			.allSatisfy(rows -> assertThat(rows).isEqualTo(Map.of(1, "a", 2, "b")));
	}

	@Test
	void aDatabaseInUseByAnotherProcessIsLeftAlone() throws Exception {
		String url = "jdbc:h2:file:" + this.dir.resolve("running") + ";WRITE_DELAY=0";
		try (Connection running = DriverManager.getConnection(url, "sa", "");
				Statement sql = running.createStatement()) {
			sql.execute("CREATE TABLE problem (id INT PRIMARY KEY, v VARCHAR(20))");
			// open files carry no mark
			assertThat(EmbeddedDatabaseRecovery.closedCleanly(file("running"))).isFalse();

			// H2 tells the second process it is in use
			assertThat(EmbeddedDatabaseRecovery.recover(url)).isZero();

			sql.execute("INSERT INTO problem VALUES (1, 'a')");
		}
	}

	@Test
	void onlyEmbeddedH2FilesAreLookedAt() {
		assertThat(EmbeddedDatabaseRecovery.databaseFile("jdbc:h2:file:./data/productops;WRITE_DELAY=0"))
			.isEqualTo(Path.of("./data/productops.mv.db"));
		assertThat(EmbeddedDatabaseRecovery.databaseFile("jdbc:h2:/var/lib/app/db"))
			.isEqualTo(Path.of("/var/lib/app/db.mv.db"));
		assertThat(EmbeddedDatabaseRecovery.databaseFile("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1")).isNull();
		assertThat(EmbeddedDatabaseRecovery.databaseFile("jdbc:h2:tcp://db/productops")).isNull();
		assertThat(EmbeddedDatabaseRecovery.databaseFile("jdbc:postgresql://db:5432/productops")).isNull();
		assertThat(EmbeddedDatabaseRecovery.recover("jdbc:h2:file:" + this.dir.resolve("missing"))).isZero();
	}

	private Path file(String name) {
		return this.dir.resolve(name + ".mv.db");
	}

	private String crashedDatabase(String name) throws Exception {
		return crashedDatabase(name, false);
	}

	/**
	 * Rows (1, a) and (2, b) committed; then the crash of a transaction that updated 1,
	 * deleted 2 and inserted 3, with or without its undo log on disk.
	 */
	private String crashedDatabase(String name, boolean withUndoLog) throws Exception {
		String url = "jdbc:h2:file:" + this.dir.resolve(name) + ";WRITE_DELAY=0";
		try (Connection db = DriverManager.getConnection(url, "sa", ""); Statement sql = db.createStatement()) {
			sql.execute("CREATE TABLE problem (id INT PRIMARY KEY, v VARCHAR(20))");
			sql.execute("INSERT INTO problem VALUES (1, 'a'), (2, 'b')");
			sql.execute("SHUTDOWN");
		}
		MVStore store = new MVStore.Builder().fileName(file(name).toString()).open();
		TransactionStore transactions = new TransactionStore(store, new ValueDataType());
		transactions.init();
		Transaction dead = transactions.begin();
		String table = store.getMapNames()
			.stream()
			.filter(map -> map.startsWith("table.") && !map.equals("table.0"))
			.findFirst()
			.orElseThrow();
		TransactionMap<Long, Row> rows = dead.openMap(table);
		rows.put(1L, row(1, "changed"));
		rows.remove(2L);
		rows.put(3L, row(3, "inserted"));
		// another transaction's commit writes the store, with the dead one's rows ...
		store.commit();
		if (!withUndoLog) {
			// ... but without its undo log
			store.getMapNames().stream().filter(map -> map.startsWith("undoLog")).toList().forEach(store::removeMap);
			store.commit();
		}
		store.closeImmediately(); // kill -9
		return url;
	}

	private static Row row(int id, String v) {
		return Row.get(new Value[] { ValueInteger.get(id), ValueVarchar.get(v) }, SearchRow.MEMORY_CALCULATE, id);
	}

	/** What each of a few transactions, open at the same time, reads from the table. */
	private static List<Map<Integer, String>> rowsSeenByConcurrentTransactions(String url) throws Exception {
		List<Connection> connections = new ArrayList<>();
		try {
			List<Map<Integer, String>> seen = new ArrayList<>();
			for (int i = 0; i < TRANSACTIONS; i++) {
				Connection db = DriverManager.getConnection(url, "sa", "");
				connections.add(db);
				db.setAutoCommit(false);
				Map<Integer, String> rows = new TreeMap<>();
				try (Statement sql = db.createStatement();
						ResultSet result = sql.executeQuery("SELECT id, v FROM problem")) {
					while (result.next()) {
						rows.put(result.getInt(1), result.getString(2));
					}
				}
				seen.add(rows);
			}
			return seen;
		}
		finally {
			for (Connection db : connections) {
				db.rollback();
				db.close();
			}
		}
	}

}
