package com.productops.intake;

/**
 * The part of the marketplace a problem is in; routing to a PM group is decided by the
 * ReportRouting DMN table.
 */
public enum Area {

	SUPPLY, DEMAND, DISPATCH, PAYMENTS, SUPPORT, TRUST_SAFETY, OTHER

}
