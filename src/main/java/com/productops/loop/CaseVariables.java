package com.productops.loop;

import java.util.Set;

/**
 * Every process variable of the Product Ops loop, in one place. Forms, DMN tables and
 * BPMN expressions use the same names; the form-contract test checks that forms use no
 * other.
 */
public final class CaseVariables {

	// intake: what ops report (start form)
	public static final String TITLE = "title";

	public static final String AREA = "area";

	public static final String DESCRIPTION = "description";

	public static final String FREQUENCY = "frequency";

	public static final String PEOPLE_AFFECTED_PER_WEEK = "peopleAffectedPerWeek";

	public static final String HOURS_LOST_PER_WEEK = "hoursLostPerWeek";

	public static final String URGENCY = "urgency";

	public static final String WORKAROUND = "workaround";

	public static final String EVIDENCE_LINKS = "evidenceLinks";

	public static final String REPORTER = "reporter";

	// intake: what the application adds
	public static final String CASE_NUMBER = "caseNumber";

	public static final String REPORTED_AT = "reportedAt";

	public static final String SCORE = "score";

	public static final String PRIORITY = "priority";

	public static final String PM_GROUP = "pmGroup";

	// the triage form's list of similar cases: no process variable (it names other
	// reporters' cases); kept beside the
	// case (intake/DuplicateIndex) and added to the triage form's variables for Product
	// Ops (security/LoopBoundary)
	public static final String DUPLICATE_SUGGESTIONS = "duplicateSuggestions";

	public static final String DUPLICATE_COUNT = "duplicateCount";

	public static final String DUPLICATE_REPORTS = "duplicateReports";

	/** Reporters of merged duplicates, comma-separated: they hear about this case too. */
	public static final String FOLLOWERS = "followers";

	public static final String ITERATION = "iteration";

	/**
	 * Everyone else who has the problem, with their own numbers ("me too", merged
	 * duplicates), as JSON (intake/AlsoAffected).
	 */
	public static final String ALSO_AFFECTED = "alsoAffected";

	/**
	 * The case's reach: the reporter's numbers plus everyone else's; priority and score
	 * follow them.
	 */
	public static final String TOTAL_PEOPLE_AFFECTED_PER_WEEK = "totalPeopleAffectedPerWeek";

	public static final String TOTAL_HOURS_LOST_PER_WEEK = "totalHoursLostPerWeek";

	// triage
	public static final String TRIAGE_OUTCOME = "triageOutcome";

	public static final String TRIAGE_NOTE = "triageNote";

	/**
	 * The case number of the original; the form sends OTHER when it was typed into
	 * duplicateOfOther.
	 */
	public static final String DUPLICATE_OF = "duplicateOf";

	public static final String DUPLICATE_OF_OTHER = "duplicateOfOther";

	public static final String MORE_INFO = "moreInfo";

	// PM decision
	public static final String PM_DECISION = "pmDecision";

	public static final String DECISION_RATIONALE = "decisionRationale";

	/**
	 * The decision and rationale before the case came back to its PM, shown on the form
	 * (the PM decides anew: nothing is chosen for them).
	 */
	public static final String LAST_DECISION = "lastDecision";

	public static final String LAST_DECISION_RATIONALE = "lastDecisionRationale";

	public static final String SUCCESS_METRIC = "successMetric";

	public static final String METRIC_DIRECTION = "metricDirection";

	public static final String BASELINE_VALUE = "baselineValue";

	public static final String TARGET_VALUE = "targetValue";

	/**
	 * ISO-8601 (P14D): the form offers 1 week, 2 weeks, 30 days, 90 days or DAYS with a
	 * number of days.
	 */
	public static final String VERIFICATION_WINDOW = "verificationWindow";

	public static final String VERIFICATION_WINDOW_DAYS = "verificationWindowDays";

	/**
	 * Where the metric is read after the window: MANUAL (readings posted to the API),
	 * PROMETHEUS or SQL.
	 */
	public static final String METRIC_SOURCE = "metricSource";

	/** The PromQL or SQL query of a PROMETHEUS or SQL metric source. */
	public static final String METRIC_QUERY = "metricQuery";

	public static final String REVISIT_ON = "revisitOn";

	public static final String REVISIT_AT = "revisitAt";

	/**
	 * The case's reach when it was put in the backlog: DMN EvidenceReturn compares the
	 * reach now with it.
	 */
	public static final String PEOPLE_AFFECTED_AT_DECISION = "peopleAffectedAtDecision";

	public static final String HOURS_LOST_AT_DECISION = "hoursLostAtDecision";

	/**
	 * Why a backlog case came back before its revisit date (DMN EvidenceReturn), for the
	 * PM.
	 */
	public static final String EVIDENCE_RETURN_REASON = "evidenceReturnReason";

	// build
	public static final String DELIVERY_REF = "deliveryRef";

	/** Link to the delivery ticket, when a tracker (GitHub, Jira) opened it. */
	public static final String DELIVERY_URL = "deliveryUrl";

	/**
	 * Why the tracker's ticket was closed without shipping (duplicate, won't do…): the
	 * case keeps waiting.
	 */
	public static final String DELIVERY_NOTE = "deliveryNote";

	public static final String SHIPPED_AT = "shippedAt";

	// verification
	public static final String OBSERVED_VALUE = "observedValue";

	public static final String OBSERVED_AT = "observedAt";

	/**
	 * Where the observed value came from, or why there is none (then the verdict is
	 * INCONCLUSIVE).
	 */
	public static final String METRIC_NOTE = "metricNote";

	/**
	 * Why the metric could not be read, in the source's own terms (its answer, the
	 * database's refusal): for Product Ops on the Verify form, not for reporters.
	 */
	public static final String METRIC_PROBLEM = "metricProblem";

	public static final String VERIFICATION_VERDICT = "verificationVerdict";

	public static final String VERIFICATION_OUTCOME = "verificationOutcome";

	public static final String VERIFICATION_NOTE = "verificationNote";

	// the reporters' verdict: each person asked "Is it fixed for you?" (Task_ConfirmFix,
	// one task per person)
	/**
	 * The person one "Is it fixed for you?" task asks (the multi-instance element; local
	 * to that task).
	 */
	public static final String ASKED_PERSON = "askedPerson";

	/** YES, PARTLY or NO (local to the person's task). */
	public static final String FIX_ANSWER = "fixAnswer";

	/** Hours the person loses per week now (local to the person's task). */
	public static final String HOURS_LOST_NOW = "hoursLostNow";

	public static final String FIX_NOTE = "fixNote";

	/**
	 * Every answer of this iteration, as JSON: who said what, when
	 * (verification/ReportersVerdict).
	 */
	public static final String REPORTER_ANSWERS = "reporterAnswers";

	/**
	 * The metric's verdict combined with the answers (DMN ReportersVerdict): WORKING,
	 * NOT_WORKING, INCONCLUSIVE or DISPUTED.
	 */
	public static final String COMBINED_VERDICT = "combinedVerdict";

	/**
	 * Why the combined verdict differs from the metric's, in words; absent when it does
	 * not.
	 */
	public static final String COMBINED_VERDICT_REASON = "combinedVerdictReason";

	/**
	 * Hours lost per week before and after the change, recorded when it is verified
	 * working (the ledger).
	 */
	public static final String HOURS_LOST_BEFORE = "hoursLostBefore";

	public static final String HOURS_LOST_AFTER = "hoursLostAfter";

	/**
	 * Where before and after came from: REPORTERS (their answers) or METRIC (a metric
	 * counted in hours).
	 */
	public static final String HOURS_SOURCE = "hoursSource";

	// the regression watch after a change is verified working
	// (verification/RegressionWatch)
	public static final String WATCH_STARTED_AT = "watchStartedAt";

	/**
	 * When the last watch reading is due: the watch ends then unless the problem comes
	 * back.
	 */
	public static final String WATCH_UNTIL = "watchUntil";

	public static final String WATCH_READINGS_DONE = "watchReadingsDone";

	/** When the last watch reading was taken: the next one looks at the time since. */
	public static final String WATCH_READ_AT = "watchReadAt";

	public static final String WATCH_OBSERVED_VALUE = "watchObservedValue";

	public static final String WATCH_OBSERVED_AT = "watchObservedAt";

	public static final String WATCH_METRIC_NOTE = "watchMetricNote";

	/**
	 * The VerificationVerdict table on the watch reading: WORKING, NOT_WORKING or
	 * INCONCLUSIVE.
	 */
	public static final String WATCH_VERDICT = "watchVerdict";

	/**
	 * What brought the problem back: a watch reading that missed the target, or a new
	 * report merged by triage.
	 */
	public static final String REGRESSION_NOTE = "regressionNote";

	public static final String REGRESSIONS = "regressions";

	// how the case ended (set by each end event, or when it closes while still watched:
	// WORKING, WONT_DO)
	public static final String CASE_OUTCOME = "caseOutcome";

	/**
	 * When the case closed, for a case that is closed but still watched (its process ends
	 * later).
	 */
	public static final String CLOSED_AT = "closedAt";

	public static final Set<String> ALL = Set.of(TITLE, AREA, DESCRIPTION, FREQUENCY, PEOPLE_AFFECTED_PER_WEEK,
			HOURS_LOST_PER_WEEK, URGENCY, WORKAROUND, EVIDENCE_LINKS, REPORTER, CASE_NUMBER, REPORTED_AT, SCORE,
			PRIORITY, PM_GROUP, DUPLICATE_SUGGESTIONS, DUPLICATE_COUNT, DUPLICATE_REPORTS, FOLLOWERS, ITERATION,
			ALSO_AFFECTED, TOTAL_PEOPLE_AFFECTED_PER_WEEK, TOTAL_HOURS_LOST_PER_WEEK, TRIAGE_OUTCOME, TRIAGE_NOTE,
			DUPLICATE_OF, DUPLICATE_OF_OTHER, MORE_INFO, PM_DECISION, DECISION_RATIONALE, SUCCESS_METRIC,
			METRIC_DIRECTION, BASELINE_VALUE, TARGET_VALUE, VERIFICATION_WINDOW, VERIFICATION_WINDOW_DAYS,
			METRIC_SOURCE, METRIC_QUERY, REVISIT_ON, REVISIT_AT, PEOPLE_AFFECTED_AT_DECISION, HOURS_LOST_AT_DECISION,
			EVIDENCE_RETURN_REASON, DELIVERY_REF, DELIVERY_URL, DELIVERY_NOTE, SHIPPED_AT, OBSERVED_VALUE, OBSERVED_AT,
			METRIC_NOTE, METRIC_PROBLEM, VERIFICATION_VERDICT, VERIFICATION_OUTCOME, VERIFICATION_NOTE, ASKED_PERSON,
			FIX_ANSWER, HOURS_LOST_NOW, FIX_NOTE, REPORTER_ANSWERS, COMBINED_VERDICT, COMBINED_VERDICT_REASON,
			HOURS_LOST_BEFORE, HOURS_LOST_AFTER, HOURS_SOURCE, WATCH_STARTED_AT, WATCH_UNTIL, WATCH_READINGS_DONE,
			WATCH_READ_AT, WATCH_OBSERVED_VALUE, WATCH_OBSERVED_AT, WATCH_METRIC_NOTE, WATCH_VERDICT, REGRESSION_NOTE,
			REGRESSIONS, CASE_OUTCOME, CLOSED_AT);

	private CaseVariables() {
	}

}
