package com.productops.loop;

import static com.productops.loop.CaseVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.authorizationService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.formService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import com.productops.delivery.DeliveryShipments;
import com.productops.input.CaseInputException;
import com.productops.intake.AlsoAffected;
import com.productops.intake.CaseReach;
import com.productops.notify.NotificationJobs;
import com.productops.testing.RecordingHttpServer;
import com.productops.verification.FixAnswer;
import com.productops.verification.MetricReadings;
import com.productops.verification.ReportersVerdict;
import org.assertj.core.groups.Tuple;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Walks every path of processes/ProductOpsLoop.bpmn on the application's own engine, with
 * its delegates, DMN tables and input rules. Timers fire by moving the engine clock to
 * their due date. The coverage listener fails the class unless every flow node and
 * sequence flow was passed.
 */
@LoopProcessTest
class ProductOpsLoopProcessTests {

	@Autowired
	ProcessEngine processEngine;

	@Autowired
	DeliveryShipments deliveryShipments;

	@Autowired
	MetricReadings metricReadings;

	@Autowired
	CaseReach caseReach;

	/** Monday, 10:00 UTC. */
	static final LocalDateTime MONDAY_MORNING = LocalDateTime.of(2026, 11, 23, 10, 0);

	@BeforeEach
	void setUp() {
		BpmnAwareTests.init(this.processEngine);
		setClock(MONDAY_MORNING);
	}

	@Test
	void acceptedReportIsBuiltShippedAndVerifiedWorking() {
		ProcessInstance report = fileReport("Couriers cannot see the drop-off note", "DISPATCH", "HIGH");

		assertThat(report).isWaitingAt(ProductOpsLoop.TASK_TRIAGE)
			.hasBusinessKey("OPS-2026-0001")
			.variables()
			.containsEntry(CASE_NUMBER, "OPS-2026-0001")
			.containsEntry(PRIORITY, "P1")
			.containsEntry(PM_GROUP, "pm-dispatch")
			.containsEntry(ITERATION, 1)
			.containsEntry(REPORTER, "olivia");
		assertThat(task(report)).hasCandidateGroup("product-ops").hasDueDate(date(2026, 11, 25, 10, 0));
		assertThat(task(report).getPriority()).isEqualTo(90);
		assertThat(
				authorizationService().createAuthorizationQuery().userIdIn("olivia").resourceId(report.getId()).list())
			.extracting(a -> a.getResourceType())
			.containsExactlyInAnyOrder(Resources.PROCESS_INSTANCE.resourceType(),
					Resources.HISTORIC_PROCESS_INSTANCE.resourceType());
		assertThat(authorizationService().createAuthorizationQuery()
			.groupIdIn("pm-dispatch")
			.resourceId(report.getId())
			.count()).isEqualTo(2);

		complete(task(report), withVariables(TRIAGE_OUTCOME, "ACCEPT"));
		assertThat(report).isWaitingAt(ProductOpsLoop.TASK_DECIDE);
		assertThat(task(report)).hasCandidateGroup("pm-dispatch").hasDueDate(date(2026, 11, 30, 10, 0));

		complete(task(report), build("INCREASE", 40, 80, "P14D"));
		assertThat(report).isWaitingAt(ProductOpsLoop.TASK_CONFIRM_SHIPPED);
		assertThat(task(report)).hasCandidateGroup("pm-dispatch");

		setClock(LocalDateTime.of(2026, 12, 1, 15, 0));
		complete(task(report), withVariables(DELIVERY_REF, "https://jira.example/DISP-77"));
		assertThat(report).isWaitingAt("Timer_VerificationWindow")
			.variables()
			.containsEntry(SHIPPED_AT, date(2026, 12, 1, 15, 0));

		recordReading(report, 85.0, date(2026, 12, 10, 9, 0));
		fireTimerAt(report, "Timer_VerificationWindow", date(2026, 12, 15, 15, 0));
		assertThat(report).isWaitingAt(ProductOpsLoop.TASK_VERIFY)
			.variables()
			.containsEntry(OBSERVED_VALUE, 85.0)
			.containsEntry(OBSERVED_AT, date(2026, 12, 10, 9, 0))
			.containsEntry(METRIC_NOTE, "Reading from ops dashboard, recorded by priya")
			.containsEntry(VERIFICATION_VERDICT, "WORKING");
		assertThat(verifyTask(report)).hasCandidateGroup("product-ops").hasDueDate(date(2026, 12, 18, 15, 0));

		setClock(LocalDateTime.of(2026, 12, 16, 10, 0));
		complete(verifyTask(report),
				withVariables(VERIFICATION_OUTCOME, "WORKING", VERIFICATION_NOTE, "Complaints gone"));
		// working: watched for regressions, its metric read again 30 and 90 days later by
		// the same rule
		assertThat(report).isWaitingAt("Gateway_Watching")
			.variables()
			.containsEntry(WATCH_UNTIL, date(2027, 3, 16, 10, 0))
			// closed as working, for its reporter and the audit
			.containsEntry(CASE_OUTCOME, "WORKING");
		recordReading(report, 88.0, date(2027, 1, 10, 9, 0));
		fireTimerAt(report, "Timer_WatchReading", date(2027, 1, 15, 10, 0));
		assertThat(report).isWaitingAt("Gateway_Watching")
			.variables()
			.containsEntry(WATCH_OBSERVED_VALUE, 88.0)
			.containsEntry(WATCH_VERDICT, "WORKING")
			.containsEntry(WATCH_READINGS_DONE, 1);
		fireTimerAt(report, "Timer_WatchReading", date(2027, 3, 16, 10, 0));
		// no reading in the second period: no verdict against the change, the watch ends
		assertThat(report).isEnded()
			.hasPassed("Task_ConfirmShipped", "Task_StartWatch", "Task_ReadWatchMetric", "EndEvent_ClosedWorking")
			.hasNotPassed("Task_RecordRegression")
			.variables()
			.containsEntry(WATCH_VERDICT, "INCONCLUSIVE")
			.containsEntry(CASE_OUTCOME, "WORKING");
	}

	@Test
	void historyHoldsEachSubmittedValueOnceUnlessTheInputRulesChangedIt() {
		ProcessInstance report = fileReport("Couriers cannot see the drop-off note", "DISPATCH", "HIGH");
		complete(task(report), withVariables(TRIAGE_OUTCOME, "ACCEPT"));
		Map<String, Object> decision = build("DECREASE", 100, 30, "P14D");
		// a whole number: the rules store it as a decimal
		decision.put(BASELINE_VALUE, 100);
		complete(task(report), decision);

		Map<String, Long> updates = historyService().createHistoricDetailQuery()
			.processInstanceId(report.getId())
			.variableUpdates()
			.list()
			.stream()
			.collect(Collectors.groupingBy(detail -> ((HistoricVariableUpdate) detail).getVariableName(),
					Collectors.counting()));
		assertThat(updates).containsEntry(TITLE, 1L)
			.containsEntry(TRIAGE_OUTCOME, 1L)
			.containsEntry(DECISION_RATIONALE, 1L)
			.containsEntry(TARGET_VALUE, 1L)
			.containsEntry(BASELINE_VALUE, 2L);
		assertThat(report).variables().containsEntry(BASELINE_VALUE, 100.0);
	}

	@Test
	void reporterAnswersAQuestionAndTheCaseGoesBackToTriage() {
		ProcessInstance report = fileReport("Payout report is missing fees", "PAYMENTS", "MEDIUM");
		complete(task(report), withVariables(TRIAGE_OUTCOME, "NEEDS_INFO", TRIAGE_NOTE, "Which payout batch?"));

		assertThat(report).isWaitingAt(ProductOpsLoop.TASK_PROVIDE_MORE_INFO);
		assertThat(task(report)).isAssignedTo("olivia").hasDueDate(date(2026, 11, 30, 10, 0));

		complete(task(report), withVariables(MORE_INFO, "Batch 2026-11-20, all EU couriers"));
		assertThat(report).isWaitingAt(ProductOpsLoop.TASK_TRIAGE)
			.variables()
			.containsEntry(MORE_INFO, "Batch 2026-11-20, all EU couriers");

		complete(task(report), withVariables(TRIAGE_OUTCOME, "ACCEPT"));
		assertThat(task(report)).hasCandidateGroup("pm-payments");
		complete(task(report),
				withVariables(PM_DECISION, "WONT_DO", DECISION_RATIONALE, "Finance report replaces it in Q1"));
		assertThat(report).isWaitingAt("Gateway_Parked").hasPassedInOrder("Task_ProvideMoreInfo", "Task_TriageReport");
	}

	@Test
	void reporterWhoDoesNotAnswerWithinSevenDaysGetsTheCaseClosed() {
		ProcessInstance report = fileReport("Support macros are outdated", "SUPPORT", "LOW");
		complete(task(report), withVariables(TRIAGE_OUTCOME, "NEEDS_INFO", TRIAGE_NOTE, "Which macros?"));

		fireTimerAt(report, "Timer_NoResponse", date(2026, 11, 30, 10, 0));

		assertThat(report).isEnded()
			.hasPassed("EndEvent_NoResponse")
			.variables()
			.containsEntry(CASE_OUTCOME, "NO_RESPONSE");
	}

	@Test
	void duplicateIsMergedIntoTheOriginalCase() {
		ProcessInstance original = fileReport("Riders cannot see surge price before booking", "DEMAND", "HIGH");
		Map<String, Object> duplicateReport = report("Riders cannot see the surge price", "DEMAND", "MEDIUM");
		duplicateReport.put(EVIDENCE_LINKS, "https://support.example/t/991\nhttps://support.example/t/123");
		duplicateReport.put(REPORTER, "otto");
		ProcessInstance duplicate = runtimeService().startProcessInstanceByKey(ProductOpsLoop.PROCESS_KEY,
				duplicateReport);

		// made for the triage form, not kept in a variable the reporter could read
		assertThat(duplicate).variables().doesNotContainKey(DUPLICATE_SUGGESTIONS);
		assertThat(triageSuggestions(duplicate))
			.startsWith("OPS-2026-0001 - Riders cannot see surge price before booking (");

		complete(task(duplicate), withVariables(TRIAGE_OUTCOME, "DUPLICATE", DUPLICATE_OF, " ops-2026-0001 "));

		assertThat(duplicate).isEnded().hasPassed("Task_MergeIntoOriginal", "EndEvent_ReportDuplicate");
		assertThat(original).isWaitingAt(ProductOpsLoop.TASK_TRIAGE)
			.variables()
			.containsEntry(DUPLICATE_COUNT, 1)
			.containsEntry(EVIDENCE_LINKS,
					"https://ops.example/dash/1\nhttps://support.example/t/991\nhttps://support.example/t/123")
			.containsEntry(DUPLICATE_REPORTS, "OPS-2026-0002: Riders cannot see the surge price (reported by otto)");
	}

	@Test
	void aCaseHoldingDuplicatesMergedInTurnBringsThemAndItsFollowers() {
		ProcessInstance original = fileReport("Riders cannot see surge price before booking", "DEMAND", "HIGH");
		Map<String, Object> secondReport = report("Riders cannot see the surge price", "DEMAND", "MEDIUM");
		secondReport.put(REPORTER, "otto");
		ProcessInstance second = runtimeService().startProcessInstanceByKey(ProductOpsLoop.PROCESS_KEY, secondReport);
		Map<String, Object> thirdReport = report("Surge price hidden for riders", "DEMAND", "MEDIUM");
		thirdReport.put(REPORTER, "rita");
		ProcessInstance third = runtimeService().startProcessInstanceByKey(ProductOpsLoop.PROCESS_KEY, thirdReport);
		// the second case gathers a duplicate and a "me too" before Product Ops sees it
		// is itself a duplicate
		complete(task(third), withVariables(TRIAGE_OUTCOME, "DUPLICATE", DUPLICATE_OF, "OPS-2026-0002"));
		this.caseReach.join(second.getId(), meToo("sam", 200, 2));

		complete(task(second), withVariables(TRIAGE_OUTCOME, "DUPLICATE", DUPLICATE_OF, "OPS-2026-0001"));

		assertThat(second).isEnded().hasPassed("Task_MergeIntoOriginal");
		assertThat(original).variables()
			.containsEntry(DUPLICATE_COUNT, 2)
			.containsEntry(DUPLICATE_REPORTS,
					"OPS-2026-0002: Riders cannot see the surge price (reported by otto)\n"
							+ "OPS-2026-0003: Surge price hidden for riders (reported by rita)")
			.containsEntry(FOLLOWERS, "otto,rita,sam");
		assertThat(AlsoAffected.of(runtimeService().getVariables(original.getId())))
			.extracting(AlsoAffected.Person::person, AlsoAffected.Person::via, AlsoAffected.Person::caseNumber)
			.containsExactly(Tuple.tuple("otto", AlsoAffected.Via.DUPLICATE, "OPS-2026-0002"),
					Tuple.tuple("rita", AlsoAffected.Via.DUPLICATE, "OPS-2026-0003"),
					Tuple.tuple("sam", AlsoAffected.Via.ME_TOO, null));
	}

	@Test
	void rejectedReportEndsWithTheReasonKept() {
		ProcessInstance report = fileReport("Make the logo bigger please", "OTHER", "LOW");
		complete(task(report),
				withVariables(TRIAGE_OUTCOME, "REJECT", TRIAGE_NOTE, "Brand guidelines are owned by marketing"));

		assertThat(report).isEnded()
			.hasPassed("EndEvent_ReportRejected")
			.variables()
			.containsEntry(TRIAGE_NOTE, "Brand guidelines are owned by marketing")
			.containsEntry(CASE_OUTCOME, "REJECTED");
	}

	@Test
	void meTooAddsThePersonsNumbersAndTheCaseIsReprioritised() {
		ProcessInstance report = fileReport("Payout statements arrive late", "PAYMENTS", "LOW");
		assertThat(report).variables()
			.containsEntry(PRIORITY, "P4")
			.containsEntry(TOTAL_PEOPLE_AFFECTED_PER_WEEK, 150L);
		assertThat(task(report).getPriority()).isEqualTo(30);

		CaseReach.Reach reach = this.caseReach.join(report.getId(), meToo("otto", 400, 5));

		// 550 people a week at LOW urgency is P3 by the ReportPriority table; the open
		// task follows
		assertThat(reach).isEqualTo(new CaseReach.Reach(550, 17.5, "P3", false));
		assertThat(report).variables()
			.containsEntry(PRIORITY, "P3")
			.containsEntry(TOTAL_PEOPLE_AFFECTED_PER_WEEK, 550L)
			.containsEntry(TOTAL_HOURS_LOST_PER_WEEK, 17.5)
			.containsEntry(SCORE, 283.8)
			.containsEntry(FOLLOWERS, "otto");
		assertThat(task(report).getPriority()).isEqualTo(50);
		assertThat(AlsoAffected.of(runtimeService().getVariables(report.getId())))
			.extracting(AlsoAffected.Person::person, AlsoAffected.Person::via)
			.containsExactly(Tuple.tuple("otto", AlsoAffected.Via.ME_TOO));
		// otto reads the case on its page; the engine grants him nothing (its API would
		// show him the other people)
		assertThat(
				authorizationService().createAuthorizationQuery().userIdIn("otto").resourceId(report.getId()).count())
			.isZero();
		// saying it again replaces the numbers, it does not add them twice
		assertThat(this.caseReach.join(report.getId(), meToo("otto", 10, 1)).totalPeopleAffectedPerWeek())
			.isEqualTo(160);
		assertThatThrownBy(() -> this.caseReach.join(report.getId(), meToo("olivia", 1, 1)))
			.hasMessageContaining("reported");
	}

	@Test
	void aBacklogCaseReturnsToItsPmEarlyWhenTheEvidenceGrows() {
		ProcessInstance report = fileReport("Supply forecast ignores holidays", "SUPPLY", "MEDIUM");
		complete(task(report), withVariables(TRIAGE_OUTCOME, "ACCEPT"));
		complete(task(report), withVariables(PM_DECISION, "BACKLOG", DECISION_RATIONALE, "After peak season",
				REVISIT_ON, "2027-01-11"));
		assertThat(report).variables()
			.containsEntry(PEOPLE_AFFECTED_AT_DECISION, 150L)
			.containsEntry(HOURS_LOST_AT_DECISION, 12.5);

		// a little more evidence: it keeps waiting for its revisit date
		assertThat(this.caseReach.join(report.getId(), meToo("otto", 20, 1)).returnedToPm()).isFalse();
		assertThat(report).isWaitingAt("Gateway_Parked");

		// twice the people of the decision: back to the PM now (DMN EvidenceReturn), with
		// the reason
		assertThat(this.caseReach.join(report.getId(), meToo("sam", 200, 2)).returnedToPm()).isTrue();
		assertThat(report).isWaitingAt(ProductOpsLoop.TASK_DECIDE)
			.hasPassed("Message_EvidenceGrewReceived")
			.hasNotPassed("Timer_RevisitBacklog")
			.variables()
			.containsEntry(EVIDENCE_RETURN_REASON, "Twice as many people are affected as when it was parked. "
					+ "People affected per week: 150 then, 370 now; hours lost per week: 12.5 then, 15.5 now.");
		assertThat(managementService().createJobQuery()
			.processInstanceId(report.getId())
			.timers()
			.activityId("Timer_RevisitBacklog")
			.count()).isZero();

		complete(task(report),
				withVariables(PM_DECISION, "WONT_DO", DECISION_RATIONALE, "Replaced by the new forecast"));
		assertThat(report).isWaitingAt("Gateway_Parked").variables().containsEntry(EVIDENCE_RETURN_REASON, null);
	}

	@Test
	void backlogComesBackToThePmOnTheRevisitDate() {
		ProcessInstance report = fileReport("Supply forecast ignores holidays", "SUPPLY", "MEDIUM");
		complete(task(report), withVariables(TRIAGE_OUTCOME, "ACCEPT"));
		complete(task(report), withVariables(PM_DECISION, "BACKLOG", DECISION_RATIONALE, "After peak season",
				REVISIT_ON, "2027-01-11"));

		assertThat(report).isWaitingAt("Gateway_Parked");
		fireTimerAt(report, "Timer_RevisitBacklog", date(2027, 1, 11, 9, 0));

		assertThat(report).isWaitingAt(ProductOpsLoop.TASK_DECIDE)
			.variables()
			.doesNotContainKeys(PM_DECISION, REVISIT_ON)
			.containsEntry(LAST_DECISION, "BACKLOG")
			.containsEntry(LAST_DECISION_RATIONALE, "After peak season");
		assertThat(task(report)).hasCandidateGroup("pm-supply");
		complete(task(report),
				withVariables(PM_DECISION, "WONT_DO", DECISION_RATIONALE, "New forecast model covers it"));
		assertThat(report).isWaitingAt("Gateway_Parked")
			.hasPassedInOrder("Timer_RevisitBacklog", "Task_DecideOnReport");
	}

	@Test
	void aCaseDecidedWontDoComesBackWhenMorePeopleHaveTheProblem() {
		ProcessInstance report = fileReport("Dispatch map colours are confusing", "DISPATCH", "LOW");
		complete(task(report), withVariables(TRIAGE_OUTCOME, "ACCEPT"));
		complete(task(report), withVariables(PM_DECISION, "WONT_DO", DECISION_RATIONALE, "New map ships next month"));
		assertThat(report).variables().containsEntry(CASE_OUTCOME, "WONT_DO");

		assertThat(this.caseReach.join(report.getId(), meToo("otto", 300, 30)).returnedToPm()).isTrue();

		// open again: back with its PM, no longer closed
		assertThat(report).isWaitingAt(ProductOpsLoop.TASK_DECIDE)
			.hasPassed("Message_EvidenceGrewReceived")
			.variables()
			.doesNotContainKeys(CASE_OUTCOME, CLOSED_AT)
			.containsKey(EVIDENCE_RETURN_REASON);
	}

	/**
	 * A case deleted while it waits for the PM's decision tells nobody of a decision (the
	 * step's end listener runs, but nothing was decided).
	 */
	@Test
	void aCaseDeletedBeforeTheDecisionTellsNoDecision() {
		ProcessInstance report = fileReport("Courier tips arrive late", "PAYMENTS", "LOW");
		complete(task(report), withVariables(TRIAGE_OUTCOME, "ACCEPT"));
		assertThat(report).isWaitingAt(ProductOpsLoop.TASK_DECIDE);
		long before = notificationJobs();

		runtimeService().deleteProcessInstance(report.getId(), "withdrawn by the reporter");

		assertThat(report).isEnded();
		assertThat(notificationJobs()).isEqualTo(before);
	}

	@Test
	void wontDoEndsTheCaseWithTheRationale() {
		ProcessInstance report = fileReport("Dispatch map colours are confusing", "DISPATCH", "LOW");
		complete(task(report), withVariables(TRIAGE_OUTCOME, "ACCEPT"));
		complete(task(report), withVariables(PM_DECISION, "WONT_DO", DECISION_RATIONALE, "New map ships next month"));

		// closed as won't do at once, for its reporter and the audit; it listens for more
		// evidence for 180 days
		assertThat(report).isWaitingAt("Gateway_Parked")
			.variables()
			.containsEntry(DECISION_RATIONALE, "New map ships next month")
			.containsEntry(CASE_OUTCOME, "WONT_DO")
			.containsEntry(CLOSED_AT, date(2026, 11, 23, 10, 0));
		fireTimerAt(report, "Timer_RevisitBacklog", date(2027, 5, 22, 10, 0));
		assertThat(report).isEnded().hasPassedInOrder("Timer_RevisitBacklog", "EndEvent_WontDo");
	}

	@Test
	void deliveryToolSignalsShippingByMessage() {
		ProcessInstance report = fileReport("Refunds take three days to show", "PAYMENTS", "HIGH");
		complete(task(report), withVariables(TRIAGE_OUTCOME, "ACCEPT"));
		complete(task(report), build("DECREASE", 72, 24, "P1W"));

		runtimeService().createMessageCorrelation(ProductOpsLoop.MESSAGE_DELIVERY_SHIPPED)
			.processInstanceBusinessKey("OPS-2026-0001")
			.setVariable(DELIVERY_REF, "release-2026.12")
			.correlate();

		assertThat(report).isWaitingAt("Timer_VerificationWindow").hasPassed("Message_DeliveryShippedReceived");
		assertThat(taskService().createTaskQuery().processInstanceId(report.getId()).count()).isZero();

		recordReading(report, 20, date(2026, 11, 27, 10, 0));
		fireTimerAt(report, "Timer_VerificationWindow", date(2026, 11, 30, 10, 0));
		assertThat(report).variables().containsEntry(VERIFICATION_VERDICT, "WORKING");
		complete(verifyTask(report),
				withVariables(VERIFICATION_OUTCOME, "WORKING", VERIFICATION_NOTE, "Refunds show same day"));
		passTheWatch(report);
		assertThat(report).isEnded().hasPassed("EndEvent_ClosedWorking");
	}

	@Test
	void noRecordedValueIsInconclusive() {
		ProcessInstance report = shippedReport("INCREASE", 10, 20);

		fireTimerAt(report, "Timer_VerificationWindow", date(2026, 12, 7, 10, 0));

		assertThat(report).isWaitingAt(ProductOpsLoop.TASK_VERIFY)
			.variables()
			.containsEntry(VERIFICATION_VERDICT, "INCONCLUSIVE")
			.containsEntry(METRIC_NOTE, "No reading was recorded between 23 Nov 2026, 10:00 and 7 Dec 2026, 10:00");
		complete(verifyTask(report),
				withVariables(VERIFICATION_OUTCOME, "WORKING", VERIFICATION_NOTE, "Ops confirm it by hand"));
		passTheWatch(report);
		assertThat(report).isEnded().hasPassed("EndEvent_ClosedWorking");
	}

	@Test
	void notWorkingReopensTheCaseAndASecondIterationWorks() {
		ProcessInstance report = shippedReport("INCREASE", 10, 20);
		recordReading(report, 12.5, date(2026, 12, 1, 10, 0));
		fireTimerAt(report, "Timer_VerificationWindow", date(2026, 12, 7, 10, 0));
		assertThat(report).variables().containsEntry(VERIFICATION_VERDICT, "NOT_WORKING");

		complete(verifyTask(report),
				withVariables(VERIFICATION_OUTCOME, "NOT_WORKING", VERIFICATION_NOTE, "Only 12.5 of 20"));

		assertThat(report).isWaitingAt(ProductOpsLoop.TASK_DECIDE)
			.hasPassed("Task_ReopenCase")
			.variables()
			.containsEntry(ITERATION, 2)
			.doesNotContainKey(OBSERVED_VALUE)
			// the PM decides again: nothing chosen or written for them; the last decision
			// shown as such
			.doesNotContainKeys(PM_DECISION, DECISION_RATIONALE)
			.containsEntry(LAST_DECISION, "BUILD");

		complete(task(report), build("INCREASE", 12.5, 20, "P7D"));
		complete(task(report), withVariables(DELIVERY_REF, "https://jira.example/SUP-2"));
		recordReading(report, 21, date(2026, 12, 10, 10, 0));
		fireTimerAt(report, "Timer_VerificationWindow", date(2026, 12, 14, 10, 0));
		complete(verifyTask(report), withVariables(VERIFICATION_OUTCOME, "WORKING", VERIFICATION_NOTE, "21 of 20"));
		passTheWatch(report);

		assertThat(report).isEnded().hasPassed("EndEvent_ClosedWorking");
		List<Object> observed = historyService().createHistoricDetailQuery()
			.processInstanceId(report.getId())
			.variableUpdates()
			.orderPartiallyByOccurrence()
			.asc()
			.list()
			.stream()
			.map(HistoricVariableUpdate.class::cast)
			.filter(update -> update.getVariableName().equals(OBSERVED_VALUE))
			.map(HistoricVariableUpdate::getValue)
			.toList();
		// every measurement stays in history (the re-open's removal shows as a null
		// update)
		assertThat(observed).filteredOn(Objects::nonNull).containsExactly(12.5, 21.0);
	}

	@Test
	void theReportersAreAskedAndTheirVerdictIsWeighedBesideTheMetric() {
		ProcessInstance report = reportFollowedByOtto();
		recordReading(report, 90, date(2026, 12, 1, 10, 0));
		fireTimerAt(report, "Timer_VerificationWindow", date(2026, 12, 7, 10, 0));

		// the reporter and the follower are asked, each by a task of their own, due with
		// the verification
		assertThat(taskService().createTaskQuery()
			.processInstanceId(report.getId())
			.taskDefinitionKey(ProductOpsLoop.TASK_CONFIRM_FIX)
			.list()).extracting(Task::getAssignee).containsExactlyInAnyOrder("olivia", "otto");
		assertThat(fixTask(report, "otto")).hasDueDate(verifyTask(report).getDueDate());
		assertThat(report).variables()
			.containsEntry(VERIFICATION_VERDICT, "WORKING")
			.doesNotContainKey(COMBINED_VERDICT);

		complete(fixTask(report, "olivia"), withVariables(FIX_ANSWER, "YES", HOURS_LOST_NOW, 1));
		assertThat(report).variables().containsEntry(COMBINED_VERDICT, "WORKING");
		// the answer stays with the person's task; the case keeps the list of answers
		assertThat(report).variables().doesNotContainKey(FIX_ANSWER);

		// the case is P1 and a reporter says no: the metric and the people disagree
		complete(fixTask(report, "otto"),
				withVariables(FIX_ANSWER, "NO", HOURS_LOST_NOW, 4, FIX_NOTE, "Still wrong at night"));
		// everyone answered: the asking is over
		assertThat(openFixTasks(report)).isZero();
		assertThat(report).variables()
			.containsEntry(COMBINED_VERDICT, "DISPUTED")
			.containsEntry(COMBINED_VERDICT_REASON,
					"The metric says working, but a reporter of this P1 case says it is not fixed.");
		assertThat(ReportersVerdict.of(runtimeService().getVariables(report.getId())))
			.extracting(ReportersVerdict.Answer::person, ReportersVerdict.Answer::answer,
					ReportersVerdict.Answer::hoursLostNow)
			.containsExactly(Tuple.tuple("olivia", FixAnswer.YES, 1.0), Tuple.tuple("otto", FixAnswer.NO, 4.0));

		complete(verifyTask(report),
				withVariables(VERIFICATION_OUTCOME, "NOT_WORKING", VERIFICATION_NOTE, "Nights still fail"));
		assertThat(report).isWaitingAt(ProductOpsLoop.TASK_DECIDE)
			.variables()
			.doesNotContainKeys(REPORTER_ANSWERS, COMBINED_VERDICT, COMBINED_VERDICT_REASON);

		// next iteration: nobody answers; the requests close when the verification is
		// due, Product Ops decides alone
		complete(task(report), build("INCREASE", 90, 95, "P7D"));
		complete(task(report), withVariables(DELIVERY_REF, "https://jira.example/SUP-8"));
		recordReading(report, 96, date(2026, 12, 10, 10, 0));
		fireTimerAt(report, "Timer_VerificationWindow", date(2026, 12, 14, 10, 0));
		fireTimerAt(report, "Timer_AnswersDue", date(2026, 12, 17, 10, 0));
		assertThat(report).hasPassed("Timer_AnswersDue").isWaitingAt(ProductOpsLoop.TASK_VERIFY);
		assertThat(taskService().createTaskQuery().processInstanceId(report.getId()).count()).isOne();
		complete(verifyTask(report), withVariables(VERIFICATION_OUTCOME, "WORKING", VERIFICATION_NOTE, "96 of 95"));
		passTheWatch(report);
		assertThat(report).isEnded()
			.hasPassed(ProductOpsLoop.TASK_VERIFY, "EndEvent_ClosedWorking")
			.variables()
			// no answers, and the metric does not count hours
			.doesNotContainKeys(HOURS_LOST_BEFORE, HOURS_LOST_AFTER);
	}

	@Test
	void verifyingEndsTheAskingAndTheHoursGivenBackAreCounted() {
		ProcessInstance report = reportFollowedByOtto();
		fireTimerAt(report, "Timer_VerificationWindow", date(2026, 12, 7, 10, 0));
		assertThat(report).variables().containsEntry(VERIFICATION_VERDICT, "INCONCLUSIVE");

		// no reading, and the reporter says it is fixed: working by the people
		complete(fixTask(report, "olivia"), withVariables(FIX_ANSWER, "YES", HOURS_LOST_NOW, 2.5));
		assertThat(report).variables()
			.containsEntry(COMBINED_VERDICT, "WORKING")
			.containsEntry(COMBINED_VERDICT_REASON,
					"There is no reading of the metric; most reporters who answered say it is fixed.");

		complete(verifyTask(report),
				withVariables(VERIFICATION_OUTCOME, "WORKING", VERIFICATION_NOTE, "Olivia confirms"));
		passTheWatch(report);
		// otto's request is withdrawn: the case does not wait for it
		assertThat(report).isEnded().hasPassed(ProductOpsLoop.TASK_VERIFY);
		assertThat(historyService().createHistoricTaskInstanceQuery()
			.processInstanceId(report.getId())
			.taskDefinitionKey(ProductOpsLoop.TASK_CONFIRM_FIX)
			.taskAssignee("otto")
			.singleResult()
			.getDeleteReason()).isEqualTo("deleted");
		// olivia lost 12.5 hours a week when she reported it, 2.5 now
		assertThat(report).variables()
			.containsEntry(HOURS_LOST_BEFORE, 12.5)
			.containsEntry(HOURS_LOST_AFTER, 2.5)
			.containsEntry(HOURS_SOURCE, "REPORTERS");
	}

	@Test
	void invalidInputRulesCheckTheReportersAnswer() {
		ProcessInstance report = reportFollowedByOtto();
		fireTimerAt(report, "Timer_VerificationWindow", date(2026, 12, 7, 10, 0));
		assertThatThrownBy(
				() -> complete(fixTask(report, "olivia"), withVariables(FIX_ANSWER, "MAYBE", HOURS_LOST_NOW, -1)))
			.hasMessageContaining("Is it fixed for you?")
			.hasMessageContaining("Hours you lose to it per week now: must be at least 0");
		assertThat(fixTask(report, "olivia")).isNotNull();
	}

	@Test
	void aWatchReadingThatMissesTheTargetReopensTheCase() {
		ProcessInstance report = shippedReport("INCREASE", 40, 80);
		recordReading(report, 85, date(2026, 12, 1, 10, 0));
		fireTimerAt(report, "Timer_VerificationWindow", date(2026, 12, 7, 10, 0));
		complete(verifyTask(report), withVariables(VERIFICATION_OUTCOME, "WORKING", VERIFICATION_NOTE, "85 of 80"));

		recordReading(report, 52, date(2026, 12, 30, 10, 0));
		fireTimerAt(report, "Timer_WatchReading", date(2027, 1, 6, 10, 0));

		assertThat(report).isWaitingAt(ProductOpsLoop.TASK_DECIDE)
			.hasPassedInOrder("Task_ReadWatchMetric", "Task_RecordRegression", "Task_ReopenCase")
			.variables()
			.containsEntry(ITERATION, 2)
			.containsEntry(REGRESSIONS, 1)
			.containsEntry(REGRESSION_NOTE,
					"The success metric read 52, 30 days after the verification; the target is 80.")
			// open again
			.doesNotContainKeys(WATCH_VERDICT, WATCH_STARTED_AT, CASE_OUTCOME);
		assertThat(task(report)).hasCandidateGroup("pm-supply");
		// the PM decides again with the reason in view; it is cleared with the decision
		complete(task(report), withVariables(PM_DECISION, "WONT_DO", DECISION_RATIONALE, "Seasonal, not the change"));
		assertThat(report).isWaitingAt("Gateway_Parked").variables().containsEntry(REGRESSION_NOTE, null);
	}

	@Test
	void aNewReportMergedIntoAWatchedCaseReopensIt() {
		ProcessInstance report = shippedReport("INCREASE", 40, 80);
		recordReading(report, 85, date(2026, 12, 1, 10, 0));
		fireTimerAt(report, "Timer_VerificationWindow", date(2026, 12, 7, 10, 0));
		complete(verifyTask(report), withVariables(VERIFICATION_OUTCOME, "WORKING", VERIFICATION_NOTE, "85 of 80"));
		assertThat(report).isWaitingAt("Gateway_Watching");

		Map<String, Object> again = report("Supply onboarding drops half the drivers again", "SUPPLY", "HIGH");
		again.put(REPORTER, "otto");
		ProcessInstance newReport = runtimeService().startProcessInstanceByKey(ProductOpsLoop.PROCESS_KEY, again);
		// triage sees the watched case among the suggestions, marked as a possible
		// regression
		assertThat(triageSuggestions(newReport))
			.contains(report.getBusinessKey() + " - A regression? Closed as working, watched: ");
		complete(task(newReport), withVariables(TRIAGE_OUTCOME, "DUPLICATE", DUPLICATE_OF, report.getBusinessKey()));

		assertThat(newReport).isEnded().hasPassed("EndEvent_ReportDuplicate");
		assertThat(report).isWaitingAt(ProductOpsLoop.TASK_DECIDE)
			.hasPassedInOrder("Message_RegressionReportedReceived", "Task_RecordRegression", "Task_ReopenCase")
			.hasNotPassed("Timer_WatchReading")
			.variables()
			.containsEntry(ITERATION, 2)
			.containsEntry(FOLLOWERS, "otto")
			.containsEntry(REGRESSION_NOTE,
					newReport.getBusinessKey()
							+ " \"Supply onboarding drops half the drivers again\" is the same problem: "
							+ "Product Ops merged it as a regression.");
		assertThat(managementService().createJobQuery().processInstanceId(report.getId()).timers().count())
			.isEqualTo(2);
	}

	@Test
	void invalidReportLeavesNoCaseBehind() {
		Map<String, Object> bad = report("Bad", "MARS", "SOON");
		bad.put(PEOPLE_AFFECTED_PER_WEEK, -1);

		assertThatThrownBy(() -> runtimeService().startProcessInstanceByKey(ProductOpsLoop.PROCESS_KEY, bad))
			.isInstanceOf(CaseInputException.class)
			.hasMessageContaining("Title: must be 5 to 120 characters (it has 3)")
			.hasMessageContaining("Area: must be one of")
			.hasMessageContaining("People affected per week: must be at least 0");

		assertThat(runtimeService().createProcessInstanceQuery().count()).isZero();
		assertThat(historyService().createHistoricProcessInstanceQuery().count()).isZero();
		// the refused start used no case number
		assertThat(fileReport("A valid report after all", "OTHER", "LOW").getBusinessKey()).isEqualTo("OPS-2026-0001");
	}

	@Test
	void invalidTriageKeepsTheTaskOpen() {
		ProcessInstance report = fileReport("Couriers wait too long at pickup", "DISPATCH", "MEDIUM");

		assertThatThrownBy(
				() -> complete(task(report), withVariables(TRIAGE_OUTCOME, "DUPLICATE", DUPLICATE_OF, "OPS-2026-0042")))
			.hasMessageContaining("Duplicate of case: there is no case OPS-2026-0042");
		assertThatThrownBy(
				() -> complete(task(report), withVariables(TRIAGE_OUTCOME, "DUPLICATE", DUPLICATE_OF, "OPS-2026-0001")))
			.hasMessageContaining("Duplicate of case: cannot be this case itself");
		// a list where the form has one value
		assertThatThrownBy(() -> complete(task(report),
				withVariables(TRIAGE_OUTCOME, "REJECT", TRIAGE_NOTE, "Not ours", DUPLICATE_OF,
						new ArrayList<>(List.of("not", "one")))))
			.hasMessageContaining("Duplicate of case: must be one value, not a list");

		assertThat(report).isWaitingAt(ProductOpsLoop.TASK_TRIAGE);
	}

	@Test
	void caseNumbersAreSequentialPerYear() {
		assertThat(fileReport("First report this year", "OTHER", "LOW").getBusinessKey()).isEqualTo("OPS-2026-0001");
		assertThat(fileReport("Second report this year", "OTHER", "LOW").getBusinessKey()).isEqualTo("OPS-2026-0002");
		setClock(LocalDateTime.of(2027, 1, 4, 9, 0));
		assertThat(fileReport("First report next year", "OTHER", "LOW").getBusinessKey()).isEqualTo("OPS-2027-0001");
	}

	// --- integrations: delivery tickets in the team's tracker, the metric read from its
	// source ------------------

	@Test
	void trackedTeamGetsAGitHubIssueWhoseClosingShipsTheCaseAndPrometheusConfirmsItWorks() throws Exception {
		ProcessInstance report = fileReport("Support macros send the wrong refund text", "SUPPORT", "HIGH");
		complete(task(report), withVariables(TRIAGE_OUTCOME, "ACCEPT"));
		complete(task(report),
				build("DECREASE", 30, 15, "P14D", "PROMETHEUS", "sum(increase(refund_complaints_total[7d]))"));

		// the ticket is opened in its own transaction: the decision is saved even if
		// GitHub is down
		assertThat(report).isWaitingAt("Task_OpenDeliveryTicket");
		LoopTestEngine.GITHUB.enqueue(201,
				"{\"number\": 7, \"html_url\": \"https://github.com/acme/marketplace/issues/7\"}");
		managementService().executeJob(job(report, "Task_OpenDeliveryTicket").getId());

		assertThat(report).isWaitingAt(ProductOpsLoop.TASK_CONFIRM_SHIPPED)
			.hasPassed("Task_OpenDeliveryTicket")
			.variables()
			.containsEntry(DELIVERY_REF, "acme/marketplace#7")
			.containsEntry(DELIVERY_URL, "https://github.com/acme/marketplace/issues/7");
		var sent = LoopTestEngine.GITHUB.lastRequest();
		assertThat(sent.pathAndQuery()).isEqualTo("/repos/acme/marketplace/issues");
		assertThat(sent.header("Authorization")).isEqualTo("Bearer test-token");
		assertThat(sent.body()).contains("[OPS-2026-0001] Support macros send the wrong refund text",
				"http://localhost:8080/camunda/app/cockpit/default/#/product-ops/case/OPS-2026-0001");

		var shipments = this.deliveryShipments;
		assertThat(shipments.shipped("acme/marketplace#7", "GitHub issue closed"))
			.isEqualTo(new DeliveryShipments.Result(DeliveryShipments.Status.SHIPPED, "OPS-2026-0001"));
		assertThat(report).isWaitingAt("Timer_VerificationWindow").hasPassed("Message_DeliveryShippedReceived");
		// a redelivered webhook changes nothing
		assertThat(shipments.shipped("acme/marketplace#7", "GitHub issue closed"))
			.isEqualTo(new DeliveryShipments.Result(DeliveryShipments.Status.ALREADY_SHIPPED, "OPS-2026-0001"));
		assertThat(shipments.shipped("acme/marketplace#8", "GitHub issue closed").status())
			.isEqualTo(DeliveryShipments.Status.UNKNOWN_TICKET);

		LoopTestEngine.PROMETHEUS.enqueue(200, vector("14"));
		fireTimerAt(report, "Timer_VerificationWindow", date(2026, 12, 7, 10, 0));

		assertThat(report).isWaitingAt(ProductOpsLoop.TASK_VERIFY)
			.variables()
			.containsEntry(OBSERVED_VALUE, 14.0)
			.containsEntry(OBSERVED_AT, date(2026, 12, 7, 10, 0))
			.containsEntry(VERIFICATION_VERDICT, "WORKING");
		assertThat(RecordingHttpServer.queryParameter(LoopTestEngine.PROMETHEUS.lastRequest(), "time"))
			.isEqualTo(String.valueOf(date(2026, 12, 7, 10, 0).getTime() / 1000));
		complete(verifyTask(report),
				withVariables(VERIFICATION_OUTCOME, "WORKING", VERIFICATION_NOTE, "Complaints halved"));
		passTheWatch(report);
		assertThat(report).isEnded().hasPassed("Task_ReadMetric", "EndEvent_ClosedWorking");
	}

	@Test
	void aMetricThatMissesTheTargetSuggestsNotWorkingAndTheCaseIsReopened() {
		ProcessInstance report = fileReport("Couriers miss the pickup window", "DISPATCH", "HIGH");
		complete(task(report), withVariables(TRIAGE_OUTCOME, "ACCEPT"));
		complete(task(report), build("INCREASE", 70, 90, "P14D", "PROMETHEUS", "avg(pickup_on_time_ratio) * 100"));
		complete(task(report), withVariables(DELIVERY_REF, "release-2026.48"));

		LoopTestEngine.PROMETHEUS.enqueue(200, vector("74.5"));
		fireTimerAt(report, "Timer_VerificationWindow", date(2026, 12, 7, 10, 0));

		assertThat(report).isWaitingAt(ProductOpsLoop.TASK_VERIFY)
			.variables()
			.containsEntry(OBSERVED_VALUE, 74.5)
			.containsEntry(VERIFICATION_VERDICT, "NOT_WORKING");
		complete(verifyTask(report),
				withVariables(VERIFICATION_OUTCOME, "NOT_WORKING", VERIFICATION_NOTE, "74.5 of 90"));

		assertThat(report).isWaitingAt(ProductOpsLoop.TASK_DECIDE)
			.hasPassed("Task_ReopenCase")
			.variables()
			.containsEntry(ITERATION, 2)
			.doesNotContainKeys(OBSERVED_VALUE, METRIC_NOTE, DELIVERY_REF, VERIFICATION_VERDICT);
	}

	@Test
	void aSqlMetricIsReadForTheWindow() {
		var warehouse = new JdbcTemplate(new DriverManagerDataSource(LoopTestEngine.METRICS_DATABASE, "sa", ""));
		warehouse.execute("DROP TABLE IF EXISTS payout_disputes");
		warehouse.execute("CREATE TABLE payout_disputes (opened_at TIMESTAMP WITH TIME ZONE)");
		warehouse.update("INSERT INTO payout_disputes VALUES (TIMESTAMP WITH TIME ZONE '2026-11-20 09:00:00+00')");
		warehouse.update("INSERT INTO payout_disputes VALUES (TIMESTAMP WITH TIME ZONE '2026-11-30 09:00:00+00')");
		ProcessInstance report = fileReport("Payout disputes pile up", "PAYMENTS", "MEDIUM");
		complete(task(report), withVariables(TRIAGE_OUTCOME, "ACCEPT"));
		complete(task(report), build("DECREASE", 10, 3, "P14D", "SQL",
				"SELECT COUNT(*) FROM payout_disputes WHERE opened_at BETWEEN :windowStart AND :windowEnd"));
		complete(task(report), withVariables(DELIVERY_REF, "release-2026.48"));

		fireTimerAt(report, "Timer_VerificationWindow", date(2026, 12, 7, 10, 0));

		assertThat(report).variables()
			.containsEntry(OBSERVED_VALUE, 1.0)
			.containsEntry(METRIC_NOTE, "Read from the metrics database")
			.containsEntry(VERIFICATION_VERDICT, "WORKING");
	}

	@Test
	void aFailingMetricSourceIsInconclusiveWithTheReason() {
		ProcessInstance report = fileReport("Couriers miss the pickup window", "DISPATCH", "HIGH");
		complete(task(report), withVariables(TRIAGE_OUTCOME, "ACCEPT"));
		complete(task(report), build("INCREASE", 70, 90, "P14D", "PROMETHEUS", "avg(pickup_on_time_ratio)"));
		complete(task(report), withVariables(DELIVERY_REF, "release-2026.48"));

		LoopTestEngine.PROMETHEUS.enqueue(503, "upstream connect error");
		fireTimerAt(report, "Timer_VerificationWindow", date(2026, 12, 7, 10, 0));

		assertThat(report).isWaitingAt(ProductOpsLoop.TASK_VERIFY)
			.variables()
			.containsEntry(VERIFICATION_VERDICT, "INCONCLUSIVE")
			.containsEntry(METRIC_NOTE, "The metric could not be read from Prometheus")
			.containsEntry(CaseVariables.METRIC_PROBLEM,
					"Prometheus answered HTTP 503 to GET /api/v1/query: upstream connect error");
	}

	@Test
	void aTrackerThatKeepsFailingIsRetriedThenRaisesAnIncidentAndTheCaseWaits() {
		ProcessInstance report = fileReport("Trust and safety queue hides reports", "TRUST_SAFETY", "HIGH");
		complete(task(report), withVariables(TRIAGE_OUTCOME, "ACCEPT"));
		complete(task(report), build("DECREASE", 48, 12, "P14D"));
		LoopTestEngine.GITHUB.otherwise(503, "{\"message\": \"Service Unavailable\"}");

		int attempts = 0;
		Job ticket = job(report, "Task_OpenDeliveryTicket");
		while (ticket.getRetries() > 0) {
			String jobId = ticket.getId();
			assertThatThrownBy(() -> managementService().executeJob(jobId))
				.hasMessageContaining("GitHub answered HTTP 503");
			attempts++;
			ticket = job(report, "Task_OpenDeliveryTicket");
			// the next retry is due 5 minutes later
			ClockUtil.setCurrentTime(ticket.getDuedate());
		}

		assertThat(attempts).isEqualTo(3);
		assertThat(LoopTestEngine.GITHUB.requests()).hasSize(3);
		assertThat(runtimeService().createIncidentQuery()
			.processInstanceId(report.getId())
			.singleResult()
			.getIncidentMessage())
			.isEqualTo("GitHub answered HTTP 503 to POST /repos/acme/marketplace/issues: {\"message\": \"Service "
					+ "Unavailable\"}");
		assertThat(report).isWaitingAt("Task_OpenDeliveryTicket");

		// GitHub is back; an admin retries the job in Cockpit
		LoopTestEngine.GITHUB.enqueue(201,
				"{\"number\": 9, \"html_url\": \"https://github.com/acme/marketplace/issues/9\"}");
		managementService().setJobRetries(ticket.getId(), 1);
		managementService().executeJob(ticket.getId());
		assertThat(report).isWaitingAt(ProductOpsLoop.TASK_CONFIRM_SHIPPED)
			.variables()
			.containsEntry(DELIVERY_REF, "acme/marketplace#9");
		assertThat(runtimeService().createIncidentQuery().processInstanceId(report.getId()).count()).isZero();
	}

	// --- SLAs: reminders when due, escalations to leads when overdue; business days skip
	// weekends -------------

	@Test
	void triageIsRemindedWhenDueAndEscalatedWhenOverdue() {
		// reported Thursday 10:00: due two business days later, Monday; escalated a
		// business day after, Tuesday
		setClock(LocalDateTime.of(2026, 11, 26, 10, 0));
		ProcessInstance report = fileReport("Supply app logs drivers out", "SUPPLY", "MEDIUM");
		assertThat(task(report)).hasDueDate(date(2026, 11, 30, 10, 0));

		fireTimerAt(report, "Timer_TriageDue", date(2026, 11, 30, 10, 0));
		fireTimerAt(report, "Timer_TriageOverdue", date(2026, 12, 1, 10, 0));

		assertThat(report).isWaitingAt(ProductOpsLoop.TASK_TRIAGE)
			.hasPassed("EndEvent_TriageReminded", "EndEvent_TriageEscalated");
		complete(task(report), withVariables(TRIAGE_OUTCOME, "REJECT", TRIAGE_NOTE, "Known issue, fixed in 5.3"));
		assertThat(report).isEnded();
	}

	@Test
	void reporterIsRemindedAfterThreeDays() {
		ProcessInstance report = fileReport("Support refunds need two approvals", "SUPPORT", "LOW");
		complete(task(report), withVariables(TRIAGE_OUTCOME, "NEEDS_INFO", TRIAGE_NOTE, "Which approvals?"));

		fireTimerAt(report, "Timer_MoreInfoReminder", date(2026, 11, 26, 10, 0));

		assertThat(report).isWaitingAt(ProductOpsLoop.TASK_PROVIDE_MORE_INFO).hasPassed("EndEvent_ReporterReminded");
		complete(task(report), withVariables(MORE_INFO, "Team lead and finance"));
		assertThat(report).isWaitingAt(ProductOpsLoop.TASK_TRIAGE);
	}

	@Test
	void decisionShippingAndVerificationHaveTheirSlas() {
		ProcessInstance report = fileReport("Dispatch cannot pause a zone", "DISPATCH", "HIGH");
		complete(task(report), withVariables(TRIAGE_OUTCOME, "ACCEPT"));
		// decision: created Monday 10:00, due 5 business days later (next Monday),
		// escalated Tuesday
		fireTimerAt(report, "Timer_DecisionDue", date(2026, 11, 30, 10, 0));
		fireTimerAt(report, "Timer_DecisionOverdue", date(2026, 12, 1, 10, 0));
		complete(task(report), build("DECREASE", 30, 5, "P14D"));
		// shipping: created Tuesday 1 December 10:00, due in 30 days (Thursday 31
		// December), escalated Friday 1 January
		fireTimerAt(report, "Timer_ShippingDue", date(2026, 12, 31, 10, 0));
		fireTimerAt(report, "Timer_ShippingOverdue", date(2027, 1, 1, 10, 0));
		complete(task(report), withVariables(DELIVERY_REF, "https://jira.example/DSP-3"));
		// verification: window of 14 days from Friday 1 January, task created Friday 15
		// January 10:00,
		// due three business days later (Wednesday 20th), escalated Thursday 21st
		fireTimerAt(report, "Timer_VerificationWindow", date(2027, 1, 15, 10, 0));
		fireTimerAt(report, "Timer_VerificationDue", date(2027, 1, 20, 10, 0));
		fireTimerAt(report, "Timer_VerificationOverdue", date(2027, 1, 21, 10, 0));

		assertThat(report).isWaitingAt(ProductOpsLoop.TASK_VERIFY)
			.hasPassed("EndEvent_DecisionReminded", "EndEvent_DecisionEscalated", "EndEvent_ShippingReminded",
					"EndEvent_ShippingEscalated", "EndEvent_VerificationReminded", "EndEvent_VerificationEscalated");
		complete(verifyTask(report),
				withVariables(VERIFICATION_OUTCOME, "WORKING", VERIFICATION_NOTE, "Checked by hand"));
		passTheWatch(report);
		assertThat(report).isEnded();
	}

	// --- helpers
	// ------------------------------------------------------------------------------------------------

	private ProcessInstance fileReport(String title, String area, String urgency) {
		return runtimeService().startProcessInstanceByKey(ProductOpsLoop.PROCESS_KEY, report(title, area, urgency));
	}

	static Map<String, Object> report(String title, String area, String urgency) {
		Map<String, Object> report = new HashMap<>();
		report.put(TITLE, title);
		report.put(AREA, area);
		report.put(DESCRIPTION, "What happens today: " + title.toLowerCase());
		report.put(FREQUENCY, "DAILY");
		report.put(PEOPLE_AFFECTED_PER_WEEK, 150);
		report.put(HOURS_LOST_PER_WEEK, 12.5);
		report.put(URGENCY, urgency);
		report.put(EVIDENCE_LINKS, "https://ops.example/dash/1");
		report.put(REPORTER, "olivia");
		return report;
	}

	/**
	 * A P1 SUPPLY report by olivia, otto's duplicate merged into it, built and shipped
	 * (metric should increase to 80).
	 */
	private ProcessInstance reportFollowedByOtto() {
		ProcessInstance report = fileReport("Drivers cannot see their shift bonus", "SUPPLY", "HIGH");
		Map<String, Object> duplicateReport = report("Drivers cannot see the shift bonus", "SUPPLY", "MEDIUM");
		duplicateReport.put(REPORTER, "otto");
		ProcessInstance duplicate = runtimeService().startProcessInstanceByKey(ProductOpsLoop.PROCESS_KEY,
				duplicateReport);
		complete(task(duplicate), withVariables(TRIAGE_OUTCOME, "DUPLICATE", DUPLICATE_OF, report.getBusinessKey()));
		complete(task(report), withVariables(TRIAGE_OUTCOME, "ACCEPT"));
		complete(task(report), build("INCREASE", 40, 80, "P14D"));
		complete(task(report), withVariables(DELIVERY_REF, "https://jira.example/SUP-7"));
		return report;
	}

	/**
	 * Two watch readings without a value: the regression watch ends and the case closes
	 * as working.
	 */
	private void passTheWatch(ProcessInstance report) {
		for (int reading = 0; reading < 2; reading++) {
			Job timer = managementService().createJobQuery()
				.processInstanceId(report.getId())
				.activityId("Timer_WatchReading")
				.singleResult();
			ClockUtil.setCurrentTime(timer.getDuedate());
			managementService().executeJob(timer.getId());
		}
	}

	private static long notificationJobs() {
		return managementService().createJobQuery()
			.list()
			.stream()
			.filter(job -> job instanceof JobEntity entity && NotificationJobs.TYPE.equals(entity.getJobHandlerType()))
			.count();
	}

	private static AlsoAffected.Person meToo(String person, long people, double hours) {
		return new AlsoAffected.Person(person, people, hours, AlsoAffected.Via.ME_TOO, null, "2026-11-24T10:00:00Z",
				null);
	}

	private static Task fixTask(ProcessInstance report, String person) {
		return taskService().createTaskQuery()
			.processInstanceId(report.getId())
			.taskDefinitionKey(ProductOpsLoop.TASK_CONFIRM_FIX)
			.taskAssignee(person)
			.singleResult();
	}

	private ProcessInstance shippedReport(String direction, double baseline, double target) {
		ProcessInstance report = fileReport("Supply onboarding drops half the drivers", "SUPPLY", "HIGH");
		complete(task(report), withVariables(TRIAGE_OUTCOME, "ACCEPT"));
		complete(task(report), build(direction, baseline, target, "P14D"));
		setClock(LocalDateTime.of(2026, 11, 23, 10, 0));
		complete(task(report), withVariables(DELIVERY_REF, "https://jira.example/SUP-1"));
		return report;
	}

	private static Map<String, Object> build(String direction, double baseline, double target, String window) {
		return withVariables(PM_DECISION, "BUILD", DECISION_RATIONALE, "Top pain for ops this month", SUCCESS_METRIC,
				"Weekly metric", METRIC_DIRECTION, direction, BASELINE_VALUE, baseline, TARGET_VALUE, target,
				VERIFICATION_WINDOW, window);
	}

	private static Map<String, Object> build(String direction, double baseline, double target, String window,
			String metricSource, String metricQuery) {
		Map<String, Object> decision = build(direction, baseline, target, window);
		decision.put(METRIC_SOURCE, metricSource);
		decision.put(METRIC_QUERY, metricQuery);
		return decision;
	}

	/**
	 * At verification the case also waits for the reporters' answers: Product Ops' task
	 * among them.
	 */
	private static Task verifyTask(ProcessInstance report) {
		return task(ProductOpsLoop.TASK_VERIFY, report);
	}

	private void recordReading(ProcessInstance report, double value, Date measuredAt) {
		this.metricReadings.add(report.getBusinessKey(), new MetricReadings.MetricReading(value, measuredAt.toInstant(),
				"ops dashboard", "priya", measuredAt.toInstant()));
	}

	private static String vector(String value) {
		return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},"
				+ "\"value\":[1796000000,\"" + value + "\"]}]}}";
	}

	private static Job job(ProcessInstance instance, String activityId) {
		return managementService().createJobQuery()
			.processInstanceId(instance.getId())
			.activityId(activityId)
			.singleResult();
	}

	/**
	 * Moves the engine clock to the timer's due date, checks the timer is due then (and
	 * not a minute before), fires it.
	 */
	private void fireTimerAt(ProcessInstance instance, String timerId, Date dueDate) {
		Job timer = managementService().createJobQuery()
			.processInstanceId(instance.getId())
			.activityId(timerId)
			.timers()
			.singleResult();
		assertThat(timer.getDuedate()).isEqualTo(dueDate);
		ClockUtil.setCurrentTime(new Date(dueDate.getTime() - 60_000));
		assertThat(managementService().createJobQuery().jobId(timer.getId()).executable().count()).isZero();
		ClockUtil.setCurrentTime(dueDate);
		assertThat(managementService().createJobQuery().jobId(timer.getId()).executable().count()).isOne();
		managementService().executeJob(timer.getId());
	}

	private static void setClock(LocalDateTime time) {
		ClockUtil.setCurrentTime(Date.from(time.atZone(LoopTestEngine.ZONE).toInstant()));
	}

	private static Date date(int year, int month, int day, int hour, int minute) {
		return Date.from(LocalDateTime.of(year, month, day, hour, minute).atZone(LoopTestEngine.ZONE).toInstant());
	}

	/** The duplicate suggestions on the case's triage form, as it opens. */
	private static String triageSuggestions(ProcessInstance instance) {
		return (String) formService().getTaskFormVariables(task(instance).getId()).get(DUPLICATE_SUGGESTIONS);
	}

	private long openFixTasks(ProcessInstance report) {
		return taskService().createTaskQuery()
			.processInstanceId(report.getId())
			.taskDefinitionKey(ProductOpsLoop.TASK_CONFIRM_FIX)
			.count();
	}

}
