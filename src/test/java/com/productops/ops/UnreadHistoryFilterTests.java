package com.productops.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.productops.loop.ProductOpsLoop;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
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

	@Test
	void theLoopsPlumbingStepsAreLeftOutInEveryEventThoseThePagesReadStay() {
		for (HistoryEventTypes type : new HistoryEventTypes[] { HistoryEventTypes.ACTIVITY_INSTANCE_START,
				HistoryEventTypes.ACTIVITY_INSTANCE_UPDATE, HistoryEventTypes.ACTIVITY_INSTANCE_END }) {
			// passed through, or the verification's sub-process and its own start and end
			assertThat(isUnread(step("exclusiveGateway", "Gateway_TriageOutcome", true, type))).isTrue();
			assertThat(isUnread(step("parallelGateway", "Gateway_AskAndVerify", false, type))).isTrue();
			assertThat(isUnread(step("subProcess", "SubProcess_VerifyOutcome", true, type))).isTrue();
			assertThat(isUnread(step("multiInstanceBody", "Task_ConfirmFix#multiInstanceBody", false, type))).isTrue();
			assertThat(isUnread(step("startEvent", "StartEvent_VerificationStarted", false, type))).isTrue();
			assertThat(isUnread(step("noneEndEvent", "EndEvent_OutcomeVerified", false, type))).isTrue();
			// the timeline's lines, and where a case waits (the story, My reports)
			assertThat(isUnread(step("startEvent", "StartEvent_ProblemReported", true, type))).isFalse();
			assertThat(isUnread(step("noneEndEvent", "EndEvent_WontDo", true, type))).isFalse();
			assertThat(isUnread(step("userTask", "Task_ConfirmFix", false, type))).isFalse();
			assertThat(isUnread(step("serviceTask", "Task_ReopenCase", true, type))).isFalse();
			assertThat(isUnread(step("boundaryTimer", "Timer_TriageDue", true, type))).isFalse();
			assertThat(isUnread(step("messageEndEvent", "EndEvent_TriageEscalated", true, type))).isFalse();
			assertThat(isUnread(step("eventBasedGateway", "Gateway_Parked", true, type))).isFalse();
			// another process's readers are not known here
			HistoricActivityInstanceEventEntity other = step("exclusiveGateway", "Gateway_TriageOutcome", true, type);
			other.setProcessDefinitionKey("anotherProcess");
			assertThat(isUnread(other)).isFalse();
		}
	}

	private static boolean isUnread(HistoricActivityInstanceEventEntity step) {
		return UnreadHistoryFilter.isUnread(step);
	}

	private static HistoricActivityInstanceEventEntity step(String activityType, String activityId, boolean topLevel,
			HistoryEventTypes type) {
		HistoricActivityInstanceEventEntity event = new HistoricActivityInstanceEventEntity();
		event.setEventType(type.getEventName());
		event.setProcessDefinitionKey(ProductOpsLoop.PROCESS_KEY);
		event.setProcessInstanceId("case");
		event.setParentActivityInstanceId(topLevel ? "case" : "SubProcess_VerifyOutcome:1");
		event.setActivityType(activityType);
		event.setActivityId(activityId);
		return event;
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
