package com.productops.verification;

import static com.productops.loop.CaseVariables.ITERATION;
import static com.productops.loop.CaseVariables.OBSERVED_VALUE;
import static com.productops.loop.CaseVariables.VERIFICATION_VERDICT;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Re-opens a case whose change is not working: the next iteration starts at the PM decision. The last measurement is
 * cleared so that the next verification cannot reuse it; the engine's history keeps every earlier value.
 */
@Component("reopenCaseDelegate")
public class ReopenCaseDelegate implements JavaDelegate {

	private static final Logger log = LoggerFactory.getLogger(ReopenCaseDelegate.class);

	@Override
	public void execute(DelegateExecution execution) {
		int iteration = ((Number) execution.getVariable(ITERATION)).intValue() + 1;
		execution.setVariable(ITERATION, iteration);
		execution.removeVariable(OBSERVED_VALUE);
		execution.removeVariable(VERIFICATION_VERDICT);
		log.info("{}: re-opened, iteration {}", execution.getProcessBusinessKey(), iteration);
	}

}
