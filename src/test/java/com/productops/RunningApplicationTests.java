package com.productops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.productops.verification.MetricReadings;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application with its real configuration on a random port, its H2 file database in a
 * fresh folder under target/, times in UTC, and no job executor (tests execute due jobs
 * themselves). Test classes extending this share one running application.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
// Spring Boot tests switch metrics export off by default; ours test /actuator/prometheus
@AutoConfigureObservability
abstract class RunningApplicationTests {

	private static final Path DATA_DIR = Path.of("target", "test-data", UUID.randomUUID().toString()).toAbsolutePath();

	/**
	 * Where the application sends mail and webhooks; the notification tests run servers
	 * there.
	 */
	static final int SMTP_PORT = freePort();

	static final int WEBHOOK_PORT = freePort();

	static final String WEBHOOK_SECRET = "test-webhook-secret";

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("productops.data-dir", DATA_DIR::toString);
		registry.add("productops.time-zone", () -> "UTC");
		// the process test coverage listener (on the classpath for the process tests) has
		// nothing to cover here
		registry.add("logging.level.org.camunda.community.process_test_coverage", () -> "ERROR");
		// tests fire due timers themselves (deterministic, and safe while one test moves
		// the engine clock)
		registry.add("camunda.bpm.job-execution.enabled", () -> "false");
		registry.add("spring.mail.host", () -> "localhost");
		registry.add("spring.mail.port", () -> SMTP_PORT);
		registry.add("productops.notifications.webhooks.urls",
				() -> "http://localhost:" + WEBHOOK_PORT + "/hooks/product-ops");
		registry.add("productops.notifications.webhooks.secret", () -> WEBHOOK_SECRET);
	}

	@LocalServerPort
	int port;

	@Autowired
	RuntimeService runtime;

	@Autowired
	TaskService tasks;

	@Autowired
	ManagementService management;

	@Autowired
	IdentityService identity;

	@Autowired
	MetricReadings readings;

	@Autowired
	JdbcTemplate jdbc;

	/**
	 * Records a reading of the case's success metric as posted to the API by Product Ops,
	 * measured now.
	 */
	void recordReading(String processInstanceId, double value) {
		String caseNumber = this.runtime.createProcessInstanceQuery()
			.processInstanceId(processInstanceId)
			.singleResult()
			.getBusinessKey();
		Instant now = ClockUtil.getCurrentTime().toInstant();
		this.readings.add(caseNumber, new MetricReadings.MetricReading(value, now, "ops dashboard", "priya", now));
	}

	/**
	 * A case's value as an earlier version may have stored it, before the rules of today
	 * refused it: straight into the engine's tables, its runtime value and every entry of
	 * its history alike. The variable must be on the case already.
	 */
	void storedByAnEarlierVersion(String processInstanceId, String name, Object value) {
		String type = (value instanceof String) ? "string" : (value instanceof Double) ? "double" : "integer";
		Object text = (value instanceof String) ? value : null;
		Object whole = (value instanceof Integer number) ? number.longValue() : null;
		Object decimal = (value instanceof Double) ? value : null;
		int stored = this.jdbc.update("UPDATE ACT_RU_VARIABLE SET TYPE_ = ?, TEXT_ = ?, LONG_ = ?, DOUBLE_ = ? "
				+ "WHERE PROC_INST_ID_ = ? AND NAME_ = ?", type, text, whole, decimal, processInstanceId, name);
		for (String table : List.of("ACT_HI_VARINST", "ACT_HI_DETAIL")) {
			this.jdbc.update(
					"UPDATE " + table + " SET VAR_TYPE_ = ?, TEXT_ = ?, LONG_ = ?, DOUBLE_ = ? "
							+ "WHERE PROC_INST_ID_ = ? AND NAME_ = ?",
					type, text, whole, decimal, processInstanceId, name);
		}
		if (stored != 1) {
			throw new IllegalStateException(name + " is not on the case");
		}
		// its figures are counted again, as after any change of its values
		this.jdbc.update("UPDATE ops_case SET rollup_dirty = TRUE WHERE process_instance_id = ?", processInstanceId);
	}

	/** Drives cases through this application's engine as the personas. */
	CaseDriver driver() {
		return new CaseDriver(this.runtime, this.tasks, this.identity);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
