package com.productops.decision;

/** What the routed product manager decides about an accepted report. */
public enum PmDecision {

	BUILD, BACKLOG, WONT_DO

}
