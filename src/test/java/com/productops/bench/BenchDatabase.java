package com.productops.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/** The benchmarks' PostgreSQL database (PRODUCTOPS_BENCH_DB_URL): emptied before a run, so runs compare. */
final class BenchDatabase {

	private BenchDatabase() {
	}

	static void emptyPostgres(String url, String user, String password) throws Exception {
		try (Connection db = DriverManager.getConnection(url, user, password);
				Statement statement = db.createStatement()) {
			statement.execute("DROP SCHEMA public CASCADE");
			statement.execute("CREATE SCHEMA public");
		}
	}

}
