package com.productops.loop;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * Business time: the engine's clock in the business zone (productops.time-zone). The one
 * way the code reads the time, so that due dates, case-number years, revisit dates and
 * the scorecard's days agree with the engine's timers; tests move it with the engine's
 * clock.
 */
public final class BusinessClock extends Clock {

	private final ZoneId zone;

	public BusinessClock(ZoneId zone) {
		this.zone = zone;
	}

	@Override
	public ZoneId getZone() {
		return this.zone;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return new BusinessClock(zone);
	}

	@Override
	public Instant instant() {
		return ClockUtil.getCurrentTime().toInstant();
	}

	/** Now, as the engine stores a moment in a variable. */
	public Date date() {
		return Date.from(instant());
	}

	public LocalDate today() {
		return LocalDate.now(this);
	}

	/** The moment a business day begins. */
	public Instant startOf(LocalDate day) {
		return day.atStartOfDay(this.zone).toInstant();
	}

}
