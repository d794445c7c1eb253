package com.productops.notify;

import static com.productops.loop.CaseVariables.CASE_NUMBER;
import static com.productops.loop.CaseVariables.FOLLOWERS;
import static com.productops.loop.CaseVariables.PM_DECISION;
import static com.productops.loop.CaseVariables.REVISIT_ON;
import static com.productops.loop.CaseVariables.TITLE;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.productops.input.SubmittedInput;
import com.productops.loop.BusinessClock;
import com.productops.loop.CaseVariables;
import com.productops.loop.FormDisplayValues;
import com.productops.loop.Labels;
import com.productops.loop.SlaProperties;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * What a notification says of a case: its variables as text (for templates), what a mail
 * shows (codes as their labels) and what a webhook carries (the case's business fields as
 * codes, {@link #WEBHOOK_FIELDS}).
 */
@Component
public class NotificationContent {

	private static final int MAX_DETAIL = 1000;

	/**
	 * What a webhook tells of a case: its business fields as codes, nothing of the
	 * engine's bookkeeping, of the metric's query (SQL, PromQL) or of other people's
	 * answers.
	 */
	public static final List<String> WEBHOOK_FIELDS = List.of(CaseVariables.CASE_NUMBER, CaseVariables.TITLE,
			CaseVariables.AREA, CaseVariables.DESCRIPTION, CaseVariables.REPORTER, CaseVariables.REPORTED_AT,
			CaseVariables.URGENCY, CaseVariables.PRIORITY, CaseVariables.PM_GROUP,
			CaseVariables.PEOPLE_AFFECTED_PER_WEEK, CaseVariables.HOURS_LOST_PER_WEEK,
			CaseVariables.TOTAL_PEOPLE_AFFECTED_PER_WEEK, CaseVariables.TOTAL_HOURS_LOST_PER_WEEK,
			CaseVariables.TRIAGE_OUTCOME, CaseVariables.DUPLICATE_OF, CaseVariables.PM_DECISION,
			CaseVariables.DECISION_RATIONALE, CaseVariables.SUCCESS_METRIC, CaseVariables.METRIC_DIRECTION,
			CaseVariables.BASELINE_VALUE, CaseVariables.TARGET_VALUE, CaseVariables.VERIFICATION_WINDOW,
			CaseVariables.REVISIT_ON, CaseVariables.DELIVERY_REF, CaseVariables.DELIVERY_URL, CaseVariables.SHIPPED_AT,
			CaseVariables.OBSERVED_VALUE, CaseVariables.VERIFICATION_VERDICT, CaseVariables.COMBINED_VERDICT,
			CaseVariables.VERIFICATION_OUTCOME, CaseVariables.ITERATION, CaseVariables.CASE_OUTCOME,
			CaseVariables.CLOSED_AT);

	/** Numbers a mail shows as people write them. */
	private static final List<String> NUMBERS = List.of(CaseVariables.BASELINE_VALUE, CaseVariables.TARGET_VALUE,
			CaseVariables.OBSERVED_VALUE, CaseVariables.PEOPLE_AFFECTED_PER_WEEK, CaseVariables.HOURS_LOST_PER_WEEK,
			CaseVariables.TOTAL_PEOPLE_AFFECTED_PER_WEEK, CaseVariables.TOTAL_HOURS_LOST_PER_WEEK);

	private final BusinessClock clock;

	private final ObjectMapper json;

	private final SlaProperties sla;

	public NotificationContent(BusinessClock clock, ObjectMapper json, SlaProperties sla) {
		this.clock = clock;
		this.json = json;
		this.sla = sla;
	}

	String payload(CaseEvent event, Map<String, String> values, Set<String> people, String link) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("event", event.name());
		payload.put("caseNumber", values.get(CASE_NUMBER));
		payload.put("title", values.get(TITLE));
		payload.put("occurredAt", this.clock.instant().toString());
		payload.put("recipients", people);
		payload.put("link", link);
		Map<String, String> caseData = new LinkedHashMap<>();
		for (String field : WEBHOOK_FIELDS) {
			if (values.get(field) != null) {
				caseData.put(field, values.get(field));
			}
		}
		payload.put("case", caseData);
		try {
			return this.json.writeValueAsString(payload);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The case's variables as text, long texts cut, for templates and payloads. */
	Map<String, String> values(VariableScope scope) {
		Map<String, String> values = new HashMap<>();
		scope.getVariables().forEach((name, value) -> {
			if (value == null) {
				return;
			}
			String text = (value instanceof Date date) ? format(date) : String.valueOf(value);
			values.put(name, text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + " ..." : text);
		});
		values.putIfAbsent(FOLLOWERS, "");
		values.put("triageDays", String.valueOf(this.sla.triageBusinessDays()));
		return values;
	}

	/**
	 * What a mail shows: codes as their labels (P1 – critical, 2 weeks, Dispatch product
	 * team); webhooks keep the codes, for the programs that read them.
	 */
	Map<String, String> forPeople(Map<String, String> values) {
		Map<String, String> shown = new HashMap<>(values);
		for (String field : FormDisplayValues.LABELLED) {
			if (values.get(field) != null) {
				shown.put(field, Labels.value(field, values.get(field), this.clock.getZone()));
			}
		}
		if (values.get("waitingFor") != null) {
			shown.put("waitingFor",
					String.join(", ",
							Arrays.stream(values.get("waitingFor").split(",\\s*"))
								.map(group -> Labels.value(CaseVariables.PM_GROUP, group, this.clock.getZone()))
								.toList()));
		}
		for (String field : NUMBERS) {
			if (values.get(field) != null) {
				try {
					// 30, not 30.0 (the form's number field may send either)
					shown.put(field, SubmittedInput.format(Double.parseDouble(values.get(field))));
				}
				catch (NumberFormatException ex) {
					// not a number: shown as it is
				}
			}
		}
		if (values.get(REVISIT_ON) != null) {
			try {
				shown.put(REVISIT_ON, Labels.day(LocalDate.parse(values.get(REVISIT_ON))));
			}
			catch (DateTimeParseException ex) {
				// not a date: shown as it is
			}
		}
		decision(shown);
		return shown;
	}

	/**
	 * The decision in the reporters' words, and what follows from it (labels.properties:
	 * mail.decision.*, mail.decisionDetail.*).
	 */
	private static void decision(Map<String, String> values) {
		String decision = values.getOrDefault(PM_DECISION, "");
		values.put("decisionLabel", Labels.all().getOrDefault("mail.decision." + decision, decision));
		values.put("decisionDetail",
				MailTemplates.fill(Labels.all().getOrDefault("mail.decisionDetail." + decision, ""), values, false));
	}

	String format(Date date) {
		return Labels.dateTime(date, this.clock.getZone());
	}

}
