package com.productops.audit;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The numbers Product Ops is judged by, for the cases reported in [from, to).
 *
 * @param stages time and SLA breaches per human stage, in loop order
 * @param outcomes closed cases by how they ended (WORKING, REJECTED, DUPLICATE, WONT_DO,
 * NO_RESPONSE)
 * @param verifications every verification of a shipped change: how many found it working
 * / not working
 * @param verifiedWorkingPercent share of verifications that found the change working
 * @param reopenRatePercent share of verified cases that were re-opened at least once
 * @param value what the shipped changes gave back: hours per week, and whether the people
 * agree with the metric
 */
public record Scorecard(LocalDate from, LocalDate to, int casesReported, int casesOpen, int casesClosed,
		Map<String, Integer> openedPerWeek, Map<String, Integer> closedPerWeek, List<Stage> stages,
		Map<String, Integer> outcomes, Verifications verifications, Double verifiedWorkingPercent,
		Double reopenRatePercent, List<AreaLoss> topAreasByHoursLost, Value value) {

	/**
	 * One human stage. Durations run from task creation to completion, in hours, for
	 * completed tasks; a breach is a task completed after its due date, or still open
	 * past it.
	 */
	public record Stage(String stage, String taskId, int completed, Double medianHours, Double p90Hours,
			int slaBreaches, int open) {
	}

	public record Verifications(int working, int notWorking) {
	}

	/**
	 * The ledger of hours given back and the verdicts behind it, over the cases verified
	 * working or not.
	 *
	 * @param hoursGivenBackPerWeek hours lost per week before minus after, over the cases
	 * verified working that recorded both (from the reporters' answers, or a metric
	 * counted in hours)
	 * @param byArea the same per area, most hours first
	 * @param verifiedCases cases whose shipped change was verified (their last
	 * verification) with a reading of the metric: a verification without one ("no
	 * reading") is not the metric's verdict
	 * @param workingByMetricPercent share of them the metric found working
	 * @param answeredCases verified cases in which at least one reporter answered "Is it
	 * fixed for you?"
	 * @param workingByPeoplePercent share of those in which most who answered said yes
	 * @param disputedCases verifications Product Ops decided while the metric and the
	 * reporters disagreed
	 * @param regressionsCaught re-opens by the regression watch: a reading that missed
	 * the target or a new report
	 */
	public record Value(double hoursGivenBackPerWeek, List<AreaHours> byArea, int verifiedCases,
			Double workingByMetricPercent, int answeredCases, Double workingByPeoplePercent, int disputedCases,
			int regressionsCaught) {
	}

	/** Hours lost per week before and after the changes closed as working in one area. */
	public record AreaHours(String area, int cases, double hoursBefore, double hoursAfter, double hoursGivenBack) {
	}

	/** Hours lost per week that open cases of an area report, all together. */
	public record AreaLoss(String area, int openCases, double hoursLostPerWeek) {
	}

}
