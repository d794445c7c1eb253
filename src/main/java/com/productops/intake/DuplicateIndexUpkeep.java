package com.productops.intake;

import static com.productops.loop.CaseVariables.DESCRIPTION;
import static com.productops.loop.CaseVariables.DUPLICATE_SUGGESTIONS;
import static com.productops.loop.CaseVariables.TITLE;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.productops.loop.ProductOpsLoop;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At start-up, brings the duplicate index in line with the open cases: adds those it
 * lacks (cases opened before the index existed), removes those that have ended without
 * leaving it (deleted in Cockpit with "skip listeners"), and keeps only the counted words
 * of cases an earlier version indexed with all of theirs. Usually there is nothing to do;
 * nodes starting together may both add a case, the second one's insert is refused.
 */
@Component
class DuplicateIndexUpkeep implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DuplicateIndexUpkeep.class);

	private static final int CHUNK = 500;

	private final DuplicateIndex index;

	private final RuntimeService runtime;

	private final TransactionTemplate transaction;

	private final HistoryService history;

	private final TaskService tasks;

	DuplicateIndexUpkeep(DuplicateIndex index, RuntimeService runtime, HistoryService history, TaskService tasks,
			PlatformTransactionManager transactions) {
		this.index = index;
		this.runtime = runtime;
		this.history = history;
		this.tasks = tasks;
		this.transaction = new TransactionTemplate(transactions);
	}

	@Override
	public void run(ApplicationArguments args) {
		Map<String, String> open = new HashMap<>();
		for (ProcessInstance instance : this.runtime.createProcessInstanceQuery()
			.processDefinitionKey(ProductOpsLoop.PROCESS_KEY)
			.list()) {
			if (instance.getBusinessKey() != null) {
				open.put(instance.getId(), instance.getBusinessKey());
			}
		}
		Set<String> indexed = this.index.indexedCases();
		Set<String> ended = new HashSet<>(indexed);
		ended.removeAll(open.keySet());
		ended.forEach(id -> this.transaction.executeWithoutResult(status -> this.index.remove(id)));
		List<String> missing = new ArrayList<>(open.keySet());
		missing.removeAll(indexed);
		forTexts(missing, (id, words, title) -> {
			try {
				this.transaction.executeWithoutResult(status -> this.index.add(id, open.get(id), title, words));
			}
			catch (DataIntegrityViolationException ex) {
				// another node added it a moment ago
			}
		});
		// an earlier version indexed every word of a case, not its first ones only
		List<String> overlong = this.index.indexedWithMoreWordsThanCount();
		overlong.retainAll(open.keySet());
		forTexts(overlong,
				(id, words, title) -> this.transaction.executeWithoutResult(status -> this.index.reindex(id, words)));
		if (!missing.isEmpty() || !ended.isEmpty() || !overlong.isEmpty()) {
			log.info("Duplicate index: added {} open cases, removed {} ended ones, cut {} to their counted words",
					missing.size(), ended.size(), overlong.size());
		}
		removeSuggestionVariables();
	}

	/** What is done with an open case's words, read from its title and description. */
	private interface TextAction {

		void apply(String processInstanceId, DuplicateIndex.Words words, String title);

	}

	/** Reads the titles and descriptions of open cases, 500 at a time. */
	private void forTexts(List<String> cases, TextAction action) {
		for (int from = 0; from < cases.size(); from += CHUNK) {
			List<String> chunk = cases.subList(from, Math.min(from + CHUNK, cases.size()));
			Map<String, Map<String, String>> texts = new HashMap<>();
			for (VariableInstance variable : this.runtime.createVariableInstanceQuery()
				.processInstanceIdIn(chunk.toArray(String[]::new))
				.variableNameIn(TITLE, DESCRIPTION)
				.disableCustomObjectDeserialization()
				.list()) {
				if (variable.getValue() instanceof String text) {
					texts.computeIfAbsent(variable.getProcessInstanceId(), id -> new HashMap<>())
						.put(variable.getName(), text);
				}
			}
			texts.forEach((id, values) -> action.apply(id,
					DuplicateIndex.Words.of(values.get(TITLE), values.get(DESCRIPTION)), values.get(TITLE)));
		}
	}

	/**
	 * Earlier versions kept the suggestions in a process variable, which a reporter could
	 * read and search by: the variable and its history are removed (the triage form makes
	 * the suggestions when it opens).
	 */
	private void removeSuggestionVariables() {
		int removed = 0;
		for (VariableInstance variable : this.runtime.createVariableInstanceQuery()
			.variableName(DUPLICATE_SUGGESTIONS)
			.disableCustomObjectDeserialization()
			.list()) {
			// where it was set: on the case, a step or a task
			if (variable.getTaskId() != null) {
				this.tasks.removeVariableLocal(variable.getTaskId(), DUPLICATE_SUGGESTIONS);
			}
			else {
				this.runtime.removeVariableLocal(variable.getExecutionId(), DUPLICATE_SUGGESTIONS);
			}
			removed++;
		}
		// with those just removed (their history is "deleted", which a query leaves out)
		List<HistoricVariableInstance> history = this.history.createHistoricVariableInstanceQuery()
			.variableName(DUPLICATE_SUGGESTIONS)
			.includeDeleted()
			.list();
		history.forEach(variable -> this.history.deleteHistoricVariableInstance(variable.getId()));
		if (removed > 0 || !history.isEmpty()) {
			log.info("Duplicate suggestions removed from the variables of {} open cases and {} historic ones", removed,
					history.size());
		}
	}

}
