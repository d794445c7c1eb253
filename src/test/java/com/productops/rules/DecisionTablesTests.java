package com.productops.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The DMN tables on their own, with the standalone DMN engine. Each row of every table is
 * hit at least once; {@link #everyRuleIsHit()} checks that against the rules the engine
 * reports as matched.
 */
class DecisionTablesTests {

	private static final Map<String, Set<String>> matchedRules = new HashMap<>();

	private static final DmnEngine dmn = engine();

	private static DmnEngine engine() {
		DefaultDmnEngineConfiguration configuration = (DefaultDmnEngineConfiguration) DmnEngineConfiguration
			.createDefaultDmnEngineConfiguration();
		configuration.customPostDecisionTableEvaluationListeners(
				List.<DmnDecisionTableEvaluationListener>of(DecisionTablesTests::record));
		return configuration.buildEngine();
	}

	private static void record(DmnDecisionTableEvaluationEvent event) {
		event.getMatchingRules()
			.forEach(rule -> matchedRules.computeIfAbsent(event.getDecision().getKey(), key -> new TreeSet<>())
				.add(rule.getId()));
	}

	@ParameterizedTest(name = "{0}, {1} people, {2} h -> {3}")
	@CsvSource({ "CRITICAL, 0, 0, P1", "HIGH, 100, 0, P1", "HIGH, 99, 40, P1", "HIGH, 99, 39.9, P2",
			"MEDIUM, 100, 0, P2", "MEDIUM, 5, 40, P2", "MEDIUM, 99, 39.5, P3", "LOW, 500, 0, P3", "LOW, 10, 100, P3",
			"LOW, 499, 99, P4" })
	void priority(String urgency, double people, double hours, String priority) {
		Map<String, Object> inputs = Map.of("urgency", urgency, "peopleAffectedPerWeek", people, "hoursLostPerWeek",
				hours);
		assertThat(single("ReportPriority", inputs)).isEqualTo(priority);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "SUPPLY, pm-supply", "DISPATCH, pm-dispatch", "PAYMENTS, pm-payments", "DEMAND, pm-core",
			"SUPPORT, pm-core", "TRUST_SAFETY, pm-core", "OTHER, pm-core" })
	void routing(String area, String group) {
		assertThat(single("ReportRouting", Map.of("area", area))).isEqualTo(group);
	}

	@ParameterizedTest(name = "observed {0}, {1} to {2} -> {3}")
	@CsvSource({ ", INCREASE, 20, INCONCLUSIVE", "20, INCREASE, 20, WORKING", "25, INCREASE, 20, WORKING",
			"19.9, INCREASE, 20, NOT_WORKING", "5, DECREASE, 5, WORKING", "3, DECREASE, 5, WORKING",
			"6, DECREASE, 5, NOT_WORKING" })
	void verdict(Double observed, String direction, double target, String verdict) {
		Map<String, Object> inputs = new HashMap<>();
		inputs.put("observedValue", observed);
		inputs.put("metricDirection", direction);
		inputs.put("targetValue", target);
		inputs.put("baselineValue", 10.0);
		assertThat(single("VerificationVerdict", inputs)).isEqualTo(verdict);
	}

	@Test
	void verdictTreatsWholeNumbersLikeDecimals() {
		Map<String, Object> inputs = Map.of("observedValue", 21, "metricDirection", "INCREASE", "targetValue", 20.0);
		assertThat(single("VerificationVerdict", inputs)).isEqualTo("WORKING");
	}

	@ParameterizedTest(name = "metric {0}, {1}, {2} answered, {3} said no, shares no {4} yes {5} -> {6}")
	@CsvSource({ "WORKING, P1, 3, 1, 0.33, 0.67, DISPUTED", "WORKING, P2, 3, 2, 0.67, 0.33, DISPUTED",
			"WORKING, P2, 2, 1, 0.5, 0.5, WORKING", "WORKING, P2, 0, 0, 0, 0, WORKING",
			"NOT_WORKING, P3, 2, 0, 0, 1, DISPUTED", "NOT_WORKING, P3, 2, 1, 0.5, 0.5, NOT_WORKING",
			"INCONCLUSIVE, P2, 2, 0, 0, 1, WORKING", "INCONCLUSIVE, P2, 3, 2, 0.67, 0, NOT_WORKING",
			"INCONCLUSIVE, P2, 0, 0, 0, 0, INCONCLUSIVE" })
	void reportersVerdict(String metric, String priority, int answered, int saidNo, double shareNo, double shareYes,
			String verdict) {
		Map<String, Object> inputs = Map.of("metricVerdict", metric, "priority", priority, "answered", answered,
				"saidNo", saidNo, "shareNo", shareNo, "shareYes", shareYes);
		DmnDecisionTableResult result = dmn.evaluateDecisionTable(decision("ReportersVerdict"), inputs);
		assertThat(result).hasSize(1);
		assertThat((Object) result.getSingleResult().getEntry("combinedVerdict")).isEqualTo(verdict);
		// a verdict that is not the metric's always says why
		Object reason = result.getSingleResult().getEntry("combinedVerdictReason");
		assertThat(reason != null).isEqualTo(!verdict.equals(metric));
	}

	@AfterAll
	static void everyRuleIsHit() {
		for (String id : new String[] { "ReportPriority", "ReportRouting", "VerificationVerdict",
				"ReportersVerdict" }) {
			DmnDecision decision = decision(id);
			Set<String> all = new TreeSet<>();
			((DmnDecisionTableImpl) decision.getDecisionLogic()).getRules().forEach(rule -> all.add(rule.getId()));
			assertThat(matchedRules.get(id)).as("rules of %s hit by the tests", id).isEqualTo(all);
		}
	}

	private static Object single(String id, Map<String, Object> inputs) {
		DmnDecisionTableResult result = dmn.evaluateDecisionTable(decision(id), inputs);
		assertThat(result).hasSize(1);
		var entries = result.getSingleResult();
		return entries.getSingleEntry();
	}

	private static DmnDecision decision(String id) {
		try (InputStream dmnFile = DecisionTablesTests.class.getResourceAsStream("/processes/" + id + ".dmn")) {
			return dmn.parseDecision(id, dmnFile);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
