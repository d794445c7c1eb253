package com.productops.verification;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What is watched after a case closes (productops.watch.*): when, after a change is
 * verified working, its metric is read again; how long a case decided WON'T DO listens
 * for more evidence.
 *
 * @param readings times after the verification, in order; the last one ends the watch;
 * empty: no watch
 * @param wontDo how long a case decided WON'T DO waits for more evidence (more people
 * saying they have the problem) before it ends
 */
@ConfigurationProperties("productops.watch")
public record WatchProperties(@DefaultValue( {
		"P30D", "P90D" }) List<Duration> readings, @DefaultValue("P180D") Duration wontDo){

	public WatchProperties {
		readings = List.copyOf(readings);
		for (int i = 1; i < readings.size(); i++) {
			if (readings.get(i).compareTo(readings.get(i - 1)) <= 0) {
				throw new IllegalArgumentException("productops.watch.readings must grow: " + readings);
			}
		}
	}

	public static WatchProperties defaults() {
		return new WatchProperties(List.of(Duration.ofDays(30), Duration.ofDays(90)), Duration.ofDays(180));
	}

}
