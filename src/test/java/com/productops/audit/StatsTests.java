package com.productops.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatsTests {

	@Test
	void medianIsTheMeanOfTheMiddleRanks() {
		assertThat(Stats.medianRanks(3)).containsExactly(2, 2);
		assertThat(Stats.medianRanks(4)).containsExactly(2, 3);
		assertThat(Stats.medianRanks(1)).containsExactly(1, 1);
	}

	@Test
	void percentileIsNearestRank() {
		assertThat(Stats.nearestRank(6, 0.9)).isEqualTo(6); // ceil(5.4)
		assertThat(Stats.nearestRank(6, 0.5)).isEqualTo(3);
		assertThat(Stats.nearestRank(10, 0.9)).isEqualTo(9);
		assertThat(Stats.nearestRank(1, 0.9)).isEqualTo(1);
	}

	@Test
	void hoursToAThousandth() {
		// 3 m 46 s stays about 4 minutes
		assertThat(Stats.hours(0.0628)).isEqualTo(0.063);
	}

	@Test
	void percentWithOneDecimal() {
		assertThat(Stats.percent(1, 3)).isEqualTo(33.3);
		assertThat(Stats.percent(2, 2)).isEqualTo(100.0);
		assertThat(Stats.percent(0, 0)).isNull();
	}

}
