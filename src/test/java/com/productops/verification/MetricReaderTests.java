package com.productops.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.productops.loop.PeopleNames;
import com.productops.testing.RecordingHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Reading the success metric from each source: the exact Prometheus request, the SQL
 * query with the window, manual readings inside the window, and every way a source can
 * fail (always an observation with the reason, never a crash).
 */
class MetricReaderTests {

	/** Everyone is Priya Patel here: the readings' notes name who recorded them. */
	private static final PeopleNames PRIYA = new PeopleNames(null) {
		@Override
		public Map<String, String> of(Collection<String> userIds) {
			return userIds.stream().collect(Collectors.toMap(id -> id, id -> "Priya Patel"));
		}
	};

	private static final Instant SHIPPED = Instant.parse("2026-11-09T10:00:00Z");

	private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

	private final RecordingHttpServer prometheus = new RecordingHttpServer();

	private final String database = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

	private MetricReadings readings;

	private MetricReader reader;

	@BeforeEach
	void setUp() {
		var dataSource = new DriverManagerDataSource(this.database, "sa", "");
		new ResourceDatabasePopulator(new ClassPathResource("schema.sql")).execute(dataSource);
		var jdbc = new JdbcTemplate(dataSource);
		jdbc.execute("CREATE TABLE refund_tickets (opened_at TIMESTAMP WITH TIME ZONE, reason VARCHAR(20))");
		jdbc.update("INSERT INTO refund_tickets VALUES (TIMESTAMP WITH TIME ZONE '2026-11-01 09:00:00+00', 'late')");
		jdbc.update("INSERT INTO refund_tickets VALUES (TIMESTAMP WITH TIME ZONE '2026-11-10 09:00:00+00', 'late')");
		jdbc.update("INSERT INTO refund_tickets VALUES (TIMESTAMP WITH TIME ZONE '2026-11-12 09:00:00+00', 'late')");
		jdbc.update("INSERT INTO refund_tickets VALUES (TIMESTAMP WITH TIME ZONE '2026-11-24 09:00:00+00', 'late')");
		this.readings = new MetricReadings(jdbc);
		this.reader = new MetricReader(this.readings,
				new MetricsProperties(
						new MetricsProperties.Prometheus(this.prometheus.url(), "prom-token", Duration.ofSeconds(1)),
						new MetricsProperties.Sql(this.database, "sa", "", Duration.ofSeconds(5))),
				ZoneOffset.UTC, PRIYA);
	}

	@AfterEach
	void stop() {
		this.prometheus.close();
	}

	@Test
	void prometheusEvaluatesTheQueryAtTheEndOfTheWindow() {
		this.prometheus.enqueue(200, """
				{"status":"success","data":{"resultType":"vector","result":[
				  {"metric":{"job":"refunds"},"value":[1795428000,"17.5"]}]}}""");

		var observation = read(MetricSource.PROMETHEUS, "sum(increase(refund_tickets_total[7d]))");

		assertThat(observation).isEqualTo(new MetricReader.Observation(17.5, NOW, "Read from Prometheus"));
		RecordingHttpServer.Request sent = this.prometheus.lastRequest();
		assertThat(sent.method()).isEqualTo("GET");
		assertThat(sent.pathAndQuery()).startsWith("/api/v1/query?query=");
		assertThat(RecordingHttpServer.queryParameter(sent, "query"))
			.isEqualTo("sum(increase(refund_tickets_total[7d]))");
		assertThat(RecordingHttpServer.queryParameter(sent, "time")).isEqualTo(String.valueOf(NOW.getEpochSecond()));
		assertThat(sent.header("Authorization")).isEqualTo("Bearer prom-token");
		assertThat(sent.header("Accept")).isEqualTo("application/json");
	}

	@Test
	void aScalarResultIsANumberToo() {
		this.prometheus.enqueue(200,
				"{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1795428000,\"3\"]}}");

		assertThat(read(MetricSource.PROMETHEUS, "scalar(vector(3))").value()).isEqualTo(3.0);
	}

	@Test
	void prometheusAnswersThatAreNotOneNumberAreInconclusiveWithTheReason() {
		this.prometheus.enqueue(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}")
			.enqueue(200, """
					{"status":"success","data":{"resultType":"vector","result":[
					  {"metric":{"a":"1"},"value":[1,"1"]},{"metric":{"a":"2"},"value":[1,"2"]}]}}""")
			.enqueue(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}")
			.enqueue(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"NaN\"]}}")
			.enqueue(400, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error at char 4\"}")
			.enqueue(503, "Service Unavailable")
			.enqueueSlow(Duration.ofSeconds(3), 200, "{}");

		assertUnreadable(MetricSource.PROMETHEUS, "Prometheus query returned "
				+ "0 series; it must return exactly one (aggregate it, e.g. sum(...) or avg(...))");
		assertUnreadable(MetricSource.PROMETHEUS, "Prometheus query returned "
				+ "2 series; it must return exactly one (aggregate it, e.g. sum(...) or avg(...))");
		assertUnreadable(MetricSource.PROMETHEUS,
				"Prometheus query returned " + "a matrix; it must return a scalar or a single-series vector");
		assertUnreadable(MetricSource.PROMETHEUS, "Prometheus query returned NaN, not a finite number");
		assertUnreadable(MetricSource.PROMETHEUS, "Prometheus answered HTTP "
				+ "400 to GET /api/v1/query: {\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse "
				+ "error at char 4\"}");
		assertUnreadable(MetricSource.PROMETHEUS,
				"Prometheus answered HTTP 503 to GET /api/v1/query: " + "Service Unavailable");
		assertThat(read(MetricSource.PROMETHEUS, "up").problem()).startsWith("Prometheus did not answer within 1 s");
	}

	@Test
	void sqlReadsOneNumberForTheWindow() {
		var observation = read(MetricSource.SQL,
				"SELECT COUNT(*) FROM refund_tickets WHERE opened_at BETWEEN :windowStart AND :windowEnd;");

		assertThat(observation).isEqualTo(new MetricReader.Observation(2.0, NOW, "Read from the metrics database"));
	}

	@Test
	void sqlResultsThatAreNotOneNumberAreInconclusiveWithTheReason() {
		assertUnreadable(MetricSource.SQL, "SELECT COUNT(*) FROM refund_tickets GROUP BY opened_at",
				"SQL metric query returned more than one row; it must return " + "exactly one");
		assertUnreadable(MetricSource.SQL, "SELECT 1 FROM refund_tickets WHERE reason = 'none'",
				"SQL metric query returned no row");
		assertUnreadable(MetricSource.SQL, "SELECT MAX(reason) FROM refund_tickets",
				"SQL metric query returned 'late', not a number");
		assertUnreadable(MetricSource.SQL, "SELECT CAST(NULL AS INT)", "SQL metric query returned NULL, not a number");
		assertThat(read(MetricSource.SQL, "SELECT COUNT(*) FROM no_such_table").problem())
			.startsWith("The metrics database refused the query: Table \"NO_SUCH_TABLE\" " + "not found");
	}

	@Test
	void onlyASingleSelectIsAccepted() {
		assertThat(this.reader.problemWith(MetricSource.SQL, "DELETE FROM refund_tickets"))
			.contains("a SQL metric query must be a single SELECT (or WITH ... SELECT)");
		assertThat(this.reader.problemWith(MetricSource.SQL, "SELECT 1; DROP TABLE refund_tickets"))
			.contains("a SQL metric query must be a single statement (no ';' inside)");
		assertThat(this.reader.problemWith(MetricSource.SQL, "  with t as (select 1 as n) select n from t;")).isEmpty();
		assertUnreadable(MetricSource.SQL, "UPDATE refund_tickets SET reason = 'x'",
				"a SQL metric query must be a single SELECT (or WITH ... SELECT)");
	}

	@Test
	void sourcesThatAreNotConfiguredAreRefusedAtDecisionTime() {
		var unconfigured = new MetricReader(this.readings,
				new MetricsProperties(new MetricsProperties.Prometheus("", "", Duration.ofSeconds(1)),
						new MetricsProperties.Sql("", "", "", Duration.ofSeconds(1))),
				ZoneOffset.UTC, PRIYA);

		assertThat(unconfigured.problemWith(MetricSource.MANUAL, null)).isEmpty();
		assertThat(unconfigured.problemWith(MetricSource.PROMETHEUS, "up"))
			.contains("Prometheus is not set up on this server (productops.metrics.prometheus.url)");
		assertThat(unconfigured.problemWith(MetricSource.SQL, "SELECT 1"))
			.contains("a metrics database is not set up on this server (productops.metrics.sql.url)");
		assertThat(unconfigured.read("OPS-2026-0001", MetricSource.PROMETHEUS, "up", SHIPPED, NOW).problem())
			.isEqualTo("Prometheus is no longer set up on this server");
	}

	@Test
	void manualSourceTakesTheLatestReadingInsideTheWindow() {
		// before shipping: a baseline, not a result
		add("OPS-2026-0001", 50, "2026-11-08T09:00:00Z");
		add("OPS-2026-0001", 31, "2026-11-15T09:00:00Z");
		add("OPS-2026-0001", 28, "2026-11-22T09:00:00Z");
		add("OPS-2026-0001", 99, "2026-11-23T11:00:00Z"); // after the window
		add("OPS-2026-0002", 1, "2026-11-22T10:00:00Z"); // another case

		assertThat(read(MetricSource.MANUAL, null)).isEqualTo(new MetricReader.Observation(28.0,
				Instant.parse("2026-11-22T09:00:00Z"), "Reading from refund dashboard, recorded by Priya Patel"));
		assertThat(this.readings.of("OPS-2026-0001", 0, 100)).extracting(MetricReadings.MetricReading::value)
			.containsExactly(50.0, 31.0, 28.0, 99.0);
	}

	/** The latest recorded for the lists, and when the ones before them were recorded. */
	@Test
	void theReadingsRecordedLastAndWhenTheEarlierOnesWere() {
		add("OPS-2026-0001", 50, "2026-11-08T09:00:00Z");
		add("OPS-2026-0001", 31, "2026-11-15T09:00:00Z");
		add("OPS-2026-0001", 28, "2026-11-22T09:00:00Z");
		add("OPS-2026-0002", 1, "2026-11-23T10:00:00Z"); // another case

		MetricReadings.Recent recent = this.readings.recent("OPS-2026-0001", 1);
		assertThat(recent.latest()).extracting(MetricReadings.MetricReading::value).containsExactly(28.0);
		assertThat(recent.earlier()).isEqualTo(2);
		assertThat(recent.firstRecorded()).isEqualTo(Instant.parse("2026-11-08T09:00:00Z"));
		assertThat(recent.lastEarlier()).isEqualTo(Instant.parse("2026-11-15T09:00:00Z"));
		assertThat(this.readings.recent("OPS-2026-0001", 3).earlier()).isZero();
		assertThat(this.readings.recent("OPS-2026-0009", 3).latest()).isEmpty();
	}

	@Test
	void manualSourceWithoutAReadingIsInconclusive() {
		add("OPS-2026-0001", 50, "2026-11-08T09:00:00Z");

		assertInconclusive(MetricSource.MANUAL, null,
				"No reading was recorded between 9 Nov 2026, 10:00 and " + "23 Nov 2026, 10:00");
	}

	@Test
	void anUnexpectedFailureIsToldWithoutItsTechnicalDetails() {
		// the note is on the case page for reporters: no SQL, no exception class
		new JdbcTemplate(new DriverManagerDataSource(this.database, "sa", "")).execute("DROP TABLE ops_metric_reading");

		assertUnreadable(MetricSource.MANUAL, null, "an unexpected error (the server's log has it)");
	}

	private void add(String caseNumber, double value, String timestamp) {
		this.readings.add(caseNumber, new MetricReadings.MetricReading(value, Instant.parse(timestamp),
				"refund dashboard", "priya", Instant.parse(timestamp)));
	}

	private MetricReader.Observation read(MetricSource source, String query) {
		return this.reader.read("OPS-2026-0001", source, query, SHIPPED, NOW);
	}

	private void assertInconclusive(MetricSource source, String query, String note) {
		assertThat(read(source, query)).isEqualTo(new MetricReader.Observation(null, null, note));
	}

	/**
	 * The case page says only where it could not be read from; the reason is for Product
	 * Ops.
	 */
	private void assertUnreadable(MetricSource source, String problem) {
		assertUnreadable(source, "up", problem);
	}

	private void assertUnreadable(MetricSource source, String query, String problem) {
		String from = Map
			.of(MetricSource.MANUAL, "the readings recorded", MetricSource.PROMETHEUS, "Prometheus", MetricSource.SQL,
					"the metrics database")
			.get(source);
		assertThat(read(source, query))
			.isEqualTo(new MetricReader.Observation(null, null, "The metric could not be read from " + from, problem));
	}

}
