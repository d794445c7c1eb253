package com.productops.verification;

import static com.productops.loop.CaseVariables.BASELINE_VALUE;
import static com.productops.loop.CaseVariables.CASE_NUMBER;
import static com.productops.loop.CaseVariables.CASE_OUTCOME;
import static com.productops.loop.CaseVariables.CLOSED_AT;
import static com.productops.loop.CaseVariables.METRIC_DIRECTION;
import static com.productops.loop.CaseVariables.METRIC_SOURCE;
import static com.productops.loop.CaseVariables.REGRESSIONS;
import static com.productops.loop.CaseVariables.REGRESSION_NOTE;
import static com.productops.loop.CaseVariables.TARGET_VALUE;
import static com.productops.loop.CaseVariables.WATCH_METRIC_NOTE;
import static com.productops.loop.CaseVariables.WATCH_OBSERVED_AT;
import static com.productops.loop.CaseVariables.WATCH_OBSERVED_VALUE;
import static com.productops.loop.CaseVariables.WATCH_READINGS_DONE;
import static com.productops.loop.CaseVariables.WATCH_READ_AT;
import static com.productops.loop.CaseVariables.WATCH_STARTED_AT;
import static com.productops.loop.CaseVariables.WATCH_UNTIL;
import static com.productops.loop.CaseVariables.WATCH_VERDICT;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import com.productops.input.SubmittedInput;
import com.productops.loop.BusinessClock;
import com.productops.loop.CaseData;
import com.productops.loop.CaseOutcome;
import com.productops.loop.Labels;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Watches a case verified working for the problem's return: its metric is read again at
 * each of {@code productops.watch.readings} after the verification (same source, query
 * and VerificationVerdict rule), and a reading that misses the target re-opens the case;
 * so does a new report that Product Ops merges into it (message
 * {@code RegressionReported}). Used by the BPMN as
 * {@code ${regressionWatch.start(execution)}}, {@code hasNextReading},
 * {@code nextReadingAt}, {@code read} and {@code regressed}.
 */
@Component("regressionWatch")
public class RegressionWatch {

	private static final Logger log = LoggerFactory.getLogger(RegressionWatch.class);

	private final WatchProperties properties;

	private final MetricReader reader;

	private final BusinessClock clock;

	public RegressionWatch(WatchProperties properties, MetricReader reader, BusinessClock clock) {
		this.clock = clock;
		this.properties = properties;
		this.reader = reader;
	}

	/**
	 * The case is closed as working (its outcome is known now) and watched from now on.
	 */
	public void start(DelegateExecution execution) {
		Date now = this.clock.date();
		execution.setVariable(CASE_OUTCOME, CaseOutcome.WORKING.name());
		execution.setVariable(CLOSED_AT, now);
		execution.setVariable(WATCH_STARTED_AT, now);
		execution.setVariable(WATCH_READINGS_DONE, 0);
		execution.removeVariable(WATCH_READ_AT);
		Duration last = this.properties.readings().isEmpty() ? Duration.ZERO
				: this.properties.readings().get(this.properties.readings().size() - 1);
		execution.setVariable(WATCH_UNTIL, Date.from(now.toInstant().plus(last)));
	}

	public boolean hasNextReading(DelegateExecution execution) {
		return done(execution) < this.properties.readings().size();
	}

	public Date nextReadingAt(DelegateExecution execution) {
		return Date.from(startedAt(execution).plus(this.properties.readings().get(done(execution))));
	}

	/**
	 * Reads the metric for the time since the last reading (or the verification) and
	 * weighs it by the same rule.
	 */
	public void read(DelegateExecution execution) {
		int done = done(execution);
		// the time since the last reading was taken (a job that ran late or early leaves
		// no gap and no overlap)
		Date last = CaseData.WATCH_READ_AT.from(execution);
		Instant from = (last != null) ? last.toInstant() : startedAt(execution);
		Object chosen = execution.getVariable(METRIC_SOURCE);
		MetricSource source = (chosen == null) ? MetricSource.MANUAL : MetricSource.valueOf(chosen.toString());
		String caseNumber = CaseData.CASE_NUMBER.from(execution);
		MetricReader.Observation observation = this.reader.read(caseNumber, source,
				CaseData.METRIC_QUERY.from(execution), from, this.clock.instant());
		Map<String, Object> inputs = new HashMap<>();
		inputs.put("observedValue", observation.value());
		inputs.put(METRIC_DIRECTION, execution.getVariable(METRIC_DIRECTION));
		inputs.put(TARGET_VALUE, execution.getVariable(TARGET_VALUE));
		inputs.put(BASELINE_VALUE, execution.getVariable(BASELINE_VALUE));
		String verdict = execution.getProcessEngineServices()
			.getDecisionService()
			.evaluateDecisionTableByKey("VerificationVerdict")
			.variables(inputs)
			.evaluate()
			.getSingleResult()
			.getSingleEntry();
		execution.setVariable(WATCH_OBSERVED_VALUE, observation.value());
		execution.setVariable(WATCH_OBSERVED_AT,
				(observation.observedAt() == null) ? null : Date.from(observation.observedAt()));
		execution.setVariable(WATCH_METRIC_NOTE, observation.note());
		execution.setVariable(WATCH_VERDICT, verdict);
		execution.setVariable(WATCH_READINGS_DONE, done + 1);
		execution.setVariable(WATCH_READ_AT, this.clock.date());
		log.info("{}: watch reading {} of {}: {} ({})", caseNumber, done + 1, this.properties.readings().size(),
				observation.value(), verdict);
	}

	/**
	 * The problem is back: says why, for the PM and the timeline; Task_ReopenCase then
	 * starts the next iteration.
	 */
	public void regressed(DelegateExecution execution) {
		int regressions = CaseData.REGRESSIONS.from(execution, 0).intValue();
		execution.setVariable(REGRESSIONS, regressions + 1);
		if (execution.getVariable(REGRESSION_NOTE) == null) {
			// not reported by triage (which says which report it was): a watch reading
			// missed the target
			Number value = CaseData.WATCH_OBSERVED_VALUE.from(execution);
			Duration after = this.properties.readings().get(done(execution) - 1);
			execution.setVariable(REGRESSION_NOTE,
					"The success metric read "
							+ ((value != null) ? SubmittedInput.format(value.doubleValue()) : "nothing") + ", "
							+ Labels.duration(after.toString()) + " after the verification; the target is "
							+ SubmittedInput.format(CaseData.TARGET_VALUE.from(execution).doubleValue()) + ".");
		}
		log.info("{}: regression: {}", execution.getVariable(CASE_NUMBER), execution.getVariable(REGRESSION_NOTE));
	}

	private static int done(DelegateExecution execution) {
		return CaseData.WATCH_READINGS_DONE.from(execution, 0).intValue();
	}

	private static Instant startedAt(DelegateExecution execution) {
		return CaseData.WATCH_STARTED_AT.from(execution).toInstant();
	}

}
