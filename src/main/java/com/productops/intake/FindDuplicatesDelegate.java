package com.productops.intake;

import com.productops.loop.CaseData;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Adds a new case to the duplicate search (until it ends: see the process's end
 * listener), so that the triage form of this case and of the reports after it can list it
 * when it reads alike ({@link DuplicateFinder}). Nothing is looked up here: the
 * suggestions are made when the triage form opens, from the open cases as they are then.
 */
@Component("findDuplicatesDelegate")
public class FindDuplicatesDelegate implements JavaDelegate {

	private final DuplicateIndex index;

	public FindDuplicatesDelegate(DuplicateIndex index) {
		this.index = index;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String title = CaseData.TITLE.from(execution);
		this.index.add(execution.getProcessInstanceId(), execution.getProcessBusinessKey(), title,
				DuplicateIndex.Words.of(title, CaseData.DESCRIPTION.from(execution)));
	}

}
