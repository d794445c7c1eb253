package com.productops.intake;

/** How urgent the reporter thinks the problem is, with its RICE impact weight. */
public enum Urgency {

	LOW(0.5), MEDIUM(1), HIGH(2), CRITICAL(3);

	private final double impact;

	Urgency(double impact) {
		this.impact = impact;
	}

	public double impact() {
		return this.impact;
	}

}
