package com.productops.intake;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * How alike two reports read: word overlap (Jaccard) of title and description, ignoring
 * case, punctuation, common English filler words and plural endings. The title counts
 * more because reporters describe the same problem in different words but tend to name it
 * alike. A report counts by its first {@link #MAX_WORDS} different words.
 */
public final class SimilarityScorer {

	/**
	 * The different words of a text that count, the title's first: more than enough to
	 * tell what a report is about (a title has fewer), and a bound on what weighing
	 * reads: a duplicate suggestion reads at most this many words of each case it weighs,
	 * however long the texts.
	 */
	static final int MAX_WORDS = 100;

	/**
	 * Longer words are cut to this length (the duplicate index's column); in real text no
	 * two words differ only after it.
	 */
	static final int MAX_WORD = 100;

	private static final Set<String> STOP_WORDS = Set.of("the", "and", "for", "are", "but", "not", "you", "all", "any",
			"can", "had", "her", "was", "one", "our", "out", "has", "have", "with", "this", "that", "from", "they",
			"when", "what", "there", "their", "them", "then", "than", "into", "onto", "its", "it's", "who", "why",
			"how", "been", "were", "does", "doesn't", "dont", "don't", "cannot", "can't", "get", "gets", "got", "very",
			"too", "also", "only", "some", "more", "most", "after", "before", "while", "about", "because", "which",
			"would", "should", "could", "will", "just", "every", "each", "still", "again", "being", "over", "under",
			"same");

	private SimilarityScorer() {
	}

	/** 0 (nothing in common) to 1 (same words). */
	public static double similarity(String titleA, String descriptionA, String titleB, String descriptionB) {
		double title = jaccard(words(titleA), words(titleB));
		Set<String> allA = words(titleA, descriptionA);
		Set<String> allB = words(titleB, descriptionB);
		double all = jaccard(allA, allB);
		return 0.6 * title + 0.4 * all;
	}

	/**
	 * The same from counts alone (what {@link DuplicateIndex} keeps): how many words each
	 * title and each whole report has, and how many they share.
	 */
	static double similarity(int titleWordsA, int titleWordsB, int titleCommon, int allWordsA, int allWordsB,
			int allCommon) {
		return 0.6 * jaccard(titleWordsA, titleWordsB, titleCommon) + 0.4 * jaccard(allWordsA, allWordsB, allCommon);
	}

	/** The words of a whole report: title and description. */
	static Set<String> words(String title, String description) {
		return words(Objects.toString(title, "") + " " + Objects.toString(description, ""));
	}

	static Set<String> words(String text) {
		Set<String> words = new LinkedHashSet<>();
		if (text == null) {
			return words;
		}
		for (String raw : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+")) {
			String word = raw.replace("'", "");
			if (word.length() < 3 || STOP_WORDS.contains(raw) || STOP_WORDS.contains(word)) {
				continue;
			}
			if (word.length() > 4 && word.endsWith("ies")) {
				word = word.substring(0, word.length() - 3) + "y";
			}
			else if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss")) {
				word = word.substring(0, word.length() - 1);
			}
			words.add(cut(word));
			if (words.size() == MAX_WORDS) {
				break;
			}
		}
		return words;
	}

	/**
	 * A word cut to {@link #MAX_WORD} characters, never through a character outside the
	 * Basic Multilingual Plane: PostgreSQL would store its lone half as "?", so that the
	 * word read back no longer matched (or two words became one key).
	 */
	static String cut(String word) {
		if (word.length() <= MAX_WORD) {
			return word;
		}
		int end = Character.isHighSurrogate(word.charAt(MAX_WORD - 1)) ? MAX_WORD - 1 : MAX_WORD;
		return word.substring(0, end);
	}

	static double jaccard(Set<String> a, Set<String> b) {
		if (a.isEmpty() || b.isEmpty()) {
			return 0;
		}
		Set<String> common = new HashSet<>(a);
		common.retainAll(b);
		return jaccard(a.size(), b.size(), common.size());
	}

	private static double jaccard(int sizeA, int sizeB, int common) {
		return (sizeA == 0 || sizeB == 0) ? 0 : (double) common / (sizeA + sizeB - common);
	}

}
