package com.productops.loop;

/**
 * How a case ended (variable caseOutcome; labels.properties {@code caseOutcome.<name>}).
 * A re-opened case has none until it ends again.
 */
public enum CaseOutcome {

	WORKING, REJECTED, DUPLICATE, WONT_DO, NO_RESPONSE

}
