package com.productops.bench;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.Statement;
import java.util.Properties;

/**
 * The benchmarks' PostgreSQL database (PRODUCTOPS_BENCH_DB_URL): emptied before a run, so
 * runs compare.
 */
final class BenchDatabase {

	private BenchDatabase() {
	}

	static void emptyPostgres(String url, String user, String password) throws Exception {
		// the driver directly: DriverManager does not see drivers of the class loader
		// Maven runs the benchmark in
		Properties login = new Properties();
		login.setProperty("user", user);
		login.setProperty("password", password);
		Driver driver = (Driver) Class.forName("org.postgresql.Driver").getDeclaredConstructor().newInstance();
		try (Connection db = driver.connect(url, login); Statement statement = db.createStatement()) {
			statement.execute("DROP SCHEMA public CASCADE");
			statement.execute("CREATE SCHEMA public");
		}
	}

}
