package com.productops.triage;

/** What Product Ops decides about a new report. */
public enum TriageOutcome {

	ACCEPT, DUPLICATE, NEEDS_INFO, REJECT

}
