package com.productops.intake;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.productops.loop.BusinessClock;
import com.productops.loop.CaseOutcome;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The words of every open case's title and description (tables ops_case_text and
 * ops_case_word), so that duplicate suggestions read only the cases that share a word
 * with a new report: a case without a common word scores 0 anyway. The database counts
 * the common words; {@link SimilarityScorer} turns the counts into the same score it
 * gives the texts. A case is added when it is registered, in the same transaction, and
 * removed when it ends.
 */
@Service
public class DuplicateIndex {

	/**
	 * The newest open cases weighed per word of a report: a word that more open cases
	 * share brings only these, so that a suggestion reads a bounded number of rows
	 * however many cases are open (a duplicate is mostly reported soon after its
	 * original; an older case that shares rarer words still comes through them).
	 */
	static final int NEWEST_PER_WORD = 200;

	/**
	 * The cases weighed for a report at most: those sharing most of its words among the
	 * newest of each word.
	 */
	static final int MAX_WEIGHED = 500;

	/**
	 * The words of a report that find the candidates, at most: its title's words first,
	 * then its longest ones (rarer, as a rule). All of its words weigh the candidates.
	 */
	static final int SEARCHED_WORDS = 32;

	/**
	 * A candidate with more words than this many times the report's has the report's
	 * words looked up in it instead of its own read: a lookup costs about two rows read
	 * in order.
	 */
	static final int LOOKED_UP_ABOVE = 2;

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	private final BusinessClock clock;

	public DuplicateIndex(JdbcTemplate jdbc, BusinessClock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.named = new NamedParameterJdbcTemplate(jdbc);
	}

	/**
	 * An open case that shares words with a report, and how alike the two read;
	 * {@code closedAsWorking}: its record says it was closed as working (it may be
	 * watched for regressions).
	 */
	public record Match(String processInstanceId, String caseNumber, String title, double similarity,
			boolean closedAsWorking) {
	}

	/**
	 * A report's words as the index keeps them, those of its title and those of the whole
	 * report.
	 */
	public record Words(Set<String> title, Set<String> all) {

		public static Words of(String title, String description) {
			return new Words(SimilarityScorer.words(title), SimilarityScorer.words(title, description));
		}

	}

	/** Adds an open case. */
	public void add(String processInstanceId, String caseNumber, String title, Words words) {
		this.jdbc.update(
				"INSERT INTO ops_case_text (process_instance_id, case_number, title, title_words, all_words) "
						+ "VALUES (?, ?, ?, ?, ?)",
				processInstanceId, caseNumber, title, words.title().size(), words.all().size());
		addWords(processInstanceId, words, this.clock.millis());
	}

	private void addWords(String processInstanceId, Words words, long addedAt) {
		List<Object[]> rows = words.all()
			.stream()
			.map(word -> new Object[] { word, processInstanceId, words.title().contains(word), addedAt })
			.toList();
		this.jdbc.batchUpdate(
				"INSERT INTO ops_case_word (word, process_instance_id, in_title, added_at) VALUES (?, ?, ?, ?)", rows);
	}

	public void remove(String processInstanceId) {
		this.jdbc.update("DELETE FROM ops_case_word WHERE process_instance_id = ?", processInstanceId);
		this.jdbc.update("DELETE FROM ops_case_text WHERE process_instance_id = ?", processInstanceId);
	}

	/**
	 * The {@code limit} open indexed cases, other than the given one, that read most
	 * alike the report: most alike first, then by case number. Bounded reads, however
	 * many cases are open and however long their texts. First the candidates: the
	 * {@link #MAX_WEIGHED} cases that share most words with the report among the
	 * {@link #NEWEST_PER_WORD} newest cases of each of its words, those that are open,
	 * with their titles and sizes. Then the words they share with the report, weighed
	 * with those sizes as {@link SimilarityScorer} weighs the texts: a candidate's words
	 * are read, or, when it has more than {@link #LOOKED_UP_ABOVE} times the report's,
	 * the report's words are looked up in it (a case of a thousand words costs no more
	 * than the report's own).
	 */
	public List<Match> alike(String processInstanceId, Words words, int limit) {
		Set<String> titleWords = words.title();
		Set<String> allWords = words.all();
		List<String> searched = searched(words);
		if (searched.isEmpty()) {
			return List.of();
		}
		MapSqlParameterSource parameters = new MapSqlParameterSource("self", processInstanceId);
		// open while the case's record has no end (a case deleted without its listeners
		// stays in the index until the next start-up)
		Map<String, Weighed> weighed = new HashMap<>();
		this.named.query("SELECT c.process_instance_id, t.case_number, t.title, t.title_words, t.all_words, o.outcome "
				+ "FROM (" + candidates(searched, parameters) + ") c "
				+ "JOIN ops_case_text t ON t.process_instance_id = c.process_instance_id "
				+ "LEFT JOIN ops_case o ON o.process_instance_id = c.process_instance_id WHERE o.ended_at IS NULL",
				parameters, (ResultSet row) -> {
					weighed.put(row.getString(1), new Weighed(row.getString(1), row.getString(2), row.getString(3),
							row.getInt(4), row.getInt(5), CaseOutcome.WORKING.name().equals(row.getString(6))));
				});
		if (weighed.isEmpty()) {
			return List.of();
		}
		MapSqlParameterSource shared = new MapSqlParameterSource();
		this.named.query(sharedWords(weighed.values(), allWords, shared), shared, (ResultSet row) -> {
			String word = row.getString(2);
			if (allWords.contains(word)) {
				Weighed candidate = weighed.get(row.getString(1));
				candidate.allCommon++;
				candidate.titleCommon += (row.getBoolean(3) && titleWords.contains(word)) ? 1 : 0;
			}
		});
		return weighed.values()
			.stream()
			.map(candidate -> new Match(candidate.processInstanceId, candidate.caseNumber, candidate.title,
					SimilarityScorer.similarity(titleWords.size(), candidate.titleWords, candidate.titleCommon,
							allWords.size(), candidate.allWords, candidate.allCommon),
					candidate.closedAsWorking))
			.sorted(Comparator.comparingLong((Match match) -> -rank(match.similarity()))
				.thenComparing(Match::caseNumber))
			.limit(limit)
			.toList();
	}

	/**
	 * The query of the candidates' words that may be the report's: all words of the
	 * shorter ones, the report's words in the longer ones. Ids and words come as tables
	 * joined to the key, not as IN lists (H2 compares every row it reads with an IN list
	 * item by item, and looks one up by its first column only); they go into the given
	 * parameters.
	 */
	private static String sharedWords(Collection<Weighed> candidates, Set<String> reportWords,
			MapSqlParameterSource parameters) {
		List<Object[]> shorter = new ArrayList<>();
		List<Object[]> longer = new ArrayList<>();
		for (Weighed candidate : candidates) {
			boolean wordy = candidate.allWords > LOOKED_UP_ABOVE * reportWords.size();
			(wordy ? longer : shorter).add(new Object[] { candidate.processInstanceId });
		}
		List<String> parts = new ArrayList<>();
		if (!shorter.isEmpty()) {
			parameters.addValue("shorter", shorter);
			parts.add("SELECT w.process_instance_id, w.word, w.in_title FROM (VALUES :shorter) c(id) "
					+ "JOIN ops_case_word w ON w.process_instance_id = c.id");
		}
		if (!longer.isEmpty()) {
			parameters.addValue("longer", longer);
			parameters.addValue("words", reportWords.stream().map(word -> new Object[] { word }).toList());
			parts.add("SELECT w.process_instance_id, w.word, w.in_title FROM (VALUES :longer) c(id) "
					+ "CROSS JOIN (VALUES :words) r(word) "
					+ "JOIN ops_case_word w ON w.word = r.word AND w.process_instance_id = c.id");
		}
		return String.join(" UNION ALL ", parts);
	}

	/**
	 * A similarity as the order of suggestions compares it: to a millionth, so that two
	 * texts that are exactly as alike compare equal however the sums were rounded.
	 */
	private static long rank(double similarity) {
		return Math.round(similarity * 1_000_000);
	}

	/** A candidate: its title and sizes, and the words it shares with the report. */
	private static final class Weighed {

		private final String processInstanceId;

		private final String caseNumber;

		private final String title;

		private final int titleWords;

		private final int allWords;

		private final boolean closedAsWorking;

		private int titleCommon;

		private int allCommon;

		Weighed(String processInstanceId, String caseNumber, String title, int titleWords, int allWords,
				boolean closedAsWorking) {
			this.processInstanceId = processInstanceId;
			this.caseNumber = caseNumber;
			this.title = title;
			this.titleWords = titleWords;
			this.allWords = allWords;
			this.closedAsWorking = closedAsWorking;
		}

	}

	/**
	 * The query of the cases, other than {@code :self}, that share most of the words
	 * among the newest cases of each word (an index range per word: no word reads more
	 * rows than {@link #NEWEST_PER_WORD}); the words go into the given parameters.
	 */
	private static String candidates(List<String> words, MapSqlParameterSource parameters) {
		List<String> newest = new ArrayList<>();
		for (String word : words) {
			String name = "w" + newest.size();
			parameters.addValue(name, word);
			newest.add("(SELECT process_instance_id FROM ops_case_word WHERE word = :" + name
			// the word first, as the index has it: H2 then reads the index in order and
			// stops
					+ " ORDER BY word, added_at DESC, process_instance_id FETCH FIRST " + NEWEST_PER_WORD
					+ " ROWS ONLY)");
		}
		return "SELECT n.process_instance_id FROM (" + String.join(" UNION ALL ", newest)
				+ ") n WHERE n.process_instance_id <> :self GROUP BY n.process_instance_id "
				+ "ORDER BY COUNT(*) DESC, n.process_instance_id FETCH FIRST " + MAX_WEIGHED + " ROWS ONLY";
	}

	private static List<String> searched(Words words) {
		return words.all()
			.stream()
			.sorted(Comparator.comparing((String word) -> !words.title().contains(word))
				.thenComparing(String::length, Comparator.reverseOrder())
				.thenComparing(Comparator.naturalOrder()))
			.limit(SEARCHED_WORDS)
			.toList();
	}

	/**
	 * Cases indexed with more words than a report counts ({@link SimilarityScorer}): an
	 * earlier version indexed every word.
	 */
	List<String> indexedWithMoreWordsThanCount() {
		return this.jdbc.queryForList("SELECT process_instance_id FROM ops_case_text WHERE all_words > ?", String.class,
				SimilarityScorer.MAX_WORDS);
	}

	/**
	 * Indexes a case by the given words instead of those it had, keeping the time it was
	 * indexed.
	 */
	void reindex(String processInstanceId, Words words) {
		Long addedAt = this.jdbc.queryForObject("SELECT MIN(added_at) FROM ops_case_word WHERE process_instance_id = ?",
				Long.class, processInstanceId);
		this.jdbc.update("DELETE FROM ops_case_word WHERE process_instance_id = ?", processInstanceId);
		addWords(processInstanceId, words, (addedAt != null) ? addedAt : this.clock.millis());
		this.jdbc.update("UPDATE ops_case_text SET title_words = ?, all_words = ? WHERE process_instance_id = ?",
				words.title().size(), words.all().size(), processInstanceId);
	}

	/** Process instance ids of the indexed cases. */
	Set<String> indexedCases() {
		return new LinkedHashSet<>(
				this.jdbc.queryForList("SELECT process_instance_id FROM ops_case_text", String.class));
	}

}
