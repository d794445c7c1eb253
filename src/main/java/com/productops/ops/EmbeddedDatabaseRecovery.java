package com.productops.ops;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.zaxxer.hikari.HikariDataSource;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.db.ValueDataType;
import org.h2.mvstore.tx.Transaction;
import org.h2.mvstore.tx.TransactionStore;
import org.h2.value.VersionedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Finishes H2's own recovery of the embedded database file after a crash (kill -9, power
 * loss), before the application opens it.
 *
 * <p>
 * H2 2.3 writes the maps of a commit one after the other while other transactions keep
 * writing, so a crash can keep a row that a running transaction wrote without the
 * undo-log record that would roll it back; H2 calls these leftovers. H2 rolls a leftover
 * back only when another transaction writes the same row. Until then a later transaction
 * that happens to get the dead transaction's id (H2 hands out the lowest free one) takes
 * the leftover for its own work and reads it, and may even commit it: a case waiting at
 * two tasks after a kill -9, a key that points to no case.
 *
 * <p>
 * So when the file was not closed cleanly, this does what H2 does when it opens a
 * database (end the transactions its undo logs know of: commit the committed ones, roll
 * back the rest) and then what H2 would do to each leftover when it meets it: put back
 * the committed value. Nothing is written until the end, so a crash in between leaves the
 * file for the next start to repair. Only the column types this application's schema uses
 * are known to be read and written back faithfully without the database (no ENUM, ROW or
 * collation). Runs when Spring has made the data source and before anything connects to
 * it.
 */
@Component
class EmbeddedDatabaseRecovery implements BeanPostProcessor {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseRecovery.class);

	private static final Pattern H2_FILE_URL = Pattern.compile("^jdbc:h2:(?:file:)?([^;:][^;]*)(;.*)?$");

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource dataSource) {
			recover(dataSource.getJdbcUrl());
		}
		return bean;
	}

	/**
	 * The database file of an embedded H2 JDBC URL ({@code jdbc:h2:file:dir/name} →
	 * dir/name.mv.db), or null.
	 */
	static Path databaseFile(String jdbcUrl) {
		if (jdbcUrl == null || jdbcUrl.startsWith("jdbc:h2:mem:") || jdbcUrl.startsWith("jdbc:h2:tcp:")
				|| jdbcUrl.startsWith("jdbc:h2:ssl:")) {
			return null;
		}
		Matcher url = H2_FILE_URL.matcher(jdbcUrl);
		return url.matches() ? Path.of(url.group(1) + ".mv.db") : null;
	}

	/**
	 * Ends the transactions of an H2 file that was not closed cleanly and rolls back
	 * their leftovers; returns how many rows and index entries went back to their
	 * committed value. A repair that fails stops the start.
	 */
	static int recover(String jdbcUrl) {
		Path file = databaseFile(jdbcUrl);
		if (file == null || !Files.exists(file) || closedCleanly(file)) {
			return 0;
		}
		long began = System.nanoTime();
		MVStore store;
		try {
			store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
		}
		catch (RuntimeException ex) {
			// in use by another process (a running file carries no clean mark either),
			// read-only, damaged: H2 says
			// so in its own words when the application opens it
			log.warn("The embedded database {} is not marked as closed cleanly and cannot be opened to check it ({}); "
					+ "H2 opens it as it is", file, ex.getMessage());
			return 0;
		}
		if (store.isReadOnly()) {
			store.closeImmediately();
			log.warn("The embedded database {} is not marked as closed cleanly and is read-only: not checked", file);
			return 0;
		}
		int repaired;
		try {
			repaired = rollBackLeftovers(store);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("The embedded database " + file + " was not closed cleanly and could not "
					+ "be repaired; it is unchanged: " + ex.getMessage(), ex);
		}
		log.info(
				"The embedded database {} was not closed cleanly: {} rows and index entries of transactions that "
						+ "never committed were rolled back ({} ms)",
				file, repaired, (System.nanoTime() - began) / 1_000_000);
		return repaired;
	}

	/**
	 * H2 marks the file header "clean:1" when it closes the store, and removes the mark
	 * with its first write.
	 */
	static boolean closedCleanly(Path file) {
		byte[] header = new byte[4096];
		try (InputStream in = Files.newInputStream(file)) {
			int read = in.readNBytes(header, 0, header.length);
			String text = new String(header, 0, read, StandardCharsets.ISO_8859_1);
			int end = text.indexOf('\n');
			return List.of((end < 0 ? text : text.substring(0, end)).split(",")).contains("clean:1");
		}
		catch (IOException ex) {
			return false; // H2 reports what is wrong with the file when it opens it
		}
	}

	private static int rollBackLeftovers(MVStore store) {
		try {
			TransactionStore transactions = new TransactionStore(store, new ValueDataType());
			transactions.init();
			// the maps first, with the types stored with them: rolling back reads the
			// undo logs, which refer to them
			Transaction reader = transactions.begin();
			List<MVMap<Object, VersionedValue<Object>>> maps = new ArrayList<>();
			for (String name : store.getMapNames()) {
				if (name.startsWith("table.") || name.startsWith("index.")) {
					maps.add(reader.<Object, Object>openMap(name).map);
				}
			}
			reader.commit();
			// what H2 does when it opens the database
			transactions.endLeftoverTransactions();
			// Left open by H2: transactions "prepared" for a two-phase commit (this
			// application never prepares one:
			// a crash artifact, never acknowledged, rolled back) and transactions the
			// crash caught between their
			// commit and its bookkeeping (committed: their values are kept; H2 finishes
			// their log when it opens)
			Set<Integer> committed = new HashSet<>();
			for (Transaction leftover : transactions.getOpenTransactions()) {
				if (leftover.getStatus() == Transaction.STATUS_COMMITTED) {
					committed.add(leftover.getId());
				}
				else {
					log.warn("Rolling back a transaction the crash left prepared (id {})", leftover.getId());
					leftover.rollback();
				}
			}
			int repaired = 0;
			for (MVMap<Object, VersionedValue<Object>> map : maps) {
				repaired += rollBack(map, committed);
			}
			store.close(); // writes it all and marks the file closed cleanly
			return repaired;
		}
		catch (RuntimeException ex) {
			// writes nothing: the file stays as the crash left it
			store.closeImmediately();
			throw ex;
		}
	}

	/** No transaction is open: a value still marked by one is a leftover. */
	private static int rollBack(MVMap<Object, VersionedValue<Object>> map, Set<Integer> committed) {
		List<Map.Entry<Object, VersionedValue<Object>>> leftovers = new ArrayList<>();
		for (Cursor<Object, VersionedValue<Object>> cursor = map.cursor(null); cursor.hasNext();) {
			Object key = cursor.next();
			if (cursor.getValue().getOperationId() != 0) {
				leftovers.add(Map.entry(key, cursor.getValue()));
			}
		}
		for (Map.Entry<Object, VersionedValue<Object>> leftover : leftovers) {
			// the transaction id is the operation id's upper bits (H2's
			// TransactionStore.getTransactionId)
			if (committed.contains((int) (leftover.getValue().getOperationId() >>> 40))) {
				// committed: it stays as written
				Object current = leftover.getValue().getCurrentValue();
				if (current == null) {
					map.remove(leftover.getKey());
				}
				else {
					@SuppressWarnings("unchecked")
					VersionedValue<Object> value = (VersionedValue<Object>) current;
					map.put(leftover.getKey(), value);
				}
				continue;
			}
			Object committedValue = leftover.getValue().getCommittedValue();
			if (committedValue == null) {
				// written by the dead transaction: it never existed
				map.remove(leftover.getKey());
			}
			else {
				// H2 stores a committed value as itself (a Value is a VersionedValue
				// without an operation id)
				@SuppressWarnings("unchecked")
				VersionedValue<Object> value = (VersionedValue<Object>) committedValue;
				map.put(leftover.getKey(), value);
			}
		}
		return leftovers.size();
	}

}
