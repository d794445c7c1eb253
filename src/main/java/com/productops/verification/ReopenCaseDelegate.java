package com.productops.verification;

import static com.productops.loop.CaseVariables.CASE_OUTCOME;
import static com.productops.loop.CaseVariables.CLOSED_AT;
import static com.productops.loop.CaseVariables.COMBINED_VERDICT;
import static com.productops.loop.CaseVariables.COMBINED_VERDICT_REASON;
import static com.productops.loop.CaseVariables.DELIVERY_REF;
import static com.productops.loop.CaseVariables.DELIVERY_URL;
import static com.productops.loop.CaseVariables.HOURS_LOST_AFTER;
import static com.productops.loop.CaseVariables.HOURS_LOST_BEFORE;
import static com.productops.loop.CaseVariables.HOURS_SOURCE;
import static com.productops.loop.CaseVariables.ITERATION;
import static com.productops.loop.CaseVariables.METRIC_NOTE;
import static com.productops.loop.CaseVariables.METRIC_PROBLEM;
import static com.productops.loop.CaseVariables.OBSERVED_AT;
import static com.productops.loop.CaseVariables.OBSERVED_VALUE;
import static com.productops.loop.CaseVariables.REPORTER_ANSWERS;
import static com.productops.loop.CaseVariables.VERIFICATION_VERDICT;
import static com.productops.loop.CaseVariables.WATCH_METRIC_NOTE;
import static com.productops.loop.CaseVariables.WATCH_OBSERVED_AT;
import static com.productops.loop.CaseVariables.WATCH_OBSERVED_VALUE;
import static com.productops.loop.CaseVariables.WATCH_READINGS_DONE;
import static com.productops.loop.CaseVariables.WATCH_READ_AT;
import static com.productops.loop.CaseVariables.WATCH_STARTED_AT;
import static com.productops.loop.CaseVariables.WATCH_UNTIL;
import static com.productops.loop.CaseVariables.WATCH_VERDICT;

import java.util.List;

import com.productops.loop.CaseData;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Re-opens a case whose change is not working (at its verification, or later while it is
 * watched): the next iteration starts at the PM decision. The last measurement and the
 * delivery ticket are cleared so that the next iteration cannot reuse them (a late
 * webhook of the old ticket then matches nothing); the engine's history keeps every
 * earlier value.
 */
@Component("reopenCaseDelegate")
public class ReopenCaseDelegate implements JavaDelegate {

	private static final Logger log = LoggerFactory.getLogger(ReopenCaseDelegate.class);

	@Override
	public void execute(DelegateExecution execution) {
		int iteration = CaseData.ITERATION.from(execution).intValue() + 1;
		execution.setVariable(ITERATION, iteration);
		execution.removeVariables(List.of(OBSERVED_VALUE, OBSERVED_AT, METRIC_NOTE, METRIC_PROBLEM,
				VERIFICATION_VERDICT, DELIVERY_REF, DELIVERY_URL, CASE_OUTCOME, CLOSED_AT, HOURS_LOST_BEFORE,
				HOURS_LOST_AFTER, HOURS_SOURCE, REPORTER_ANSWERS, COMBINED_VERDICT, COMBINED_VERDICT_REASON,
				WATCH_STARTED_AT, WATCH_UNTIL, WATCH_READINGS_DONE, WATCH_READ_AT, WATCH_OBSERVED_VALUE,
				WATCH_OBSERVED_AT, WATCH_METRIC_NOTE, WATCH_VERDICT));
		log.info("{}: re-opened, iteration {}", execution.getProcessBusinessKey(), iteration);
	}

}
