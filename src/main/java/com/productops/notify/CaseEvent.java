package com.productops.notify;

/** What happened to a case that someone has to hear about. */
public enum CaseEvent {

	/** The report was registered (to the reporter, with the case number). */
	RECEIVED,
	/** Product Ops asks the reporter a question. */
	NEEDS_INFO,
	/** Merged into an open case; the reporter follows that case from now on. */
	DUPLICATE, REJECTED,
	/** Closed: the reporter did not answer the question in time. */
	NO_RESPONSE,
	/**
	 * The PM decided: BUILD, BACKLOG (with revisit date) or WONT_DO, with the rationale.
	 */
	DECIDED, SHIPPED, VERIFIED_WORKING,
	/**
	 * The verification window passed: a reporter or follower is asked "Is it fixed for
	 * you?" (their task).
	 */
	FIX_CHECK,
	/** The shipped change did not work; the case goes back to the PM. */
	REOPENED,
	/** A task waits for a group or person (to them, not to the reporter). */
	TASK_CREATED,
	/** A task is due (to its assignee, or its group). */
	REMINDER,
	/** A task is overdue (to the leads). */
	ESCALATED

}
