package com.productops.decision;

/** Which way the success metric has to move for the change to count as working. */
public enum MetricDirection {

	DECREASE, INCREASE

}
