package com.productops.verification;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The readings of each case's success metric, in the application's own table
 * (schema.sql).
 */
@Repository
public class MetricReadings {

	private static final RowMapper<MetricReading> ROW = (rows, n) -> new MetricReading(rows.getDouble("metric_value"),
			rows.getObject("measured_at", OffsetDateTime.class).toInstant(), rows.getString("source"),
			rows.getString("recorded_by"), rows.getObject("recorded_at", OffsetDateTime.class).toInstant());

	private final JdbcTemplate jdbc;

	public MetricReadings(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public void add(String caseNumber, MetricReading reading) {
		this.jdbc.update(
				"INSERT INTO ops_metric_reading (case_number, metric_value, measured_at, source, recorded_by, "
						+ "recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
				caseNumber, reading.value(), utc(reading.timestamp()), reading.source(), reading.recordedBy(),
				utc(reading.recordedAt()));
	}

	/**
	 * A page of the case's readings, the earliest measured first: {@code max} of them
	 * from the {@code first} (0: the earliest).
	 */
	public List<MetricReading> of(String caseNumber, long first, int max) {
		return this.jdbc.query("SELECT * FROM ops_metric_reading WHERE case_number = ? ORDER BY measured_at, id "
				+ "OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", ROW, caseNumber, first, max);
	}

	public long count(String caseNumber) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM ops_metric_reading WHERE case_number = ?", Long.class,
				caseNumber);
	}

	/**
	 * The {@code max} readings recorded last, the last first, with how many the case has
	 * and when the earlier ones were recorded: a feed that posts every minute leaves
	 * thousands.
	 */
	public Recent recent(String caseNumber, int max) {
		record Row(MetricReading reading, long total, Instant firstRecorded) {
		}
		// one more than listed: when the last of the earlier ones was recorded
		List<Row> rows = this.jdbc.query(
				"SELECT r.*, COUNT(*) OVER () AS readings, MIN(recorded_at) OVER () AS first_recorded "
						+ "FROM ops_metric_reading r WHERE case_number = ? ORDER BY recorded_at DESC, id DESC LIMIT ?",
				(result, n) -> new Row(ROW.mapRow(result, n), result.getLong("readings"),
						result.getObject("first_recorded", OffsetDateTime.class).toInstant()),
				caseNumber, max + 1);
		if (rows.isEmpty()) {
			return new Recent(List.of(), 0, null, null);
		}
		List<MetricReading> latest = rows.stream().limit(max).map(Row::reading).toList();
		Instant lastEarlier = (rows.size() > max) ? rows.get(max).reading().recordedAt() : null;
		return new Recent(latest, rows.get(0).total(), rows.get(0).firstRecorded(), lastEarlier);
	}

	/**
	 * The latest reading taken in [from, to]; of two taken at the same moment, the one
	 * recorded last.
	 */
	public Optional<MetricReading> latest(String caseNumber, Instant from, Instant to) {
		return this.jdbc
			.query("SELECT * FROM ops_metric_reading WHERE case_number = ? AND measured_at >= ? AND "
					+ "measured_at <= ? ORDER BY measured_at DESC, id DESC LIMIT 1", ROW, caseNumber, utc(from),
					utc(to))
			.stream()
			.findFirst();
	}

	/**
	 * The readings recorded after {@code after} and measured since {@code measuredSince}:
	 * the one measured last (of two measured at the same moment, the one recorded last),
	 * and how many there are.
	 */
	public Optional<Later> recordedAfter(String caseNumber, Instant after, Instant measuredSince) {
		return this.jdbc
			.query("SELECT r.*, COUNT(*) OVER () AS readings FROM ops_metric_reading r WHERE case_number = ? "
					+ "AND recorded_at > ? AND measured_at >= ? ORDER BY measured_at DESC, id DESC LIMIT 1",
					(rows, n) -> new Later(ROW.mapRow(rows, n), rows.getInt("readings")), caseNumber, utc(after),
					utc(measuredSince))
			.stream()
			.findFirst();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/**
	 * @param timestamp when the value was measured
	 * @param source where it came from (a dashboard, a script)
	 * @param recordedBy the user who posted it
	 */
	public record MetricReading(double value, Instant timestamp, String source, String recordedBy, Instant recordedAt) {
	}

	/**
	 * The readings recorded last, the last first, of {@code total}; the earlier ones were
	 * recorded from {@code firstRecorded} to {@code lastEarlier} (null without them).
	 */
	public record Recent(List<MetricReading> latest, long total, Instant firstRecorded, Instant lastEarlier) {

		/** How many were recorded before those. */
		public long earlier() {
			return this.total - this.latest.size();
		}

	}

	/** The latest of {@code count} readings. */
	public record Later(MetricReading latest, int count) {
	}

}
