package com.productops.loop;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;

import com.productops.testing.RecordingHttpServer;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.community.process_test_coverage.engine.platform7.ProcessCoverageConfigurator;
import org.camunda.community.process_test_coverage.engine.platform7.ProcessEngineAdapter;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * What the process tests share with their engine, which is the application itself:
 * {@link LoopProcessTest} starts it from its own configuration. This class adds what only
 * tests need: stand-ins for GitHub and Prometheus, process test coverage, a count of SQL
 * statements, and a clean slate before each test.
 */
public final class LoopTestEngine {

	public static final ZoneId ZONE = ZoneId.of("UTC");

	/**
	 * Business time in UTC, moved by the tests with the engine's clock (the application's
	 * own runs in UTC here too).
	 */
	public static final BusinessClock CLOCK = new BusinessClock(ZONE);

	/**
	 * Stands in for GitHub: pm-core (areas DEMAND, SUPPORT, TRUST_SAFETY, OTHER) tracks
	 * delivery there.
	 */
	public static final RecordingHttpServer GITHUB = new RecordingHttpServer();

	public static final RecordingHttpServer PROMETHEUS = new RecordingHttpServer();

	/** The metrics database of the SQL metric source. */
	public static final String METRICS_DATABASE = "jdbc:h2:mem:loop-process-tests-metrics;DB_CLOSE_DELAY=-1";

	/** SQL statements run on the application's database since the start. */
	public static final AtomicLong STATEMENTS = new AtomicLong();

	/**
	 * Shown each statement run with the rows it wrote, when set (SqlBudgetTests counts
	 * and prints a step's statements).
	 */
	public static volatile BiConsumer<String, Integer> statementShown;

	/**
	 * What the application deployed and created at start-up (known at the first reset).
	 */
	private static Set<String> applicationDeployments;

	private static Set<String> applicationUsers;

	private LoopTestEngine() {
	}

	private static <T> Set<String> ids(List<T> items, Function<T, String> id) {
		return items.stream().map(id).collect(Collectors.toSet());
	}

	/**
	 * Before each test: no cases, no jobs, no readings, case numbers from OPS-yyyy-0001
	 * again, the clock and the stand-in servers as new, and no deployment, suspension or
	 * user a test made. The deployment and the access rules stay, as the application
	 * deployed and granted them at start-up; so do the rows a test writes into the
	 * metrics database and the history of decisions evaluated outside a case.
	 */
	static void reset(ProcessEngine engine, JdbcTemplate jdbc) {
		ClockUtil.reset();
		var repository = engine.getRepositoryService();
		var identity = engine.getIdentityService();
		if (applicationDeployments == null) { // the first test: what the application made
			applicationDeployments = ids(repository.createDeploymentQuery().list(), Deployment::getId);
			applicationUsers = ids(identity.createUserQuery().list(), User::getId);
		}
		// what a test deployed, suspended or created goes
		repository.createDeploymentQuery()
			.list()
			.stream()
			.filter(deployment -> !applicationDeployments.contains(deployment.getId()))
			.forEach(deployment -> repository.deleteDeployment(deployment.getId(), true, true));
		repository.createProcessDefinitionQuery()
			.suspended()
			.list()
			.forEach(definition -> repository.activateProcessDefinitionById(definition.getId()));
		identity.createUserQuery()
			.list()
			.stream()
			.filter(user -> !applicationUsers.contains(user.getId()))
			.forEach(user -> identity.deleteUser(user.getId()));
		var runtime = engine.getRuntimeService();
		List<String> running = runtime.createProcessInstanceQuery()
			.list()
			.stream()
			.map(ProcessInstance::getId)
			.toList();
		if (!running.isEmpty()) {
			runtime.deleteProcessInstances(running, "test reset", true, true, true);
		}
		var history = engine.getHistoryService();
		List<String> ended = history.createHistoricProcessInstanceQuery()
			.list()
			.stream()
			.map(HistoricProcessInstance::getId)
			.toList();
		if (!ended.isEmpty()) {
			history.deleteHistoricProcessInstances(ended);
		}
		// notification jobs belong to no execution: they outlive their case
		engine.getManagementService()
			.createJobQuery()
			.list()
			.stream()
			.map(Job::getId)
			.forEach(engine.getManagementService()::deleteJob);
		jdbc.queryForList("SELECT table_name FROM information_schema.tables WHERE LOWER(table_name) LIKE 'ops\\_%'",
				String.class)
			.forEach(table -> jdbc.update("DELETE FROM " + table));
		jdbc.queryForList("SELECT sequence_name FROM information_schema.sequences WHERE LOWER(sequence_name) LIKE "
				+ "'ops_case_number_%'", String.class)
			.forEach(sequence -> jdbc.execute("ALTER SEQUENCE " + sequence + " RESTART WITH 1"));
		GITHUB.reset();
		PROMETHEUS.reset();
	}

	/** Before each test of a {@link LoopProcessTest}: reset; after it: the clock. */
	static class CleanSlate implements BeforeEachCallback, AfterEachCallback {

		@Override
		public void beforeEach(ExtensionContext context) {
			ApplicationContext application = SpringExtension.getApplicationContext(context);
			reset(application.getBean(ProcessEngine.class), application.getBean(JdbcTemplate.class));
		}

		@Override
		public void afterEach(ExtensionContext context) {
			ClockUtil.reset();
		}

	}

	/**
	 * The stand-ins' addresses, which are known only once they run (the other settings
	 * are on {@link LoopProcessTest}).
	 */
	static class StandIns implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("process-test-stand-ins", Map.of("productops.delivery.github.api-url",
						GITHUB.url(), "productops.metrics.prometheus.url", PROMETHEUS.url())));
		}

	}

	/** What the process tests add to the application. */
	@TestConfiguration(proxyBeanMethods = false)
	static class TestAdditions {

		/**
		 * Records which flow nodes and sequence flows the tests pass (the coverage
		 * listener of the test framework reads it).
		 */
		@Bean
		static ProcessEnginePlugin processTestCoverage() {
			return new AbstractProcessEnginePlugin() {
				@Override
				public void preInit(ProcessEngineConfigurationImpl configuration) {
					ProcessCoverageConfigurator.initializeProcessCoverageExtensions(configuration);
				}

				@Override
				public void postProcessEngineBuild(ProcessEngine engine) {
					// until a covered class hands the listeners its collector: a class
					// excluded from coverage may run first, and its events go nowhere
					new ProcessEngineAdapter(engine, event -> {
					}).initializeListeners();
				}
			};
		}

		/**
		 * Every test class on this engine passes every flow node and sequence flow,
		 * unless it is annotated @ExcludeFromProcessCoverage.
		 */
		@Bean
		static ProcessEngineCoverageProperties processTestCoverageProperties() {
			return ProcessEngineCoverageProperties.Companion.builder().assertClassCoverageAtLeast(1.0).build();
		}

		/**
		 * Rows a statement inserted, updated or deleted: the counts the driver returned
		 * (a batch or an update), else one per parameter set of a write.
		 */
		private static int rowsWritten(ExecutionInfo execution, QueryInfo query) {
			if (!query.getQuery().stripLeading().matches("(?is)(insert|update|delete)\\b.*")) {
				return 0;
			}
			if (execution.getResult() instanceof int[] counts) {
				// the engine's writes run in JDBC batches: one count per row statement
				return Arrays.stream(counts).map(count -> (count < 0) ? 1 : count).sum();
			}
			if (execution.getResult() instanceof Integer count) {
				return count;
			}
			return Math.max(1, query.getParametersList().size());
		}

		/** Counts the statements of the application's database (SqlBudgetTests). */
		@Bean
		static BeanPostProcessor countedStatements() {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String name) {
					if (!(bean instanceof DataSource database) || !"dataSource".equals(name)) {
						return bean;
					}
					return ProxyDataSourceBuilder.create(database).name("counted").afterQuery((execution, queries) -> {
						STATEMENTS.addAndGet(queries.size());
						BiConsumer<String, Integer> shown = statementShown;
						if (shown != null) {
							queries.forEach(query -> shown.accept(query.getQuery(), rowsWritten(execution, query)));
						}
					}).build();
				}
			};
		}

	}

}
