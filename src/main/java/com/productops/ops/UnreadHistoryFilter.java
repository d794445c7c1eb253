package com.productops.ops;

import java.util.List;
import java.util.Set;

import com.productops.audit.CaseTimeline;
import com.productops.loop.ProductOpsLoop;
import org.camunda.bpm.engine.impl.bpmn.behavior.MultiInstanceActivityBehavior;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricJobLogEvent;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * History nobody reads is not written (each row costs its table's and indexes' pages in
 * the step's commit):
 * <ul>
 * <li>the job log rows of a job's creation and deletion. Every timer (deadlines,
 * windows), notification and asynchronous step wrote two, most of them for jobs that
 * never ran (a task done before its deadline deletes its timer). The rows of jobs that
 * ran, failed or succeeded, with the node that ran them, stay: they are what an operator
 * reads about a failing job;</li>
 * <li>the history of the engine's multi-instance counters (the reporters' "Is it fixed
 * for you?" tasks): the case timeline leaves them out, the runtime keeps them while the
 * tasks are open;</li>
 * <li>the loop's plumbing steps: gateways a case passes through, the verification's
 * sub-process and its own start and end. No page reads them
 * ({@link CaseTimeline#isRead}); Cockpit shows where a case is from the runtime.</li>
 * </ul>
 * Filtered at the engine's history event handler, for every event of such a row
 * (creation, update, deletion alike), so the history level stays "full" in the database.
 * The identity link log stays, though no page of ours reads it: Cockpit's Human Tasks
 * counts the tasks offered to groups from it, and the history task queries by candidate
 * group or involved user read it.
 */
@Component
public class UnreadHistoryFilter extends AbstractProcessEnginePlugin {

	/** The variables the engine keeps on a multi-instance activity and its instances. */
	static final Set<String> MULTI_INSTANCE_COUNTERS = Set.of(MultiInstanceActivityBehavior.NUMBER_OF_INSTANCES,
			MultiInstanceActivityBehavior.NUMBER_OF_ACTIVE_INSTANCES,
			MultiInstanceActivityBehavior.NUMBER_OF_COMPLETED_INSTANCES, MultiInstanceActivityBehavior.LOOP_COUNTER);

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
		return event instanceof HistoricJobLogEvent log && (log.isCreationLog() || log.isDeletionLog())
				|| event instanceof HistoricVariableUpdateEventEntity update
						&& MULTI_INSTANCE_COUNTERS.contains(update.getVariableName())
				|| event instanceof HistoricActivityInstanceEventEntity step && isPlumbing(step);
	}

	/** Of every event of a step alike (an update of a row never inserted would fail). */
	private static boolean isPlumbing(HistoricActivityInstanceEventEntity step) {
		return ProductOpsLoop.PROCESS_KEY.equals(step.getProcessDefinitionKey())
				&& !CaseTimeline.isRead(step.getActivityType(), step.getActivityId(),
						step.getProcessInstanceId().equals(step.getParentActivityInstanceId()));
	}

}
