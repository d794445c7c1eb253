package com.productops.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

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

	/**
	 * A long report counts by its first different words, the title's first: what weighing
	 * it reads is bounded.
	 */
	@Test
	void aReportCountsByItsFirstHundredDifferentWords() {
		String description = IntStream.range(0, 300).mapToObj(i -> "zone" + i).collect(Collectors.joining(" "));

		Set<String> words = SimilarityScorer.words("Couriers lose the drop-off note", description);

		assertThat(words).hasSize(SimilarityScorer.MAX_WORDS)
			.startsWith("courier", "lose", "drop", "off", "note", "zone0")
			.contains("zone" + (SimilarityScorer.MAX_WORDS - 6))
			.doesNotContain("zone" + (SimilarityScorer.MAX_WORDS - 5));
		// the same words again after them change nothing
		assertThat(SimilarityScorer.similarity("Couriers lose the drop-off note", description,
				"Couriers lose the drop-off note", description + " farther words"))
			.isEqualTo(1.0);
	}

	/**
	 * A long word is cut to the index's column without splitting a character outside the
	 * Basic Multilingual Plane (PostgreSQL would store the lone half as "?"), in the
	 * scores as in the index.
	 */
	@Test
	void aLongWordIsCutBetweenCharacters() {
		String wide = new String(Character.toChars(0x20000));
		String word = "a".repeat(SimilarityScorer.MAX_WORD - 1) + wide + wide;

		assertThat(SimilarityScorer.cut(word)).isEqualTo("a".repeat(SimilarityScorer.MAX_WORD - 1));
		assertThat(SimilarityScorer.cut("a".repeat(SimilarityScorer.MAX_WORD - 2) + wide + "b"))
			.isEqualTo("a".repeat(SimilarityScorer.MAX_WORD - 2) + wide);
		assertThat(SimilarityScorer.cut("short" + wide)).isEqualTo("short" + wide);
		assertThat(SimilarityScorer.words("w".repeat(150) + " " + "w".repeat(100) + "xyz"))
			.containsExactly("w".repeat(SimilarityScorer.MAX_WORD));
	}

	@Test
	void emptyTextsHaveNothingInCommon() {
		assertThat(SimilarityScorer.similarity(null, null, "Title here", "Text")).isZero();
	}

}
