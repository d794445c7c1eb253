package com.productops.loop;

/**
 * How a case ended (variable caseOutcome; labels.properties {@code caseOutcome.<name>}).
 * NOT_WORKING is the outcome of a verification that re-opened the case: the case goes on.
 */
public enum CaseOutcome {

	WORKING, REJECTED, DUPLICATE, WONT_DO, NO_RESPONSE, NOT_WORKING

}
