package com.productops.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LongTextPluginTests {

	private final ProcessEngine engine = engine();

	@AfterEach
	void close() {
		this.engine.close();
	}

	@Test
	void aTextLongerThanTheColumnReadsBackAsWrittenAtEveryLength() {
		String longText = "0123456789".repeat(1_000);
		ProcessInstance instance = this.engine.getRuntimeService()
			.startProcessInstanceByKey("waiting", Map.of("list", longText));
		String id = instance.getId();

		assertThat(this.engine.getRuntimeService().getVariable(id, "list")).isEqualTo(longText);
		this.engine.getRuntimeService().setVariable(id, "list", "short again");
		assertThat(this.engine.getRuntimeService().getVariable(id, "list")).isEqualTo("short again");
		assertThat(this.engine.getRuntimeService()
			.createProcessInstanceQuery()
			.variableValueEquals("list", "short again")
			.count()).isOne(); // a short text is stored and found as before
		this.engine.getRuntimeService().setVariable(id, "list", longText + "!");
		assertThat(this.engine.getRuntimeService().getVariable(id, "list")).isEqualTo(longText + "!");

		assertThat(this.engine.getHistoryService()
			.createHistoricVariableInstanceQuery()
			.processInstanceId(id)
			.singleResult()
			.getValue()).isEqualTo(longText + "!");
		List<Object> history = this.engine.getHistoryService()
			.createHistoricDetailQuery()
			.processInstanceId(id)
			.variableUpdates()
			.orderPartiallyByOccurrence()
			.asc()
			.list()
			.stream()
			.map(detail -> ((HistoricVariableUpdate) detail).getValue())
			.toList();
		assertThat(history).containsExactly(longText, "short again", longText + "!");
	}

	private static ProcessEngine engine() {
		var configuration = new StandaloneInMemProcessEngineConfiguration();
		// a name of its own: closing an engine named "default" would unregister the
		// application's in this JVM
		configuration.setProcessEngineName("long-text-test");
		configuration.setJdbcUrl("jdbc:h2:mem:long-text;DB_CLOSE_DELAY=-1");
		configuration.setHistory("full");
		configuration.getProcessEnginePlugins().add(new LongTextPlugin());
		ProcessEngine engine = configuration.buildProcessEngine();
		engine.getRepositoryService()
			.createDeployment()
			.addModelInstance("waiting.bpmn",
					Bpmn.createExecutableProcess("waiting")
						.camundaHistoryTimeToLive(1)
						.startEvent()
						.userTask()
						.endEvent()
						.done())
			.deploy();
		return engine;
	}

}
