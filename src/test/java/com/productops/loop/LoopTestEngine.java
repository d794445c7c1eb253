package com.productops.loop;

import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.productops.audit.CaseRecordsPlugin;
import com.productops.decision.DecideOnReportInput;
import com.productops.delivery.ConfirmShippedInput;
import com.productops.delivery.DeliveryProperties;
import com.productops.delivery.DeliveryShipments;
import com.productops.delivery.DeliveryTrackers;
import com.productops.delivery.OpenDeliveryTicketDelegate;
import com.productops.delivery.RecordShipmentDelegate;
import com.productops.input.StepInputListener;
import com.productops.input.StepInputs;
import com.productops.intake.CaseNumbers;
import com.productops.intake.CaseReach;
import com.productops.intake.DuplicateFinder;
import com.productops.intake.DuplicateIndex;
import com.productops.intake.FindDuplicatesDelegate;
import com.productops.intake.ProblemReportedInput;
import com.productops.intake.RegisterCaseDelegate;
import com.productops.notify.CaseEvents;
import com.productops.notify.MailTemplates;
import com.productops.notify.NotificationContent;
import com.productops.notify.NotificationJobs;
import com.productops.notify.NotificationJobsPlugin;
import com.productops.notify.NotificationProperties;
import com.productops.notify.Recipients;
import com.productops.notify.Senders;
import com.productops.ops.JobLogFilterPlugin;
import com.productops.ops.LongTextPlugin;
import com.productops.security.CaseAccess;
import com.productops.security.RoutedGroupAccessListener;
import com.productops.testing.RecordingHttpServer;
import com.productops.triage.DuplicateMerger;
import com.productops.triage.MergeIntoOriginalDelegate;
import com.productops.triage.ProvideMoreInfoInput;
import com.productops.triage.TriageReportInput;
import com.productops.verification.ConfirmFixInput;
import com.productops.verification.MetricReader;
import com.productops.verification.MetricReadings;
import com.productops.verification.MetricsProperties;
import com.productops.verification.ReadMetricDelegate;
import com.productops.verification.RegressionWatch;
import com.productops.verification.ReopenCaseDelegate;
import com.productops.verification.ReportersVerdict;
import com.productops.verification.VerifyOutcomeInput;
import com.productops.verification.WatchProperties;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.community.process_test_coverage.engine.platform7.ProcessCoverageInMemProcessEngineConfiguration;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * An in-memory engine for process tests, wired with the application's real delegates and
 * services (no Spring context), and recording process test coverage.
 */
public final class LoopTestEngine {

	public static final ZoneId ZONE = ZoneId.of("UTC");

	/** Business time in UTC, moved by the tests with the engine's clock. */
	public static final BusinessClock CLOCK = new BusinessClock(ZONE);

	private static final String JDBC_URL = "jdbc:h2:mem:loop-process-tests;DB_CLOSE_DELAY=-1";

	private static final Map<Object, Object> BEANS = new HashMap<>();

	/**
	 * Notification jobs, added but not run here (no mail server: a run would only log the
	 * mail).
	 */
	private static final NotificationJobs NOTIFICATION_JOBS = new NotificationJobs(
			new Senders(new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class), notifications(true)),
			new ObjectMapper());

	/**
	 * Stands in for GitHub: pm-core (areas DEMAND, SUPPORT, TRUST_SAFETY, OTHER) tracks
	 * delivery there.
	 */
	public static final RecordingHttpServer GITHUB = new RecordingHttpServer();

	public static final RecordingHttpServer PROMETHEUS = new RecordingHttpServer();

	/** The metrics database of the SQL metric source. */
	public static final String METRICS_DATABASE = "jdbc:h2:mem:loop-process-tests-metrics;DB_CLOSE_DELAY=-1";

	private LoopTestEngine() {
	}

	/** Everything the loop deploys: its process, decision tables and forms. */
	public static final List<String> RESOURCES = List.of("processes/ProductOpsLoop.bpmn",
			"processes/ReportPriority.dmn", "processes/ReportRouting.dmn", "processes/VerificationVerdict.dmn",
			"processes/ReportersVerdict.dmn", "processes/EvidenceReturn.dmn", "forms/report-problem.form",
			"forms/triage-report.form", "forms/provide-more-info.form", "forms/decide-on-report.form",
			"forms/confirm-shipped.form", "forms/verify-outcome.form", "forms/confirm-fix.form");

	/** A deployment builder with the loop's resources (add more, then deploy). */
	public static DeploymentBuilder deployment(ProcessEngine engine) {
		DeploymentBuilder deployment = engine.getRepositoryService().createDeployment();
		RESOURCES.forEach(deployment::addClasspathResource);
		return deployment;
	}

	/**
	 * An application bean as wired for the current test, e.g.
	 * {@code bean("metricReadings", MetricReadings.class)}.
	 */
	public static <T> T bean(String name, Class<T> type) {
		return type.cast(BEANS.get(name));
	}

	public static ProcessCoverageInMemProcessEngineConfiguration configuration() {
		// not "default": engines register JVM-wide by name, and the application's REST
		// login looks up "default"
		return configure(new ProcessCoverageInMemProcessEngineConfiguration(), "loop-process-tests", dataSource());
	}

	/**
	 * The loop's engine settings on the given configuration, with the application's beans
	 * (filled by wire()).
	 */
	public static <C extends ProcessEngineConfigurationImpl> C configure(C configuration, String name,
			DataSource dataSource) {
		configuration.setProcessEngineName(name);
		configuration.setDataSource(dataSource);
		configuration.setDatabaseSchemaUpdate("true");
		configuration.setHistory("full");
		configuration.setJobExecutorActivate(false);
		// as in application.yaml
		configuration.setEnableHistoricInstancePermissions(true);
		configuration.setBeans(BEANS); // filled by wire() once the engine exists
		// the application's engine plugins that change what the engine writes
		// (LoopBoundary is tested on the application)
		configuration.getProcessEnginePlugins().add(new JobLogFilterPlugin());
		configuration.getProcessEnginePlugins().add(new LongTextPlugin());
		configuration.getProcessEnginePlugins().add(new CaseRecordsPlugin(new JdbcTemplate(dataSource)));
		configuration.getProcessEnginePlugins().add(new NotificationJobsPlugin(NOTIFICATION_JOBS, notifications(true)));
		return configuration;
	}

	/** Creates the application's beans on top of the engine's services. */
	public static void wire(ProcessEngine engine) {
		wire(engine, dataSource(), false);
	}

	/**
	 * The same, with the application's own tables (case numbers, readings) in the given
	 * database, and notifications (jobs, not sent here) on or off.
	 */
	public static void wire(ProcessEngine engine, DataSource dataSource, boolean notify) {
		new ResourceDatabasePopulator(new ClassPathResource("schema.sql")).execute(dataSource);
		// each test starts at OPS-yyyy-0001
		var jdbc = new JdbcTemplate(dataSource);
		jdbc.queryForList("SELECT sequence_name FROM information_schema.sequences WHERE LOWER(sequence_name) LIKE "
				+ "'ops_case_number_%'", String.class)
			.forEach(sequence -> jdbc.execute("DROP SEQUENCE " + sequence));
		new JdbcTemplate(dataSource).update("DELETE FROM ops_metric_reading");
		new JdbcTemplate(dataSource).update("DELETE FROM ops_case");
		GITHUB.reset();
		PROMETHEUS.reset();
		var caseNumbers = new CaseNumbers(new JdbcTemplate(dataSource), new DataSourceTransactionManager(dataSource),
				CLOCK);
		var cases = new CaseDirectory(engine.getRuntimeService(), engine.getHistoryService());
		var intake = new ProblemReportedInput();
		var metrics = new MetricReader(new MetricReadings(new JdbcTemplate(dataSource)),
				new MetricsProperties(new MetricsProperties.Prometheus(PROMETHEUS.url(), "", Duration.ofSeconds(2)),
						new MetricsProperties.Sql(METRICS_DATABASE, "sa", "", Duration.ofSeconds(5))),
				ZONE);
		var inputs = new StepInputs(List.of(intake, new TriageReportInput(cases), new ProvideMoreInfoInput(),
				new DecideOnReportInput(CLOCK, metrics, WatchProperties.defaults()), new ConfirmShippedInput(),
				new VerifyOutcomeInput(), new ConfirmFixInput()));
		BEANS.put("stepInputs", inputs);
		var access = new CaseAccess(engine.getAuthorizationService());
		BEANS.put("registerCaseDelegate", new RegisterCaseDelegate(intake, caseNumbers, access, CLOCK));
		BEANS.put("routedGroupAccessListener", new RoutedGroupAccessListener(access));
		var duplicates = new DuplicateIndex(new JdbcTemplate(dataSource), CLOCK);
		BEANS.put("duplicateIndex", duplicates);
		BEANS.put("findDuplicatesDelegate",
				new FindDuplicatesDelegate(new DuplicateFinder(duplicates, engine.getRuntimeService()), duplicates));
		BEANS.put("mergeIntoOriginalDelegate",
				new MergeIntoOriginalDelegate(new DuplicateMerger(
						cases, engine.getRuntimeService(), new CaseReach(engine.getRuntimeService(),
								engine.getTaskService(), engine.getDecisionService(), new TaskPriorities(), CLOCK),
						CLOCK)));
		// notifications are sent by the application (NotificationTests); process tests
		// switch them off
		var notifications = notifications(notify);
		BEANS.put("caseEvents",
				new CaseEvents(notifications, NOTIFICATION_JOBS, new MailTemplates(), engine.getRuntimeService(), cases,
						engine.getTaskService(), new Recipients(engine.getIdentityService()),
						new NotificationContent(CLOCK, new ObjectMapper(), SlaProperties.defaults())));
		var trackers = new DeliveryTrackers(new DeliveryProperties("none", Map.of("pm-core", "github"), "R3/PT5M",
				Duration.ofSeconds(2),
				new DeliveryProperties.GitHub(GITHUB.url(), "acme/marketplace", "test-token", List.of("product-ops"),
						""),
				new DeliveryProperties.Jira("", 2, "", "Task", "", "", List.of(), "", List.of("Done", "Fixed"))));
		BEANS.put("deliveryTrackers", trackers);
		BEANS.put("openDeliveryTicketDelegate", new OpenDeliveryTicketDelegate(trackers, notifications));
		BEANS.put("deliveryShipments", new DeliveryShipments(engine.getRuntimeService()));
		BEANS.put("readMetricDelegate", new ReadMetricDelegate(metrics, CLOCK));
		BEANS.put("metricReadings", new MetricReadings(new JdbcTemplate(dataSource)));
		BEANS.put("recordShipmentDelegate", new RecordShipmentDelegate(CLOCK));
		BEANS.put("reopenCaseDelegate", new ReopenCaseDelegate());
		BEANS.put("stepInputListener", new StepInputListener(inputs));
		BEANS.put("taskDeadlines", new TaskDeadlines(SlaProperties.defaults(), CLOCK));
		BEANS.put("taskPriorities", new TaskPriorities());
		BEANS.put("reportersVerdict", new ReportersVerdict(CLOCK));
		BEANS.put("regressionWatch", new RegressionWatch(WatchProperties.defaults(), metrics, CLOCK));
	}

	/**
	 * Notifications as the application has them by default: a mail and one webhook
	 * target.
	 */
	private static NotificationProperties notifications(boolean enabled) {
		return new NotificationProperties(enabled, "http://localhost:8080", "R3/PT5M",
				new NotificationProperties.Mail(true, "product-ops@productops.example"),
				new NotificationProperties.Webhooks(List.of("http://localhost:9/hooks"), "secret"));
	}

	private static DataSource dataSource() {
		return new DriverManagerDataSource(JDBC_URL, "sa", "");
	}

}
