package com.productops.intake;

import static com.productops.loop.CaseVariables.DESCRIPTION;
import static com.productops.loop.CaseVariables.TITLE;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.productops.loop.ProductOpsLoop;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.springframework.stereotype.Service;

/** Finds open cases that read like a new report, for the triager to check before accepting it. */
@Service
public class DuplicateFinder {

	/** Below this similarity two reports are not worth showing side by side. */
	static final double THRESHOLD = 0.3;

	static final int MAX_SUGGESTIONS = 5;

	private static final int QUERY_CHUNK = 500;

	private final RuntimeService runtime;

	public DuplicateFinder(RuntimeService runtime) {
		this.runtime = runtime;
	}

	public record Suggestion(String caseNumber, String title, double similarity) {

		@Override
		public String toString() {
			return this.caseNumber + " - " + this.title + " (" + Math.round(this.similarity * 100) + "% alike)";
		}

	}

	public List<Suggestion> suggest(String processInstanceId, String title, String description) {
		Map<String, String> caseNumbers = new HashMap<>();
		for (ProcessInstance open : this.runtime.createProcessInstanceQuery()
			.processDefinitionKey(ProductOpsLoop.PROCESS_KEY)
			.list()) {
			if (!open.getId().equals(processInstanceId) && open.getBusinessKey() != null) {
				caseNumbers.put(open.getId(), open.getBusinessKey());
			}
		}
		Map<String, Map<String, String>> texts = texts(new ArrayList<>(caseNumbers.keySet()));
		List<Suggestion> suggestions = new ArrayList<>();
		texts.forEach((id, vars) -> {
			double similarity = SimilarityScorer.similarity(title, description, vars.get(TITLE), vars.get(DESCRIPTION));
			if (similarity >= THRESHOLD) {
				suggestions.add(new Suggestion(caseNumbers.get(id), vars.get(TITLE), similarity));
			}
		});
		suggestions.sort(Comparator.comparingDouble(Suggestion::similarity)
			.reversed()
			.thenComparing(Suggestion::caseNumber));
		return suggestions.subList(0, Math.min(MAX_SUGGESTIONS, suggestions.size()));
	}

	private Map<String, Map<String, String>> texts(List<String> processInstanceIds) {
		Map<String, Map<String, String>> texts = new HashMap<>();
		for (int from = 0; from < processInstanceIds.size(); from += QUERY_CHUNK) {
			List<String> chunk = processInstanceIds.subList(from, Math.min(from + QUERY_CHUNK, processInstanceIds.size()));
			for (VariableInstance variable : this.runtime.createVariableInstanceQuery()
				.processInstanceIdIn(chunk.toArray(String[]::new))
				.variableNameIn(TITLE, DESCRIPTION)
				.disableCustomObjectDeserialization()
				.list()) {
				if (variable.getValue() instanceof String text) {
					texts.computeIfAbsent(variable.getProcessInstanceId(), id -> new HashMap<>()).put(variable.getName(), text);
				}
			}
		}
		return texts;
	}

}
