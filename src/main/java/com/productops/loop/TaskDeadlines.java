package com.productops.loop;

import java.time.ZonedDateTime;
import java.util.Date;

import org.springframework.stereotype.Component;

/**
 * Due dates of the user tasks, used by the BPMN as
 * {@code camunda:dueDate="${taskDeadlines.triage()}"}. Counted from the engine clock, so
 * tests can move time.
 */
@Component("taskDeadlines")
public class TaskDeadlines {

	private final SlaProperties sla;

	private final BusinessClock clock;

	public TaskDeadlines(SlaProperties sla, BusinessClock clock) {
		this.clock = clock;
		this.sla = sla;
	}

	public Date triage() {
		return date(due(Stage.TRIAGE));
	}

	public Date moreInfo() {
		return date(now().plus(this.sla.moreInfo()));
	}

	/** The reporter's time to answer, as an ISO-8601 duration for the boundary timer. */
	public String moreInfoTimeout() {
		return this.sla.moreInfo().toString();
	}

	public Date decision() {
		return date(due(Stage.DECISION));
	}

	public Date delivery() {
		return date(due(Stage.BUILD));
	}

	public Date verification() {
		return date(due(Stage.VERIFICATION));
	}

	/** When the reporter is reminded of an unanswered question. */
	public Date moreInfoReminder() {
		return date(now().plus(this.sla.moreInfoReminder()));
	}

	/**
	 * When a task of this stage ({@link Stage#code()}) is escalated to leads: after its
	 * due date.
	 */
	public Date escalation(String stage) {
		return date(BusinessDays.add(due(Stage.of(stage)), this.sla.escalationBusinessDays()));
	}

	/** A task of this stage, started now, is due then: each stage's service level. */
	private ZonedDateTime due(Stage stage) {
		return switch (stage) {
			case TRIAGE -> BusinessDays.add(now(), this.sla.triageBusinessDays());
			case DECISION -> BusinessDays.add(now(), this.sla.decisionBusinessDays());
			case BUILD -> now().plus(this.sla.delivery());
			case VERIFICATION -> BusinessDays.add(now(), this.sla.verificationBusinessDays());
		};
	}

	private static Date date(ZonedDateTime time) {
		return Date.from(time.toInstant());
	}

	private ZonedDateTime now() {
		return ZonedDateTime.now(this.clock);
	}

}
