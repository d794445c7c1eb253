package com.productops.ops;

import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricJobLogEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * History the audit never reads is not written: the job log rows of a job's creation and
 * deletion. Every timer (deadlines, windows), notification and asynchronous step wrote
 * two such rows, most of them for jobs that never ran (a task done before its deadline
 * deletes its timer). Job log rows of jobs that ran, failed or succeeded, with the node
 * that ran them, stay: they are what an operator reads about a failing job. Filtered at
 * the engine's history event handler, so the history level stays "full" in the database.
 */
@Component
public class JobLogFilterPlugin extends AbstractProcessEnginePlugin {

	@Override
	public void postInit(ProcessEngineConfigurationImpl configuration) {
		HistoryEventHandler handler = configuration.getHistoryEventHandler();
		configuration.setHistoryEventHandler(new HistoryEventHandler() {

			@Override
			public void handleEvent(HistoryEvent event) {
				if (!isUnread(event)) {
					handler.handleEvent(event);
				}
			}

			@Override
			public void handleEvents(List<HistoryEvent> events) {
				handler.handleEvents(events.stream().filter(event -> !isUnread(event)).toList());
			}

		});
	}

	static boolean isUnread(HistoryEvent event) {
		return event instanceof HistoricJobLogEvent log && (log.isCreationLog() || log.isDeletionLog());
	}

}
