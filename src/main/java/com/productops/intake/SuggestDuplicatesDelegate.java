package com.productops.intake;

import static com.productops.loop.CaseVariables.DESCRIPTION;
import static com.productops.loop.CaseVariables.DUPLICATE_SUGGESTIONS;
import static com.productops.loop.CaseVariables.TITLE;

import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Lists similar open cases (one per line) for the triage form. */
@Component("suggestDuplicatesDelegate")
public class SuggestDuplicatesDelegate implements JavaDelegate {

	static final String NONE = "No similar open cases.";

	private final DuplicateFinder finder;

	public SuggestDuplicatesDelegate(DuplicateFinder finder) {
		this.finder = finder;
	}

	@Override
	public void execute(DelegateExecution execution) {
		List<DuplicateFinder.Suggestion> suggestions = this.finder.suggest(execution.getProcessInstanceId(),
				(String) execution.getVariable(TITLE), (String) execution.getVariable(DESCRIPTION));
		execution.setVariable(DUPLICATE_SUGGESTIONS, suggestions.isEmpty() ? NONE
				: suggestions.stream().map(DuplicateFinder.Suggestion::toString).collect(Collectors.joining("\n")));
	}

}
