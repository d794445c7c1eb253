package com.productops.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.productops.input.StepInput.CaseContext;
import com.productops.loop.BusinessClock;
import com.productops.verification.MetricReader;
import com.productops.verification.MetricsProperties;
import com.productops.verification.WatchProperties;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecideOnReportInputTests {

	private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

	/** Prometheus is configured here, the SQL metrics database is not. */
	private final DecideOnReportInput input = new DecideOnReportInput(new BusinessClock(ZONE), new MetricReader(null,
			new MetricsProperties(new MetricsProperties.Prometheus("http://prometheus:9090", "", Duration.ofSeconds(5)),
					new MetricsProperties.Sql("", "", "", Duration.ofSeconds(5))),
			ZONE, null), WatchProperties.defaults());

	private final CaseContext context = new CaseContext("1", "OPS-2026-0001");

	@BeforeEach
	void today() {
		ClockUtil.setCurrentTime(Date.from(LocalDateTime.of(2026, 11, 24, 15, 0).atZone(ZONE).toInstant()));
	}

	@AfterEach
	void reset() {
		ClockUtil.reset();
	}

	@Test
	void buildNormalisesTheSuccessMetric() {
		Map<String, Object> accepted = this.input.accept(build("increase", 10, 20, "p14d"), this.context);
		assertThat(accepted).containsEntry("pmDecision", "BUILD")
			.containsEntry("metricDirection", "INCREASE")
			.containsEntry("baselineValue", 10.0)
			.containsEntry("targetValue", 20.0)
			.containsEntry("verificationWindow", "P14D")
			.containsEntry("metricSource", "MANUAL")
			.containsEntry("metricQuery", null);
	}

	@Test
	void buildMayReadTheMetricFromAConfiguredSource() {
		Map<String, Object> submitted = build("DECREASE", 120, 30, "P14D");
		submitted.put("metricSource", "prometheus");
		submitted.put("metricQuery", "sum(increase(refund_tickets_total[7d]))");

		assertThat(this.input.accept(submitted, this.context)).containsEntry("metricSource", "PROMETHEUS")
			.containsEntry("metricQuery", "sum(increase(refund_tickets_total[7d]))");
	}

	@Test
	void aMetricSourceNeedsAQueryAndMustBeConfigured() {
		Map<String, Object> noQuery = build("DECREASE", 120, 30, "P14D");
		noQuery.put("metricSource", "PROMETHEUS");
		assertThatThrownBy(() -> this.input.accept(noQuery, this.context)).hasMessage("Query: required");

		Map<String, Object> sql = build("DECREASE", 120, 30, "P14D");
		sql.put("metricSource", "SQL");
		sql.put("metricQuery", "SELECT 1");
		assertThatThrownBy(() -> this.input.accept(sql, this.context)).hasMessage(
				"Read the metric from: a metrics database is not set up on this server (productops.metrics.sql.url)");

		Map<String, Object> unknown = build("DECREASE", 120, 30, "P14D");
		unknown.put("metricSource", "EXCEL");
		assertThatThrownBy(() -> this.input.accept(unknown, this.context))
			.hasMessage("Read the metric from: must be one of Readings posted by Product Ops or a script (manual), "
					+ "Prometheus (PromQL query), Metrics database (SQL query)");
	}

	@Test
	void buildNeedsATargetBeyondTheBaseline() {
		assertThatThrownBy(() -> this.input.accept(build("DECREASE", 10, 12, "P14D"), this.context))
			.hasMessage("Target: must be below the baseline (10) when the metric should decrease");
		assertThatThrownBy(() -> this.input.accept(build("INCREASE", 10, 10, "P14D"), this.context))
			.hasMessage("Target: must be above the baseline (10) when the metric should increase");
	}

	@ParameterizedTest
	@ValueSource(strings = { "14 days", "P", "PT", "P0D", "PT0H", "-P1D", "P1.5D", "14" })
	void buildNeedsAPositiveIsoDuration(String window) {
		assertThatThrownBy(() -> this.input.accept(build("INCREASE", 1, 2, window), this.context))
			.hasMessage("Check it after: choose one of the offered windows or a number of days");
	}

	@ParameterizedTest
	@ValueSource(strings = { "P14D", "P2W", "P1M", "PT12H", "P1DT12H", "P1Y" })
	void buildAcceptsTheDurationsTimersUnderstand(String window) {
		assertThat(this.input.accept(build("INCREASE", 1, 2, window), this.context)).containsEntry("verificationWindow",
				window);
	}

	@ParameterizedTest
	@ValueSource(strings = { "P366D", "P2Y", "P306783379W", "P999999999W" })
	void buildChecksWithinAYear(String window) {
		assertThatThrownBy(() -> this.input.accept(build("INCREASE", 1, 2, window), this.context))
			.hasMessage("Check it after: must be at most 365 days");
	}

	@Test
	void buildWithoutMetricListsWhatIsMissing() {
		Map<String, Object> submitted = Map.of("pmDecision", "BUILD", "decisionRationale", "Worth it");
		assertThatThrownBy(() -> this.input.accept(submitted, this.context)).hasMessage(
				"Success metric: required; Working means the metric should: required; Baseline (today): required; "
						+ "Target: required; Check it after: required");
	}

	@Test
	void backlogRevisitsAtNineOnTheDay() {
		Map<String, Object> accepted = this.input.accept(
				Map.of("pmDecision", "BACKLOG", "decisionRationale", "Later", "revisitOn", "2027-01-11"), this.context);
		assertThat(accepted).containsEntry("revisitOn", "2027-01-11")
			.containsEntry("revisitAt", Date.from(LocalDateTime.of(2027, 1, 11, 9, 0).atZone(ZONE).toInstant()));
	}

	@Test
	void whatAnotherDecisionNeedsIsNotKept() {
		// an API client sends a backlog decision with a build's fields, odd ones too
		Map<String, Object> backlog = build("SIDEWAYS", 1, 2, "12345");
		backlog.putAll(Map.of("pmDecision", "BACKLOG", "revisitOn", "2027-01-11", "targetValue", List.of(1, 2)));
		Map<String, Object> accepted = this.input.accept(backlog, this.context);
		assertThat(accepted).containsEntry("revisitOn", "2027-01-11");
		DecideOnReportInput.BUILD_ONLY.forEach(field -> assertThat(accepted).containsEntry(field, null));

		Map<String, Object> build = build("INCREASE", 1, 2, "P14D");
		build.put("revisitOn", "someday");
		assertThat(this.input.accept(build, this.context)).containsEntry("revisitOn", null);
	}

	@Test
	void backlogNeedsAFutureDate() {
		assertThatThrownBy(() -> this.input.accept(
				Map.of("pmDecision", "BACKLOG", "decisionRationale", "Later", "revisitOn", "2026-11-24"), this.context))
			.hasMessage("Revisit on: must be after today (24 Nov 2026)");
		assertThatThrownBy(() -> this.input
			.accept(Map.of("pmDecision", "BACKLOG", "decisionRationale", "Later", "revisitOn", "soon"), this.context))
			.hasMessage("Revisit on: must be a date like 2026-12-01");
	}

	@Test
	void everyDecisionNeedsARationale() {
		assertThatThrownBy(() -> this.input.accept(Map.of("pmDecision", "WONT_DO"), this.context))
			.hasMessage("Rationale: required");
		assertThatThrownBy(
				() -> this.input.accept(Map.of("pmDecision", "MAYBE", "decisionRationale", "x"), this.context))
			.hasMessage("Decision: must be one of Build now, Backlog – revisit later, Won't do");
	}

	private static Map<String, Object> build(String direction, double baseline, double target, String window) {
		Map<String, Object> submitted = new HashMap<>();
		submitted.put("pmDecision", "BUILD");
		submitted.put("decisionRationale", "Top pain");
		submitted.put("successMetric", "Tickets per week");
		submitted.put("metricDirection", direction);
		submitted.put("baselineValue", (int) baseline == baseline ? (Object) (int) baseline : baseline);
		submitted.put("targetValue", target);
		submitted.put("verificationWindow", window);
		return submitted;
	}

}
