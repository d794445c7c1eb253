package com.productops.verification;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import com.productops.integration.IntegrationException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Reads the metric with one SELECT against the metrics database, in a read-only
 * transaction that is rolled back, with a time limit. The query may use
 * {@code :windowStart} and {@code :windowEnd} (timestamps) and must return one row with a
 * number in its first column.
 */
class SqlMetric {

	private static final Pattern SELECT = Pattern.compile("(?is)\\s*(select|with)\\b.*");

	private final MetricsProperties.Sql settings;

	private final DataSource dataSource;

	SqlMetric(MetricsProperties.Sql settings) {
		this.settings = settings;
		this.dataSource = new DriverManagerDataSource(settings.url(), settings.username(), settings.password());
	}

	/**
	 * What is wrong with a query before it ever runs: only a single SELECT (or WITH …
	 * SELECT) is accepted.
	 */
	static Optional<String> problemWith(String query) {
		String statement = stripTrailingSemicolon(query);
		if (!SELECT.matcher(statement).matches()) {
			return Optional.of("a SQL metric query must be a single SELECT (or WITH ... SELECT)");
		}
		if (statement.contains(";")) {
			return Optional.of("a SQL metric query must be a single statement (no ';' inside)");
		}
		return Optional.empty();
	}

	double read(String query, Instant windowStart, Instant windowEnd) {
		problemWith(query).ifPresent(problem -> {
			throw new IntegrationException(problem);
		});
		ParsedSql parsed = NamedParameterUtils.parseSqlStatement(stripTrailingSemicolon(query));
		var parameters = new MapSqlParameterSource(
				Map.of("windowStart", Timestamp.from(windowStart), "windowEnd", Timestamp.from(windowEnd)));
		String sql = NamedParameterUtils.substituteNamedParameters(parsed, parameters);
		Object[] values = NamedParameterUtils.buildValueArray(parsed, parameters, null);
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setReadOnly(true);
			connection.setAutoCommit(false);
			try (PreparedStatement statement = connection.prepareStatement(sql)) {
				statement.setQueryTimeout((int) Math.max(1, this.settings.timeout().toSeconds()));
				statement.setMaxRows(2);
				for (int i = 0; i < values.length; i++) {
					statement.setObject(i + 1, values[i]);
				}
				try (ResultSet rows = statement.executeQuery()) {
					return single(rows);
				}
			}
			finally {
				connection.rollback();
			}
		}
		catch (SQLException ex) {
			throw new IntegrationException("The metrics database refused the query: " + ex.getMessage(), ex);
		}
	}

	private static double single(ResultSet rows) throws SQLException {
		if (!rows.next()) {
			throw new IntegrationException("SQL metric query returned no row");
		}
		Object value = rows.getObject(1);
		if (rows.next()) {
			throw new IntegrationException("SQL metric query returned more than one row; it must return exactly one");
		}
		if (!(value instanceof Number number)) {
			throw new IntegrationException(
					"SQL metric query returned " + (value == null ? "NULL" : "'" + value + "'") + ", not a number");
		}
		double result = number.doubleValue();
		if (!Double.isFinite(result)) {
			throw new IntegrationException("SQL metric query returned " + result + ", not a finite number");
		}
		return result;
	}

	private static String stripTrailingSemicolon(String query) {
		String statement = query.strip();
		return statement.endsWith(";") ? statement.substring(0, statement.length() - 1).strip() : statement;
	}

}
