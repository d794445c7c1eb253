package com.productops.audit;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The numbers Product Ops is judged by, for the cases reported in [from, to).
 *
 * @param stages time and SLA breaches per human stage, in loop order
 * @param outcomes closed cases by how they ended (WORKING, REJECTED, DUPLICATE, WONT_DO, NO_RESPONSE)
 * @param verifications every verification of a shipped change: how many found it working / not working
 * @param verifiedWorkingPercent share of verifications that found the change working
 * @param reopenRatePercent share of verified cases that were re-opened at least once
 */
public record Scorecard(LocalDate from, LocalDate to, int casesReported, int casesOpen, int casesClosed,
		Map<String, Integer> openedPerWeek, Map<String, Integer> closedPerWeek, List<Stage> stages,
		Map<String, Integer> outcomes, Verifications verifications, Double verifiedWorkingPercent,
		Double reopenRatePercent, List<AreaLoss> topAreasByHoursLost) {

	/**
	 * One human stage. Durations run from task creation to completion, in hours, for completed tasks; a breach is a
	 * task completed after its due date, or still open past it.
	 */
	public record Stage(String stage, String taskId, int completed, Double medianHours, Double p90Hours,
			int slaBreaches, int open) {
	}

	public record Verifications(int working, int notWorking) {
	}

	/** Hours lost per week that open cases of an area report, all together. */
	public record AreaLoss(String area, int openCases, double hoursLostPerWeek) {
	}

}
