package com.productops.loop;

import java.util.Optional;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;

/** Looks cases up by case number (the business key), open or closed. */
@Service
public class CaseDirectory {

	private final RuntimeService runtime;

	private final HistoryService history;

	public CaseDirectory(RuntimeService runtime, HistoryService history) {
		this.runtime = runtime;
		this.history = history;
	}

	public boolean exists(String caseNumber) {
		return this.history.createHistoricProcessInstanceQuery()
			.processDefinitionKey(ProductOpsLoop.PROCESS_KEY)
			.processInstanceBusinessKey(caseNumber)
			.count() > 0;
	}

	public Optional<ProcessInstance> findOpen(String caseNumber) {
		return this.runtime.createProcessInstanceQuery()
			.processDefinitionKey(ProductOpsLoop.PROCESS_KEY)
			.processInstanceBusinessKey(caseNumber)
			.list()
			.stream()
			.findFirst();
	}

}
