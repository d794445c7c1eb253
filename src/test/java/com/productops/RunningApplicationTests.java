package com.productops;

import java.nio.file.Path;
import java.util.UUID;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application with its real configuration on a random port, its H2 file database in a fresh folder under
 * target/, times in UTC, and no job executor (tests execute due jobs themselves). Test classes extending this share
 * one running application.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
abstract class RunningApplicationTests {

	private static final Path DATA_DIR = Path.of("target", "test-data", UUID.randomUUID().toString()).toAbsolutePath();

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("productops.data-dir", DATA_DIR::toString);
		registry.add("productops.time-zone", () -> "UTC");
		// tests fire due timers themselves (deterministic, and safe while one test moves the engine clock)
		registry.add("camunda.bpm.job-execution.enabled", () -> "false");
	}

	@LocalServerPort
	int port;

}
