package com.productops.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SimilarityScorerTests {

	@Test
	void sameProblemInOtherWordsIsAlike() {
		double similarity = SimilarityScorer.similarity("Riders cannot see surge price before booking",
				"Riders complain about surprise prices", "Rider can't see the surge prices",
				"Surge price not shown before booking");
		assertThat(similarity).isGreaterThanOrEqualTo(DuplicateFinder.THRESHOLD);
	}

	@Test
	void unrelatedProblemsAreNotAlike() {
		double similarity = SimilarityScorer.similarity("Payout report is missing fees", "Finance cannot reconcile",
				"Dispatch map colours are confusing", "Couriers pick the wrong zone");
		assertThat(similarity).isLessThan(0.05);
	}

	@Test
	void wordsIgnoreCaseFillerAndPlurals() {
		assertThat(SimilarityScorer.words("The Riders CANNOT see their Deliveries!")).containsExactlyInAnyOrder("rider",
				"see", "delivery");
	}

	@Test
	void emptyTextsHaveNothingInCommon() {
		assertThat(SimilarityScorer.similarity(null, null, "Title here", "Text")).isZero();
	}

}
