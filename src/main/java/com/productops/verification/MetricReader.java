package com.productops.verification;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.Map;
import java.util.Optional;

import com.productops.integration.IntegrationException;
import com.productops.loop.Labels;
import com.productops.loop.PeopleNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.util.StringUtils;

/**
 * Reads a case's success metric from the source the PM chose. Never throws: a source that
 * fails, or has nothing inside the window, gives an observation without a value and the
 * reason, and the verdict becomes INCONCLUSIVE.
 */
@Service
public class MetricReader {

	private static final Logger log = LoggerFactory.getLogger(MetricReader.class);

	/** Where a value comes from, as the case page says it. */
	private static final Map<MetricSource, String> SOURCE_NAMES = Map.of(MetricSource.MANUAL, "the readings recorded",
			MetricSource.PROMETHEUS, "Prometheus", MetricSource.SQL, "the metrics database");

	private final MetricReadings readings;

	private final PeopleNames names;

	private final MetricsProperties properties;

	private final PrometheusMetric prometheus;

	private final SqlMetric sql;

	private final ZoneId zone;

	public MetricReader(MetricReadings readings, MetricsProperties properties, ZoneId zone, PeopleNames names) {
		this.readings = readings;
		this.names = names;
		this.zone = zone;
		this.properties = properties;
		this.prometheus = properties.prometheus().configured() ? new PrometheusMetric(properties.prometheus()) : null;
		this.sql = properties.sql().configured() ? new SqlMetric(properties.sql()) : null;
	}

	/**
	 * @param value null when there is none; then note says why
	 * @param note what the case page tells everyone on the case, reporters too: where the
	 * value came from, or that there is none
	 * @param problem why a source could not be read, in its own terms (its answer, the
	 * database's refusal): for Product Ops, who verify; null when it was read
	 */
	public record Observation(Double value, Instant observedAt, String note, String problem) {

		Observation(Double value, Instant observedAt, String note) {
			this(value, observedAt, note, null);
		}

	}

	/**
	 * What is wrong with choosing this source and query (null: not given yet) at decision
	 * time, if anything.
	 */
	public Optional<String> problemWith(MetricSource source, String query) {
		return switch (source) {
			case MANUAL -> Optional.empty();
			case PROMETHEUS -> (this.prometheus == null)
					? Optional.of("Prometheus is not set up on this server (productops.metrics.prometheus.url)")
					: Optional.empty();
			case SQL -> (this.sql == null)
					? Optional.of("a metrics database is not set up on this server (productops.metrics.sql.url)")
					: (query == null) ? Optional.empty() : SqlMetric.problemWith(query);
		};
	}

	public Observation read(String caseNumber, MetricSource source, String query, Instant windowStart,
			Instant windowEnd) {
		try {
			return switch (source) {
				case MANUAL -> this.readings.latest(caseNumber, windowStart, windowEnd)
					.map(reading -> new Observation(reading.value(), reading.timestamp(),
							"Reading from " + reading.source() + ", recorded by "
									+ this.names.of(reading.recordedBy())))
					.orElseGet(() -> new Observation(null, null,
							"No reading was recorded between " + Labels.dateTime(Date.from(windowStart), this.zone)
									+ " and " + Labels.dateTime(Date.from(windowEnd), this.zone)));
				case PROMETHEUS -> new Observation(available(this.prometheus, source).read(query, windowEnd), windowEnd,
						"Read from Prometheus");
				case SQL -> new Observation(available(this.sql, source).read(query, windowStart, windowEnd), windowEnd,
						"Read from the metrics database");
			};
		}
		catch (RuntimeException ex) {
			String problem = (ex instanceof IntegrationException) ? ex.getMessage()
					: "an unexpected error (the server's log has it)";
			log.warn("{}: the {} metric could not be read: {}", caseNumber, source, ex.toString());
			// the query, the source's answer and the database's words are for staff
			return new Observation(null, null, "The metric could not be read from " + SOURCE_NAMES.get(source),
					problem);
		}
	}

	private <T> T available(T source, MetricSource kind) {
		if (source == null) {
			throw new IntegrationException(
					StringUtils.capitalize(SOURCE_NAMES.get(kind)) + " is no longer set up on this server");
		}
		return source;
	}

}
