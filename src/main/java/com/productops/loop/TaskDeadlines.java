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
		return businessDays(this.sla.triageBusinessDays());
	}

	public Date moreInfo() {
		return Date.from(now().plus(this.sla.moreInfo()).toInstant());
	}

	/** The reporter's time to answer, as an ISO-8601 duration for the boundary timer. */
	public String moreInfoTimeout() {
		return this.sla.moreInfo().toString();
	}

	public Date decision() {
		return businessDays(this.sla.decisionBusinessDays());
	}

	public Date delivery() {
		return Date.from(now().plus(this.sla.delivery()).toInstant());
	}

	public Date verification() {
		return businessDays(this.sla.verificationBusinessDays());
	}

	/** When the reporter is reminded of an unanswered question. */
	public Date moreInfoReminder() {
		return Date.from(now().plus(this.sla.moreInfoReminder()).toInstant());
	}

	/**
	 * When a task of this stage ({@link Stage#code()}) is escalated to leads: after its
	 * due date.
	 */
	public Date escalation(String stage) {
		ZonedDateTime due = switch (Stage.of(stage)) {
			case TRIAGE -> BusinessDays.add(now(), this.sla.triageBusinessDays());
			case DECISION -> BusinessDays.add(now(), this.sla.decisionBusinessDays());
			case BUILD -> now().plus(this.sla.delivery());
			case VERIFICATION -> BusinessDays.add(now(), this.sla.verificationBusinessDays());
		};
		return Date.from(BusinessDays.add(due, this.sla.escalationBusinessDays()).toInstant());
	}

	private Date businessDays(int days) {
		return Date.from(BusinessDays.add(now(), days).toInstant());
	}

	private ZonedDateTime now() {
		return ZonedDateTime.now(this.clock);
	}

}
