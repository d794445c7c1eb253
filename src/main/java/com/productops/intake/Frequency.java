package com.productops.intake;

/** How often the problem happens. */
public enum Frequency {

	ONCE, WEEKLY, DAILY, HOURLY

}
