package com.productops.decision;

import java.util.List;

import com.productops.loop.CaseData;
import com.productops.loop.CaseVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * A case that comes back to its PM (re-opened, back from the backlog, more people have
 * the problem) is decided anew: the last decision and its rationale are kept to be shown
 * as such on the form, and nothing is chosen or written for the PM (one click would
 * decide the case again with words the reporter reads). The history keeps every decision.
 */
@Component("decisionRound")
public class DecisionRound {

	public void begin(DelegateExecution execution) {
		String last = CaseData.PM_DECISION.from(execution);
		if (last == null) {
			return; // the first decision
		}
		execution.setVariable(CaseVariables.LAST_DECISION, last);
		execution.setVariable(CaseVariables.LAST_DECISION_RATIONALE, CaseData.DECISION_RATIONALE.from(execution));
		execution.removeVariables(
				List.of(CaseVariables.PM_DECISION, CaseVariables.DECISION_RATIONALE, CaseVariables.REVISIT_ON));
	}

}
