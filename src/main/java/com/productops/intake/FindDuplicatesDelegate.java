package com.productops.intake;

import java.util.List;
import java.util.stream.Collectors;

import com.productops.loop.CaseData;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Lists similar open cases (one per line) for the triage form, and adds the new case,
 * with that list, to those searched.
 */
@Component("findDuplicatesDelegate")
public class FindDuplicatesDelegate implements JavaDelegate {

	static final String NONE = "No similar open cases.";

	private final DuplicateFinder finder;

	private final DuplicateIndex index;

	public FindDuplicatesDelegate(DuplicateFinder finder, DuplicateIndex index) {
		this.finder = finder;
		this.index = index;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String title = CaseData.TITLE.from(execution);
		var words = DuplicateIndex.Words.of(title, CaseData.DESCRIPTION.from(execution));
		List<DuplicateFinder.Suggestion> suggestions = this.finder.suggest(execution.getProcessInstanceId(), words);
		String text = suggestions.isEmpty() ? NONE
				: suggestions.stream().map(DuplicateFinder.Suggestion::toString).collect(Collectors.joining("\n"));
		// from now on this case is suggested to the reports after it (until it ends: see
		// the process's end listener);
		// its own suggestions stay with it there, for the triage form (not in a variable:
		// they name others' cases)
		this.index.add(execution.getProcessInstanceId(), execution.getProcessBusinessKey(), title, words, text);
	}

}
