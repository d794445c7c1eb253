package com.productops.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.impl.history.event.HistoricIdentityLinkLogEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricJobLogEvent;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.junit.jupiter.api.Test;

/**
 * Which history events are left out: only those nobody reads, and of a variable all its
 * events alike (an update of a row never inserted would fail).
 */
class UnreadHistoryFilterTests {

	@Test
	void jobLogsOfCreationAndDeletionAreLeftOutThoseOfRunsStay() {
		assertThat(UnreadHistoryFilter.isUnread(jobLog(HistoryEventTypes.JOB_CREATE))).isTrue();
		assertThat(UnreadHistoryFilter.isUnread(jobLog(HistoryEventTypes.JOB_DELETE))).isTrue();
		assertThat(UnreadHistoryFilter.isUnread(jobLog(HistoryEventTypes.JOB_FAIL))).isFalse();
		assertThat(UnreadHistoryFilter.isUnread(jobLog(HistoryEventTypes.JOB_SUCCESS))).isFalse();
	}

	@Test
	void theIdentityLinkLogStays() {
		// Cockpit's Human Tasks counts the tasks offered to groups from it
		assertThat(UnreadHistoryFilter.isUnread(new HistoricIdentityLinkLogEventEntity())).isFalse();
	}

	@Test
	void multiInstanceCountersAreLeftOutInEveryEventTheCasesVariablesStay() {
		for (HistoryEventTypes type : new HistoryEventTypes[] { HistoryEventTypes.VARIABLE_INSTANCE_CREATE,
				HistoryEventTypes.VARIABLE_INSTANCE_UPDATE, HistoryEventTypes.VARIABLE_INSTANCE_DELETE }) {
			assertThat(UnreadHistoryFilter.isUnread(variable("nrOfCompletedInstances", type))).isTrue();
			assertThat(UnreadHistoryFilter.isUnread(variable("loopCounter", type))).isTrue();
			assertThat(UnreadHistoryFilter.isUnread(variable("askedPerson", type))).isFalse();
			assertThat(UnreadHistoryFilter.isUnread(variable("verificationOutcome", type))).isFalse();
		}
	}

	private static HistoricJobLogEvent jobLog(HistoryEventTypes type) {
		HistoricJobLogEvent log = new HistoricJobLogEvent();
		log.setEventType(type.getEventName());
		log.setState(switch (type) {
			case JOB_CREATE -> 0;
			case JOB_FAIL -> 1;
			case JOB_SUCCESS -> 2;
			default -> 3;
		});
		return log;
	}

	private static HistoricVariableUpdateEventEntity variable(String name, HistoryEventTypes type) {
		HistoricVariableUpdateEventEntity event = new HistoricVariableUpdateEventEntity();
		event.setVariableName(name);
		event.setEventType(type.getEventName());
		return event;
	}

}
