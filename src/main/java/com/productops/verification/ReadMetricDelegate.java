package com.productops.verification;

import static com.productops.loop.CaseVariables.METRIC_NOTE;
import static com.productops.loop.CaseVariables.METRIC_PROBLEM;
import static com.productops.loop.CaseVariables.METRIC_SOURCE;
import static com.productops.loop.CaseVariables.OBSERVED_AT;
import static com.productops.loop.CaseVariables.OBSERVED_VALUE;

import java.time.Instant;
import java.util.Date;

import com.productops.loop.BusinessClock;
import com.productops.loop.CaseData;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Reads the success metric for the window from shipping until now, for the
 * VerificationVerdict table.
 */
@Component("readMetricDelegate")
public class ReadMetricDelegate implements JavaDelegate {

	private final MetricReader reader;

	private final BusinessClock clock;

	public ReadMetricDelegate(MetricReader reader, BusinessClock clock) {
		this.clock = clock;
		this.reader = reader;
	}

	@Override
	public void execute(DelegateExecution execution) {
		Object chosen = execution.getVariable(METRIC_SOURCE);
		MetricSource source = (chosen == null) ? MetricSource.MANUAL : MetricSource.valueOf(chosen.toString());
		Instant shippedAt = CaseData.SHIPPED_AT.from(execution).toInstant();
		MetricReader.Observation observation = this.reader.read(CaseData.CASE_NUMBER.from(execution), source,
				CaseData.METRIC_QUERY.from(execution), shippedAt, this.clock.instant());
		execution.setVariable(OBSERVED_VALUE, observation.value());
		execution.setVariable(OBSERVED_AT,
				(observation.observedAt() == null) ? null : Date.from(observation.observedAt()));
		execution.setVariable(METRIC_NOTE, observation.note());
		if (observation.problem() != null) {
			execution.setVariable(METRIC_PROBLEM, observation.problem()); // a re-open
																			// removes it
		}
	}

}
