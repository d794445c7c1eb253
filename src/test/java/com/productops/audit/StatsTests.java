package com.productops.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class StatsTests {

	@Test
	void medianOfOddAndEvenCounts() {
		assertThat(Stats.median(List.of(5.0, 1.0, 3.0))).isEqualTo(3.0);
		assertThat(Stats.median(List.of(4.0, 1.0, 2.0, 72.0))).isEqualTo(3.0);
		assertThat(Stats.median(List.of())).isNull();
	}

	@Test
	void percentileIsNearestRank() {
		List<Double> hours = List.of(1.0, 1.0, 2.0, 2.0, 4.0, 72.0);
		assertThat(Stats.percentile(hours, 0.9)).isEqualTo(72.0); // rank ceil(5.4) = 6
		assertThat(Stats.percentile(hours, 0.5)).isEqualTo(2.0); // rank 3
		assertThat(Stats.percentile(List.of(7.25), 0.9)).isEqualTo(7.25);
		assertThat(Stats.median(List.of(0.0628))).isEqualTo(0.063); // 3 m 46 s stays about 4 minutes
		assertThat(Stats.percentile(List.of(), 0.9)).isNull();
	}

	@Test
	void percentWithOneDecimal() {
		assertThat(Stats.percent(1, 3)).isEqualTo(33.3);
		assertThat(Stats.percent(2, 2)).isEqualTo(100.0);
		assertThat(Stats.percent(0, 0)).isNull();
	}

}
