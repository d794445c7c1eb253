package com.productops.ops;

import java.util.List;
import java.util.function.Consumer;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;

/**
 * Lets a plugin act on every history event after the engine's handler has written it, in
 * the same command (for the loop's own records kept beside the engine's history).
 */
public final class HistoryEventFollowers {

	private HistoryEventFollowers() {
	}

	/** Wraps the configuration's history event handler: each event, then the follower. */
	public static void follow(ProcessEngineConfigurationImpl configuration, Consumer<HistoryEvent> follower) {
		HistoryEventHandler handler = configuration.getHistoryEventHandler();
		configuration.setHistoryEventHandler(new HistoryEventHandler() {

			@Override
			public void handleEvent(HistoryEvent event) {
				handler.handleEvent(event);
				follower.accept(event);
			}

			@Override
			public void handleEvents(List<HistoryEvent> events) {
				handler.handleEvents(events);
				events.forEach(follower);
			}

		});
	}

}
