package com.productops.verification;

import static com.productops.loop.CaseVariables.COMBINED_VERDICT;
import static com.productops.loop.CaseVariables.COMBINED_VERDICT_REASON;
import static com.productops.loop.CaseVariables.FIX_ANSWER;
import static com.productops.loop.CaseVariables.HOURS_LOST_AFTER;
import static com.productops.loop.CaseVariables.HOURS_LOST_BEFORE;
import static com.productops.loop.CaseVariables.HOURS_SOURCE;
import static com.productops.loop.CaseVariables.METRIC_DIRECTION;
import static com.productops.loop.CaseVariables.PRIORITY;
import static com.productops.loop.CaseVariables.REPORTER_ANSWERS;
import static com.productops.loop.CaseVariables.VERIFICATION_NOTE;
import static com.productops.loop.CaseVariables.VERIFICATION_OUTCOME;
import static com.productops.loop.CaseVariables.VERIFICATION_VERDICT;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.productops.input.ChangedValues;
import com.productops.intake.AlsoAffected;
import com.productops.loop.BusinessClock;
import com.productops.loop.CaseData;
import com.productops.loop.CaseVariable;
import com.productops.loop.Labels;
import com.productops.loop.ProductOpsLoop;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * The reporters' verdict: who is asked "Is it fixed for you?" (the reporter and every
 * follower), their answers as they come in ({@code reporterAnswers}), and the verdict of
 * the metric and the people together (DMN ReportersVerdict, stored as
 * {@code combinedVerdict} after each answer). Used by the BPMN as
 * {@code ${reportersVerdict.askedPeople(execution)}} and
 * {@code ${reportersVerdict.record(task)}}.
 */
@Component("reportersVerdict")
public class ReportersVerdict {

	/** One person's answer; {@code at} is ISO-8601. */
	public record Answer(String person, FixAnswer answer, double hoursLostNow, String note, String at) {
	}

	/** How the answers add up. */
	public record Tally(int answered, int yes, int partly, int no) {

		public double shareYes() {
			return (this.answered == 0) ? 0 : (double) this.yes / this.answered;
		}

		public double shareNo() {
			return (this.answered == 0) ? 0 : (double) this.no / this.answered;
		}

		/** The people say it is fixed: more than half of those who answered said yes. */
		public boolean fixedForMost() {
			return shareYes() > 0.5;
		}

	}

	/** Hours lost per week before the change and now, and where the numbers came from. */
	public record HoursLedger(double before, double after, String source) {
	}

	private static final ObjectMapper JSON = new ObjectMapper();

	private final BusinessClock clock;

	public ReportersVerdict(BusinessClock clock) {
		this.clock = clock;
	}

	/**
	 * A verification after a re-open starts without the last one's outcome and note: its
	 * form would show them chosen (one click would re-open the case again). The PM's
	 * decision form has shown them by then; the history keeps them.
	 */
	public void startVerification(DelegateExecution execution) {
		execution.getProcessInstance().removeVariables(List.of(VERIFICATION_OUTCOME, VERIFICATION_NOTE));
	}

	/** The reporter first, then each follower once. */
	public List<String> askedPeople(DelegateExecution execution) {
		return askedPeopleOf(execution.getVariables());
	}

	public static List<String> askedPeopleOf(Map<String, Object> variables) {
		Set<String> people = new LinkedHashSet<>();
		String reporter = CaseData.REPORTER.from(variables, "");
		if (!reporter.isBlank()) {
			people.add(reporter);
		}
		for (String follower : CaseData.FOLLOWERS.from(variables, "").split(",")) {
			if (!follower.isBlank()) {
				people.add(follower.strip());
			}
		}
		return new ArrayList<>(people);
	}

	/**
	 * Adds the person's answer (checked by the task's input rules) to the case and weighs
	 * all answers again.
	 */
	public void record(DelegateTask task) {
		DelegateExecution instance = task.getExecution().getProcessInstance();
		Answer answer = new Answer(CaseData.ASKED_PERSON.from(task), FixAnswer.valueOf(CaseData.FIX_ANSWER.from(task)),
				CaseData.HOURS_LOST_NOW.from(task).doubleValue(), CaseData.FIX_NOTE.from(task),
				this.clock.instant().toString());
		List<Answer> answers = new ArrayList<>(parse(instance.getVariable(REPORTER_ANSWERS)));
		answers.removeIf(a -> a.person().equals(answer.person()));
		answers.add(answer);
		instance.setVariable(REPORTER_ANSWERS, json(answers));
		Tally tally = tally(answers);
		var result = task.getProcessEngineServices()
			.getDecisionService()
			.evaluateDecisionTableByKey(ProductOpsLoop.DECISION_REPORTERS_VERDICT)
			.variables(Variables.createVariables()
				.putValue("metricVerdict", instance.getVariable(VERIFICATION_VERDICT))
				.putValue(PRIORITY, instance.getVariable(PRIORITY))
				.putValue("answered", tally.answered())
				.putValue("saidNo", tally.no())
				.putValue("shareNo", tally.shareNo())
				.putValue("shareYes", tally.shareYes()))
			.evaluate()
			.getSingleResult();
		Map<String, Object> verdict = new HashMap<>();
		verdict.put(COMBINED_VERDICT, result.getEntry(COMBINED_VERDICT));
		verdict.put(COMBINED_VERDICT_REASON, result.getEntry(COMBINED_VERDICT_REASON));
		ChangedValues.store(instance, verdict);
	}

	public static List<Answer> of(Map<String, Object> variables) {
		return parse(variables.get(REPORTER_ANSWERS));
	}

	static List<Answer> parse(Object json) {
		if (!(json instanceof String text) || text.isBlank()) {
			return List.of();
		}
		List<Answer> answers;
		try {
			answers = JSON.readValue(text, new TypeReference<List<Answer>>() {
			});
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("reporterAnswers is not a list of answers", ex);
		}
		// written by hand: an answer must say who and what, with hours
		if (answers == null || answers.stream()
			.anyMatch(a -> a == null || a.person() == null || a.answer() == null || !Double.isFinite(a.hoursLostNow())
					|| a.hoursLostNow() < 0)) {
			throw new IllegalStateException("reporterAnswers is not a list of answers");
		}
		return answers;
	}

	static String json(List<Answer> answers) {
		try {
			return JSON.writeValueAsString(answers);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static Tally tally(List<Answer> answers) {
		int yes = 0;
		int partly = 0;
		int no = 0;
		for (Answer answer : answers) {
			switch (answer.answer()) {
				case YES -> yes++;
				case PARTLY -> partly++;
				case NO -> no++;
			}
		}
		return new Tally(answers.size(), yes, partly, no);
	}

	/**
	 * Hours lost per week before and after a change verified working: from the people who
	 * answered (what they lost when they reported or joined, and what they lose now), or
	 * else from the metric when it counts hours and should decrease (baseline and
	 * observed value). Empty when neither says.
	 */
	public static Optional<HoursLedger> hoursLedger(Map<String, Object> variables) {
		double before = 0;
		double after = 0;
		boolean any = false;
		for (Answer answer : of(variables)) {
			Optional<Double> reported = AlsoAffected.hoursOf(variables, answer.person());
			if (reported.isPresent()) {
				before += reported.get();
				after += answer.hoursLostNow();
				any = true;
			}
		}
		if (any) {
			return Optional.of(new HoursLedger(before, after, "REPORTERS"));
		}
		boolean inHours = CaseData.SUCCESS_METRIC.from(variables, "").toLowerCase(Locale.ROOT).contains("hour");
		Number baseline = CaseData.BASELINE_VALUE.from(variables);
		Number observed = CaseData.OBSERVED_VALUE.from(variables);
		if (inHours && "DECREASE".equals(variables.get(METRIC_DIRECTION)) && baseline != null && observed != null) {
			return Optional.of(new HoursLedger(baseline.doubleValue(), observed.doubleValue(), "METRIC"));
		}
		return Optional.empty();
	}

	/**
	 * The ledger's variables, for a case verified working (nothing when neither the
	 * people nor the metric say).
	 */
	public static Map<String, Object> ledgerVariables(Map<String, Object> variables) {
		Map<String, Object> ledger = new HashMap<>();
		hoursLedger(variables).ifPresent(hours -> {
			ledger.put(HOURS_LOST_BEFORE, hours.before());
			ledger.put(HOURS_LOST_AFTER, hours.after());
			ledger.put(HOURS_SOURCE, hours.source());
		});
		return ledger;
	}

	/**
	 * The answers in words, for the case's timeline: "otto: No, it is not fixed, 6 hours
	 * lost per week now".
	 */
	public static String describe(String json, ZoneId zone) {
		return describe(json, zone, Map.of());
	}

	/** The same, people by name ({@code names}: login to name; the login where none). */
	public static String describe(String json, ZoneId zone, Map<String, String> names) {
		// a value written by hand that is no list of answers stays in the history
		return CaseVariable.readableOr(() -> String.join("; ",
				parse(json).stream()
					.map(a -> names.getOrDefault(a.person(), a.person()) + ": "
							+ Labels.value(FIX_ANSWER, a.answer().name(), zone) + ", " + hoursPerWeek(a.hoursLostNow())
							+ " lost per week now")
					.toList()),
				Labels.unreadable());
	}

	/**
	 * Who was asked "Is it fixed for you?" in the verification that began at
	 * {@code verificationStart}: the people of its question tasks, open or ended. A
	 * minute before it, as the questions and the Verify outcome task begin in one
	 * transaction, and an earlier verification's questions are at least a verification
	 * window older.
	 */
	public static Set<String> askedIn(HistoryService history, String processInstanceId, Date verificationStart) {
		Set<String> asked = new LinkedHashSet<>();
		history.createHistoricTaskInstanceQuery()
			.processInstanceId(processInstanceId)
			.taskDefinitionKey(ProductOpsLoop.TASK_CONFIRM_FIX)
			.startedAfter(new Date(verificationStart.getTime() - 60_000))
			.list()
			.forEach(task -> asked.add(task.getAssignee()));
		asked.remove(null);
		return asked;
	}

	/**
	 * The answers for the Verify outcome form, who was asked and has not answered yet,
	 * and who is on the case but was not asked: they joined it after the question went
	 * out (a sign that the change does not work for them). {@code asked}: who had a
	 * question ({@link #askedIn}); null: everyone on the case. People by name
	 * ({@code names}: login to name; the login where it has none).
	 */
	public static String markdown(Map<String, Object> variables, ZoneId zone, Map<String, String> names,
			Set<String> asked) {
		List<Answer> answers = of(variables);
		Set<String> answered = new LinkedHashSet<>();
		answers.forEach(a -> answered.add(a.person()));
		Set<String> onTheCase = new LinkedHashSet<>(askedPeopleOf(variables));
		Set<String> waiting = new LinkedHashSet<>((asked == null) ? onTheCase : asked);
		waiting.removeAll(answered);
		Set<String> notAsked = new LinkedHashSet<>();
		if (asked != null) {
			notAsked.addAll(onTheCase);
			notAsked.removeAll(answered);
			notAsked.removeAll(asked);
		}
		StringBuilder text = new StringBuilder();
		if (answers.isEmpty()) {
			text.append("Nobody has answered yet.");
			if (!waiting.isEmpty()) {
				text.append(" Asked: ").append(people(waiting, names)).append('.');
			}
		}
		else {
			text.append(markdown(answers, zone, names));
			if (!waiting.isEmpty()) {
				text.append("\nNot answered yet: ").append(people(waiting, names)).append('.');
			}
		}
		if (!notAsked.isEmpty()) {
			text.append("\n\nNot asked – they joined the case after the question went out: ")
				.append(people(notAsked, names))
				.append('.');
		}
		return text.toString();
	}

	/**
	 * " · 30 Nov 2026, 14:05"; nothing for a time that cannot be read (changed by hand).
	 */
	private static String when(String at, ZoneId zone) {
		try {
			return " · " + Labels.dateTime(Date.from(Instant.parse(at)), zone);
		}
		catch (RuntimeException ex) {
			return "";
		}
	}

	private static String people(Set<String> logins, Map<String, String> names) {
		return escape(String.join(", ", logins.stream().map(p -> names.getOrDefault(p, p)).toList()));
	}

	/**
	 * The answers for the Verify outcome form: one line each, newest last, in the form's
	 * words.
	 */
	public static String markdown(List<Answer> answers, ZoneId zone, Map<String, String> names) {
		if (answers.isEmpty()) {
			return "Nobody has answered yet.";
		}
		StringBuilder text = new StringBuilder();
		for (Answer answer : answers) {
			text.append("- **")
				.append(escape(names.getOrDefault(answer.person(), answer.person())))
				.append("**: ")
				.append(Labels.value(FIX_ANSWER, answer.answer().name(), zone))
				.append(" · ")
				.append(hoursPerWeek(answer.hoursLostNow()))
				.append(" lost per week now")
				.append(when(answer.at(), zone));
			if (answer.note() != null && !answer.note().isBlank()) {
				text.append(" · “").append(escape(answer.note().replaceAll("(?U)\\s+", " "))).append("”");
			}
			text.append('\n');
		}
		return text.toString();
	}

	/**
	 * "1 hour", "6 hours", "2.5 hours": hours lost per week are counted in hours, however
	 * many.
	 */
	public static String hoursPerWeek(double hours) {
		return Labels.counted(hours, "hour", "hours");
	}

	static String escape(String text) {
		return AlsoAffected.escapeMarkdown(text);
	}

}
