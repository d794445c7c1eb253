package com.productops.intake;

import java.util.List;

/** A validated, normalised problem report as filed by ops. */
public record ProblemReport(String title, Area area, String description, Frequency frequency,
		long peopleAffectedPerWeek, double hoursLostPerWeek, Urgency urgency, String workaround,
		List<String> evidenceLinks) {

	public ProblemReport {
		evidenceLinks = List.copyOf(evidenceLinks);
	}

}
