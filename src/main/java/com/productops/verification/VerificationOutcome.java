package com.productops.verification;

/** What Product Ops confirms after the verification window. */
public enum VerificationOutcome {

	WORKING, NOT_WORKING

}
