package com.productops.decision;

import static com.productops.loop.CaseVariables.BASELINE_VALUE;
import static com.productops.loop.CaseVariables.CASE_OUTCOME;
import static com.productops.loop.CaseVariables.CLOSED_AT;
import static com.productops.loop.CaseVariables.DECISION_RATIONALE;
import static com.productops.loop.CaseVariables.EVIDENCE_RETURN_REASON;
import static com.productops.loop.CaseVariables.HOURS_LOST_AT_DECISION;
import static com.productops.loop.CaseVariables.METRIC_DIRECTION;
import static com.productops.loop.CaseVariables.METRIC_QUERY;
import static com.productops.loop.CaseVariables.METRIC_SOURCE;
import static com.productops.loop.CaseVariables.PEOPLE_AFFECTED_AT_DECISION;
import static com.productops.loop.CaseVariables.PM_DECISION;
import static com.productops.loop.CaseVariables.REGRESSION_NOTE;
import static com.productops.loop.CaseVariables.REVISIT_AT;
import static com.productops.loop.CaseVariables.REVISIT_ON;
import static com.productops.loop.CaseVariables.SUCCESS_METRIC;
import static com.productops.loop.CaseVariables.TARGET_VALUE;
import static com.productops.loop.CaseVariables.VERIFICATION_WINDOW;
import static com.productops.loop.CaseVariables.VERIFICATION_WINDOW_DAYS;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.productops.input.StepInput;
import com.productops.input.SubmittedInput;
import com.productops.intake.AlsoAffected;
import com.productops.loop.BusinessClock;
import com.productops.loop.CaseOutcome;
import com.productops.loop.Labels;
import com.productops.loop.ProductOpsLoop;
import com.productops.verification.MetricReader;
import com.productops.verification.MetricSource;
import com.productops.verification.WatchProperties;
import org.springframework.stereotype.Component;

/**
 * PM decision rules. Every decision carries a rationale. BUILD commits to a measurable
 * outcome: a metric, its baseline, a target on the right side of the baseline, a
 * verification window, and where the metric is read then (readings posted to the API, a
 * PromQL query or a SQL query; a source that is not configured is refused). BACKLOG names
 * a future revisit date; the case comes back to the PM at 09:00 that day.
 */
@Component
public class DecideOnReportInput implements StepInput {

	static final LocalTime REVISIT_TIME = LocalTime.of(9, 0);

	/**
	 * The durations the engine's timers understand: P14D, P2W, P1M, PT12H, P1DT12H ...
	 */
	private static final Pattern ISO_DURATION = Pattern
		.compile("P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+S)?)?");

	/**
	 * The form's choice "another number of days": the number is in
	 * verificationWindowDays.
	 */
	static final String OTHER_NUMBER_OF_DAYS = "DAYS";

	static final long MAX_WINDOW_DAYS = 365;

	/** What only a decision to build commits to. */
	static final List<String> BUILD_ONLY = List.of(SUCCESS_METRIC, METRIC_DIRECTION, BASELINE_VALUE, TARGET_VALUE,
			VERIFICATION_WINDOW, VERIFICATION_WINDOW_DAYS, METRIC_SOURCE, METRIC_QUERY);

	private final BusinessClock clock;

	private final MetricReader metrics;

	private final WatchProperties watch;

	public DecideOnReportInput(BusinessClock clock, MetricReader metrics, WatchProperties watch) {
		this.clock = clock;
		this.metrics = metrics;
		this.watch = watch;
	}

	@Override
	public String step() {
		return ProductOpsLoop.TASK_DECIDE;
	}

	@Override
	public Map<String, Object> accept(Map<String, Object> submitted, CaseContext context) {
		SubmittedInput input = new SubmittedInput(submitted);
		PmDecision decision = input.choice(PM_DECISION, PmDecision.class, true);
		String rationale = input.text(DECISION_RATIONALE, true, SubmittedInput.MAX_TEXT);
		Map<String, Object> accepted = new HashMap<>();
		if (decision == PmDecision.BUILD) {
			build(input, accepted);
		}
		else if (decision == PmDecision.WONT_DO) {
			// closed for the reporters and the audit; more evidence within the period
			// brings it back to the PM
			Date now = this.clock.date();
			accepted.put(CASE_OUTCOME, CaseOutcome.WONT_DO.name());
			accepted.put(CLOSED_AT, now);
			accepted.put(REVISIT_AT, Date.from(now.toInstant().plus(this.watch.wontDo())));
		}
		if (decision == PmDecision.BACKLOG || decision == PmDecision.WONT_DO) {
			// what the evidence is now: more of it brings the case back early (DMN
			// EvidenceReturn)
			accepted.put(PEOPLE_AFFECTED_AT_DECISION, AlsoAffected.totalPeople(submitted));
			accepted.put(HOURS_LOST_AT_DECISION, AlsoAffected.totalHours(submitted));
		}
		if (decision == PmDecision.BACKLOG) {
			backlog(input, accepted);
		}
		// what another decision needs is not kept: the form hides it, an API client may
		// send it anyway
		if (decision != PmDecision.BUILD) {
			BUILD_ONLY.forEach(field -> accepted.put(field, null));
		}
		if (decision != PmDecision.BACKLOG) {
			accepted.put(REVISIT_ON, null);
		}
		for (String why : new String[] { EVIDENCE_RETURN_REASON, REGRESSION_NOTE }) {
			if (submitted.get(why) != null) {
				accepted.put(why, null); // the PM has seen why it came back
			}
		}
		input.throwIfInvalid();
		accepted.put(PM_DECISION, decision.name());
		accepted.put(DECISION_RATIONALE, rationale);
		return accepted;
	}

	private void build(SubmittedInput input, Map<String, Object> accepted) {
		String metric = input.text(SUCCESS_METRIC, true, 200);
		MetricDirection direction = input.choice(METRIC_DIRECTION, MetricDirection.class, true);
		Double baseline = input.number(BASELINE_VALUE, true, null);
		Double target = input.number(TARGET_VALUE, true, null);
		if (direction != null && baseline != null && target != null) {
			boolean better = (direction == MetricDirection.INCREASE) ? target > baseline : target < baseline;
			if (!better) {
				input.problem(TARGET_VALUE,
						"must be " + (direction == MetricDirection.INCREASE ? "above" : "below") + " the baseline ("
								+ SubmittedInput.format(baseline) + ") when the metric should "
								+ direction.name().toLowerCase(Locale.ROOT));
			}
		}
		String window = verificationWindow(input);
		MetricSource source = input.choice(METRIC_SOURCE, MetricSource.class, false);
		source = (source == null) ? MetricSource.MANUAL : source;
		String query = (source == MetricSource.MANUAL) ? null : input.text(METRIC_QUERY, true, 2000);
		this.metrics.problemWith(source, query).ifPresent(problem -> input.problem(METRIC_SOURCE, problem));
		accepted.put(METRIC_SOURCE, source.name());
		accepted.put(METRIC_QUERY, query);
		accepted.put(SUCCESS_METRIC, metric);
		accepted.put(METRIC_DIRECTION, (direction == null) ? null : direction.name());
		accepted.put(BASELINE_VALUE, baseline);
		accepted.put(TARGET_VALUE, target);
		accepted.put(VERIFICATION_WINDOW, window);
	}

	/**
	 * The form offers 1 week, 2 weeks, 30 days, 90 days or another number of days
	 * ({@value #OTHER_NUMBER_OF_DAYS} with verificationWindowDays); API clients may send
	 * any positive ISO-8601 duration. Stored as ISO-8601 (P14D), which the verification
	 * timer reads.
	 */
	private static String verificationWindow(SubmittedInput input) {
		String window = input.text(VERIFICATION_WINDOW, true, 40);
		if (window == null) {
			return null;
		}
		window = window.toUpperCase(Locale.ROOT);
		if (OTHER_NUMBER_OF_DAYS.equals(window)) {
			Long days = input.wholeNumber(VERIFICATION_WINDOW_DAYS, true, 1);
			if (days != null && days > MAX_WINDOW_DAYS) {
				input.problem(VERIFICATION_WINDOW_DAYS, "must be at most " + MAX_WINDOW_DAYS);
			}
			return (days == null) ? null : "P" + days + "D";
		}
		if (!ISO_DURATION.matcher(window).matches() || isZero(window)) {
			input.problem(VERIFICATION_WINDOW, "choose one of the offered windows or a number of days");
		}
		else if (tooLong(window)) {
			input.problem(VERIFICATION_WINDOW, "must be at most " + MAX_WINDOW_DAYS + " days");
		}
		return window;
	}

	/**
	 * Longer than a year: the case would never be checked (and huge values overflow the
	 * timer's date).
	 */
	private static boolean tooLong(String window) {
		try {
			Span span = Span.of(window);
			long days = span.period().getYears() * 365L + span.period().getMonths() * 30L + span.period().getDays()
					+ span.duration().toDays();
			return days > MAX_WINDOW_DAYS;
		}
		catch (DateTimeParseException | ArithmeticException ex) {
			return true;
		}
	}

	private static boolean isZero(String window) {
		try {
			Span span = Span.of(window);
			return span.period().isZero() && span.duration().isZero();
		}
		catch (DateTimeParseException ex) {
			return true;
		}
		catch (ArithmeticException ex) {
			return false; // weeks beyond what a period holds: too long, not zero
		}
	}

	/**
	 * An ISO-8601 duration as java.time reads it: the date part (P1M2D) and the time part
	 * (T12H).
	 */
	private record Span(Period period, Duration duration) {

		static Span of(String window) {
			int t = window.indexOf('T');
			return new Span(Period.parse(t < 0 ? window : (t == 1 ? "P0D" : window.substring(0, t))),
					(t < 0) ? Duration.ZERO : Duration.parse("P" + window.substring(t)));
		}

	}

	private void backlog(SubmittedInput input, Map<String, Object> accepted) {
		LocalDate revisitOn = input.date(REVISIT_ON, true, this.clock.getZone());
		if (revisitOn == null) {
			return;
		}
		LocalDate today = this.clock.today();
		if (!revisitOn.isAfter(today)) {
			input.problem(REVISIT_ON, "must be after today (" + Labels.day(today) + ")");
		}
		accepted.put(REVISIT_ON, revisitOn.toString());
		accepted.put(REVISIT_AT, Date.from(revisitOn.atTime(REVISIT_TIME).atZone(this.clock.getZone()).toInstant()));
	}

}
