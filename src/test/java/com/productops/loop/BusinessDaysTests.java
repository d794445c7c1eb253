package com.productops.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BusinessDaysTests {

	@ParameterizedTest(name = "{0} + {1} business days = {2}")
	@CsvSource({ "2026-11-23T10:00, 2, 2026-11-25T10:00", // Monday -> Wednesday
			"2026-11-26T10:00, 2, 2026-11-30T10:00", // Thursday -> Monday
			"2026-11-27T16:30, 1, 2026-11-30T16:30", // Friday -> Monday
			"2026-11-28T09:00, 1, 2026-11-30T09:00", // Saturday -> Monday
			"2026-11-29T09:00, 3, 2026-12-02T09:00", // Sunday -> Wednesday
			"2026-11-23T10:00, 5, 2026-11-30T10:00", // Monday -> next Monday
			"2026-11-23T10:00, 0, 2026-11-23T10:00" })
	void skipsWeekends(String start, int days, String expected) {
		ZoneId zone = ZoneId.of("Europe/Berlin");
		assertThat(BusinessDays.add(ZonedDateTime.of(LocalDateTime.parse(start), zone), days))
			.isEqualTo(ZonedDateTime.of(LocalDateTime.parse(expected), zone));
	}

}
