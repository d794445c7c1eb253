package com.productops.loop;

/**
 * Technical names of the BPMN model in processes/ProductOpsLoop.bpmn that Java code and
 * tests rely on.
 */
public final class ProductOpsLoop {

	public static final String PROCESS_KEY = "productOpsLoop";

	public static final String START_EVENT = "StartEvent_ProblemReported";

	public static final String TASK_TRIAGE = "Task_TriageReport";

	public static final String TASK_PROVIDE_MORE_INFO = "Task_ProvideMoreInfo";

	public static final String TASK_DECIDE = "Task_DecideOnReport";

	public static final String TASK_CONFIRM_SHIPPED = "Task_ConfirmShipped";

	public static final String TASK_VERIFY = "Task_VerifyOutcome";

	/**
	 * "Is it fixed for you?": one task for the reporter and for each follower, beside
	 * Task_VerifyOutcome.
	 */
	public static final String TASK_CONFIRM_FIX = "Task_ConfirmFix";

	/**
	 * Sends a case that was verified not working, or regressed, back to its PM: one more
	 * iteration.
	 */
	public static final String TASK_REOPEN_CASE = "Task_ReopenCase";

	/**
	 * The regression watch found the problem back: a reading that missed the target, or a
	 * new report.
	 */
	public static final String TASK_RECORD_REGRESSION = "Task_RecordRegression";

	/** The DMN table that weighs the reporters' answers against the metric's verdict. */
	public static final String DECISION_REPORTERS_VERDICT = "ReportersVerdict";

	public static final String MESSAGE_DELIVERY_SHIPPED = "DeliveryShipped";

	/**
	 * Brings a backlog case back to its PM before its revisit date (intake/CaseReach, DMN
	 * EvidenceReturn).
	 */
	public static final String MESSAGE_EVIDENCE_GREW = "EvidenceGrew";

	/**
	 * A new report merged into a case watched for regressions re-opens it
	 * (triage/DuplicateMerger).
	 */
	public static final String MESSAGE_REGRESSION_REPORTED = "RegressionReported";

	/**
	 * Where a case closed as working waits while it is watched for regressions (for
	 * RegressionReported, or a reading).
	 */
	public static final String GATEWAY_WATCHING = "Gateway_Watching";

	private ProductOpsLoop() {
	}

}
