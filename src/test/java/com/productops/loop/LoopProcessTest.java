package com.productops.loop;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.productops.ProductOpsApplication;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ContextConfiguration;

/**
 * A test on the application's own engine: the application as configured in
 * application.yaml (its engine plugins, delegates, services, deployment and access
 * rules), without web server, job executor (tests run due jobs themselves) or demo users,
 * on an in-memory database in UTC, with GitHub and Prometheus stood in for. Test classes
 * with these same settings share one application: before each test its cases, jobs and
 * case numbers are cleared ({@link LoopTestEngine#reset}), after each the engine clock is
 * reset. A test class that walks only part of the loop is annotated
 * {@code @ExcludeFromProcessCoverage}; all others must pass every flow node and sequence
 * flow. Changing the context (another property, a mock bean) would start a second
 * application on the same in-memory database and engine name: don't.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = { ProductOpsApplication.class, LoopTestEngine.TestAdditions.class },
		webEnvironment = WebEnvironment.NONE,
		properties = { "spring.datasource.url=jdbc:h2:mem:loop-process-tests;DB_CLOSE_DELAY=-1",
				// engines register JVM-wide by name; the HTTP tests' application is
				// "default"
				"camunda.bpm.process-engine-name=loopProcessTests", "productops.data-dir=target/process-tests",
				"productops.time-zone=UTC", "productops.demo-users=false", "camunda.bpm.job-execution.enabled=false",
				"spring.autoconfigure.exclude=" + LoopProcessTest.ENGINE_REST,
				// one webhook per event (no mails: without demo users a case's people
				// have no
				// address)
				"productops.notifications.webhooks.urls=http://localhost:9/hooks",
				"productops.notifications.webhooks.secret=secret", "productops.delivery.teams.pm-core=github",
				"productops.delivery.timeout=PT2S", "productops.delivery.github.repository=acme/marketplace",
				"productops.delivery.github.token=test-token", "productops.metrics.prometheus.timeout=PT2S",
				"productops.metrics.sql.url=" + LoopTestEngine.METRICS_DATABASE, "productops.metrics.sql.username=sa",
				"productops.metrics.sql.timeout=PT5S", "logging.level.com.productops=WARN" })
@ContextConfiguration(initializers = LoopTestEngine.StandIns.class)
@ExtendWith(LoopTestEngine.CleanSlate.class)
public @interface LoopProcessTest {

	/** The engine's REST API, which needs the web server. */
	String ENGINE_REST = "org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration";

}
