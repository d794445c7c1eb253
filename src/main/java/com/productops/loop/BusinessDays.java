package com.productops.loop;

import java.time.DayOfWeek;
import java.time.ZonedDateTime;

/** Adds working days (Monday to Friday); public holidays are not known here. */
public final class BusinessDays {

	private BusinessDays() {
	}

	/**
	 * The same time of day, {@code days} working days later; a start on a weekend counts
	 * from the next Monday.
	 */
	public static ZonedDateTime add(ZonedDateTime start, int days) {
		ZonedDateTime result = start;
		int added = 0;
		while (added < days) {
			result = result.plusDays(1);
			if (!isWeekend(result.getDayOfWeek())) {
				added++;
			}
		}
		return result;
	}

	private static boolean isWeekend(DayOfWeek day) {
		return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
	}

}
