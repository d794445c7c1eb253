package com.productops.audit;

import java.util.Map;

/**
 * The scorecard as CSV in long form (metric, dimension, value): one row per number, which
 * BI tools pivot as they like.
 */
final class ScorecardCsv {

	private ScorecardCsv() {
	}

	static String write(Scorecard card) {
		StringBuilder csv = new StringBuilder("metric,dimension,value\n");
		row(csv, "period_from", "", card.from());
		row(csv, "period_to", "", card.to());
		row(csv, "cases_reported", "", card.casesReported());
		row(csv, "cases_open", "", card.casesOpen());
		row(csv, "cases_closed", "", card.casesClosed());
		rows(csv, "cases_opened_in_week", card.openedPerWeek());
		rows(csv, "cases_closed_in_week", card.closedPerWeek());
		for (Scorecard.Stage stage : card.stages()) {
			row(csv, "stage_completed", stage.stage(), stage.completed());
			row(csv, "stage_median_hours", stage.stage(), stage.medianHours());
			row(csv, "stage_p90_hours", stage.stage(), stage.p90Hours());
			row(csv, "stage_sla_breaches", stage.stage(), stage.slaBreaches());
			row(csv, "stage_open", stage.stage(), stage.open());
		}
		rows(csv, "outcome", card.outcomes());
		row(csv, "verifications_working", "", card.verifications().working());
		row(csv, "verifications_not_working", "", card.verifications().notWorking());
		row(csv, "verified_working_percent", "", card.verifiedWorkingPercent());
		row(csv, "reopen_rate_percent", "", card.reopenRatePercent());
		for (Scorecard.AreaLoss area : card.topAreasByHoursLost()) {
			row(csv, "open_hours_lost_per_week", area.area(), area.hoursLostPerWeek());
			row(csv, "open_cases", area.area(), area.openCases());
		}
		Scorecard.Value value = card.value();
		row(csv, "hours_given_back_per_week", "", value.hoursGivenBackPerWeek());
		for (Scorecard.AreaHours area : value.byArea()) {
			row(csv, "hours_given_back_per_week", area.area(), area.hoursGivenBack());
			row(csv, "hours_lost_per_week_before", area.area(), area.hoursBefore());
			row(csv, "hours_lost_per_week_after", area.area(), area.hoursAfter());
			row(csv, "cases_closed_working_with_hours", area.area(), area.cases());
		}
		row(csv, "verified_cases", "", value.verifiedCases());
		row(csv, "working_by_metric_percent", "", value.workingByMetricPercent());
		row(csv, "cases_with_answers", "", value.answeredCases());
		row(csv, "working_by_people_percent", "", value.workingByPeoplePercent());
		row(csv, "disputed_cases", "", value.disputedCases());
		row(csv, "regressions_caught", "", value.regressionsCaught());
		return csv.toString();
	}

	private static void rows(StringBuilder csv, String metric, Map<String, Integer> values) {
		values.forEach((dimension, value) -> row(csv, metric, dimension, value));
	}

	private static void row(StringBuilder csv, String metric, String dimension, Object value) {
		csv.append(cell(metric)).append(',').append(cell(dimension)).append(',').append(cell(value)).append('\n');
	}

	/**
	 * A cell as OWASP's CSV-injection advice has it: numbers as they are; text that a
	 * spreadsheet would read as a formula (starting with =, +, -, @, tab or carriage
	 * return) gets a leading apostrophe, and text with a comma, quote or line break is
	 * quoted with its quotes doubled.
	 */
	static String cell(Object value) {
		if (value == null) {
			return "";
		}
		if (value instanceof Number) {
			return value.toString();
		}
		String text = value.toString();
		if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
			text = "'" + text;
		}
		if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
			text = "\"" + text.replace("\"", "\"\"") + "\"";
		}
		return text;
	}

}
