package com.productops.triage;

import static com.productops.loop.CaseVariables.CASE_NUMBER;
import static com.productops.loop.CaseVariables.DUPLICATE_OF;
import static com.productops.loop.CaseVariables.EVIDENCE_LINKS;
import static com.productops.loop.CaseVariables.HOURS_LOST_PER_WEEK;
import static com.productops.loop.CaseVariables.PEOPLE_AFFECTED_PER_WEEK;
import static com.productops.loop.CaseVariables.REPORTER;
import static com.productops.loop.CaseVariables.TITLE;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

@Component("mergeDuplicateDelegate")
public class MergeDuplicateDelegate implements JavaDelegate {

	private final DuplicateMerger merger;

	public MergeDuplicateDelegate(DuplicateMerger merger) {
		this.merger = merger;
	}

	@Override
	public void execute(DelegateExecution execution) {
		this.merger.merge((String) execution.getVariable(DUPLICATE_OF),
				new DuplicateMerger.Duplicate((String) execution.getVariable(CASE_NUMBER),
						(String) execution.getVariable(TITLE), (String) execution.getVariable(REPORTER),
						(String) execution.getVariable(EVIDENCE_LINKS),
						((Number) execution.getVariable(PEOPLE_AFFECTED_PER_WEEK)).longValue(),
						((Number) execution.getVariable(HOURS_LOST_PER_WEEK)).doubleValue()));
	}

}
