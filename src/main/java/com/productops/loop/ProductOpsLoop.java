package com.productops.loop;

/**
 * Technical names of the BPMN model in processes/ProductOpsLoop.bpmn that Java code and tests rely on.
 */
public final class ProductOpsLoop {

	public static final String PROCESS_KEY = "productOpsLoop";

	public static final String START_EVENT = "StartEvent_ProblemReported";

	public static final String TASK_TRIAGE = "Task_TriageReport";

	public static final String TASK_PROVIDE_MORE_INFO = "Task_ProvideMoreInfo";

	public static final String TASK_DECIDE = "Task_DecideOnReport";

	public static final String TASK_CONFIRM_SHIPPED = "Task_ConfirmShipped";

	public static final String TASK_VERIFY = "Task_VerifyOutcome";

	public static final String MESSAGE_DELIVERY_SHIPPED = "DeliveryShipped";

	private ProductOpsLoop() {
	}

}
