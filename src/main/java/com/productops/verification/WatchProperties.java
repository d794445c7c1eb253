package com.productops.verification;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The regression watch (productops.watch.*): when, after a change is verified working, its metric is read again.
 *
 * @param readings times after the verification, in order; the last one ends the watch; empty: no watch
 */
@ConfigurationProperties("productops.watch")
public record WatchProperties(@DefaultValue({ "P30D", "P90D" }) List<Duration> readings) {

	public WatchProperties {
		readings = List.copyOf(readings);
		for (int i = 1; i < readings.size(); i++) {
			if (readings.get(i).compareTo(readings.get(i - 1)) <= 0) {
				throw new IllegalArgumentException("productops.watch.readings must grow: " + readings);
			}
		}
	}

	public static WatchProperties defaults() {
		return new WatchProperties(List.of(Duration.ofDays(30), Duration.ofDays(90)));
	}

}
