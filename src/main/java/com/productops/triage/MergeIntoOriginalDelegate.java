package com.productops.triage;

import com.productops.intake.AlsoAffected;
import com.productops.loop.CaseData;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

@Component("mergeIntoOriginalDelegate")
public class MergeIntoOriginalDelegate implements JavaDelegate {

	private final DuplicateMerger merger;

	public MergeIntoOriginalDelegate(DuplicateMerger merger) {
		this.merger = merger;
	}

	@Override
	public void execute(DelegateExecution execution) {
		this.merger.merge(CaseData.DUPLICATE_OF.from(execution), new DuplicateMerger.Duplicate(
				CaseData.CASE_NUMBER.from(execution), CaseData.TITLE.from(execution), CaseData.REPORTER.from(execution),
				CaseData.EVIDENCE_LINKS.from(execution), CaseData.PEOPLE_AFFECTED_PER_WEEK.from(execution).longValue(),
				CaseData.HOURS_LOST_PER_WEEK.from(execution).doubleValue(),
				CaseData.DUPLICATE_COUNT.from(execution, 0).intValue(), CaseData.DUPLICATE_REPORTS.from(execution),
				AlsoAffected.parse(CaseData.ALSO_AFFECTED.from(execution))));
	}

}
