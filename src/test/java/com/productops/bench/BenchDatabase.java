package com.productops.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.util.FileSystemUtils;

/**
 * The benchmarks' PostgreSQL database (PRODUCTOPS_BENCH_DB_URL): emptied before a run, so
 * runs compare. Else a fresh H2 file; and the standalone engines of the benchmarks that
 * compare an engine plugin with the engine as it comes.
 */
final class BenchDatabase {

	/** Where a benchmark's engines keep their data, and its name for the report. */
	record Target(String name, String url, String user, String password) {
	}

	private BenchDatabase() {
	}

	/**
	 * PostgreSQL, emptied, when {@code PRODUCTOPS_BENCH_DB_URL},
	 * {@code PRODUCTOPS_DB_USER} and {@code PRODUCTOPS_DB_PASSWORD} are set; else a new
	 * H2 file in target/bench/{@code h2Folder}.
	 */
	static Target target(String h2Folder) throws Exception {
		String url = System.getenv("PRODUCTOPS_BENCH_DB_URL");
		if (url == null) {
			Path dir = Path.of("target", "bench", h2Folder).toAbsolutePath();
			FileSystemUtils.deleteRecursively(dir);
			return new Target("H2 file",
					"jdbc:h2:file:" + dir.resolve("engine") + ";WRITE_DELAY=0;OPTIMIZE_REUSE_RESULTS=0", "sa", "");
		}
		Target postgres = new Target("PostgreSQL", url, System.getenv("PRODUCTOPS_DB_USER"),
				System.getenv("PRODUCTOPS_DB_PASSWORD"));
		emptyPostgres(postgres.url(), postgres.user(), postgres.password());
		return postgres;
	}

	/**
	 * A standalone engine on the target (history full, no job executor), with the given
	 * plugin if not null.
	 */
	static ProcessEngine engine(String name, Target target, boolean authorization, ProcessEnginePlugin plugin) {
		ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
			.createStandaloneProcessEngineConfiguration()
			.setProcessEngineName(name)
			.setJdbcUrl(target.url())
			.setJdbcDriver(target.url().startsWith("jdbc:postgresql") ? "org.postgresql.Driver" : "org.h2.Driver")
			.setJdbcUsername(target.user())
			.setJdbcPassword(target.password())
			.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
			.setHistory(ProcessEngineConfiguration.HISTORY_FULL)
			.setAuthorizationEnabled(authorization)
			.setJobExecutorActivate(false);
		if (plugin != null) {
			configuration.getProcessEnginePlugins().add(plugin);
		}
		return configuration.buildProcessEngine();
	}

	/** "p50 / p95" of the given times in ms (sorts them). */
	static String percentiles(List<Double> millis) {
		Collections.sort(millis);
		return String.format("%.1f / %.1f", millis.get(millis.size() / 2),
				millis.get((int) Math.ceil(millis.size() * 0.95) - 1));
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
