package com.productops.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;

import com.productops.intake.DuplicateIndex;
import com.productops.loop.LoopTestEngine;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.util.FileSystemUtils;

/**
 * Duplicate suggestions as open cases pile up, in the worst case for a word index: every
 * open case shares every word of the new report. Side by side in the same run: the
 * suggestions as the application makes them ({@link DuplicateIndex#alike}: the newest
 * cases of each word, then the best of them weighed) and, as the baseline, the query of
 * the previous design, which weighed every open case sharing a word. H2 file with the
 * application's settings. Last, the newest open cases are long texts (a thousand words
 * each, of which the first hundred count): a suggestion should cost about what it costs
 * with short ones. {@code mvn -Pbenchmark -DskipTests test-compile
 * org.codehaus.mojo:exec-maven-plugin:3.6.4:java@duplicate-benchmark}
 */
public final class DuplicateBenchmark {

	private static final int[] OPEN_CASES = { 1_000, 5_000, 20_000 };

	private static final int REQUESTS = 40;

	/** Open cases with long texts, added last (the newest), and their words. */
	private static final int WORDY_CASES = 500;

	private static final int WORDY_WORDS = 1_000;

	private static final String TITLE = "Couriers cannot see the drop-off note";

	private static final String DESCRIPTION = "The note the customer typed is cut off in the courier app";

	/** A long text: the description and a thousand words of its own. */
	private static final String WORDY_DESCRIPTION = DESCRIPTION
			+ IntStream.range(0, WORDY_WORDS).mapToObj(word -> " filler" + word).collect(Collectors.joining());

	private DuplicateBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Path dir = Path.of("target", "bench", "duplicates").toAbsolutePath();
		FileSystemUtils.deleteRecursively(dir);
		SingleConnectionDataSource database = new SingleConnectionDataSource(
				"jdbc:h2:file:" + dir.resolve("bench") + ";WRITE_DELAY=0", "sa", "", true);
		try {
			ScriptUtils.executeSqlScript(database.getConnection(), new ClassPathResource("schema.sql"));
			StringBuilder report = new StringBuilder("\n\nDuplicate suggestions for one new report, every open case ")
				.append("sharing all its words (H2 file, ")
				.append(REQUESTS)
				.append(" requests each, ms)\n\n")
				.append("| Open cases | Newest per word, then weighed: p50 / p95 | Every case sharing a word ")
				.append("(baseline): p50 / p95 |\n| ---: | ---: | ---: |\n");
			int filed = 0;
			for (int open : OPEN_CASES) {
				filed = fill(database, filed, open);
				report.append(String.format("| %,d | %s | %s |%n", open,
						measure(request -> suggest(database, request, DESCRIPTION)),
						measure(request -> everyCaseSharingAWord(database, request, DESCRIPTION))));
				System.out.println(report);
			}
			// the newest cases are long texts: each weighed case has a thousand words
			fillWordy(database, filed, WORDY_CASES);
			report.append(String.format("| %,d + %,d of %,d words each | %s | %s |%n", filed, WORDY_CASES, WORDY_WORDS,
					measure(request -> suggest(database, request, DESCRIPTION)),
					measure(request -> everyCaseSharingAWord(database, request, DESCRIPTION))));
			// and a report as long as they are
			report.append(String.format("| the same, for a report of %,d words | %s | %s |%n", WORDY_WORDS,
					measure(request -> suggest(database, request, WORDY_DESCRIPTION)),
					measure(request -> everyCaseSharingAWord(database, request, WORDY_DESCRIPTION))));
			System.out.println(report);
		}
		finally {
			database.destroy();
		}
	}

	private static int fill(DataSource database, int from, int to) {
		DuplicateIndex index = new DuplicateIndex(new JdbcTemplate(database), LoopTestEngine.CLOCK);
		DuplicateIndex.Words words = DuplicateIndex.Words.of(TITLE, DESCRIPTION);
		for (int i = from; i < to; i++) {
			index.add("case-" + i, String.format("OPS-2026-%05d", i), TITLE, words);
		}
		return to;
	}

	private static void fillWordy(DataSource database, int from, int count) {
		DuplicateIndex index = new DuplicateIndex(new JdbcTemplate(database), LoopTestEngine.CLOCK);
		DuplicateIndex.Words words = DuplicateIndex.Words.of(TITLE, WORDY_DESCRIPTION);
		for (int i = from; i < from + count; i++) {
			index.add("case-" + i, String.format("OPS-2026-%05d", i), TITLE, words);
		}
	}

	private static int suggest(DataSource database, int request, String description) {
		return new DuplicateIndex(new JdbcTemplate(database), LoopTestEngine.CLOCK)
			.alike("new", report(request, description), 20)
			.size();
	}

	/**
	 * A new report: the same words and one of its own (the same query twice would be
	 * answered from H2's cache).
	 */
	private static DuplicateIndex.Words report(int request, String description) {
		return DuplicateIndex.Words.of(TITLE + " again" + request, description);
	}

	/**
	 * The previous design's query: the common words of every open case that shares one
	 * with the report.
	 */
	private static int everyCaseSharingAWord(DataSource database, int request, String description) {
		DuplicateIndex.Words words = report(request, description);
		Set<String> all = words.all();
		Set<String> title = words.title();
		MapSqlParameterSource parameters = new MapSqlParameterSource("all", all).addValue("self", "new")
			.addValue("title", title)
			.addValue("titleCount", title.size())
			.addValue("allCount", all.size());
		return new NamedParameterJdbcTemplate(database)
			.queryForList("SELECT * FROM (SELECT t.process_instance_id, "
					+ "t.case_number, t.title_words, t.all_words, COUNT(*) AS all_common, "
					+ "SUM(CASE WHEN w.in_title AND w.word IN (:title) THEN 1 ELSE 0 END) AS title_common "
					+ "FROM ops_case_word w JOIN ops_case_text t ON t.process_instance_id = w.process_instance_id "
					+ "WHERE w.word IN (:all) AND w.process_instance_id <> :self "
					+ "GROUP BY t.process_instance_id, t.case_number, t.title_words, t.all_words) g "
					+ "ORDER BY CAST(0.6 AS DOUBLE PRECISION) * CAST(g.title_common AS DOUBLE PRECISION) "
					+ "/ (:titleCount + g.title_words - g.title_common) + CAST(0.4 AS DOUBLE PRECISION) "
					+ "* CAST(g.all_common AS DOUBLE PRECISION) / (:allCount + g.all_words - g.all_common) DESC, "
					+ "g.case_number LIMIT 20", parameters)
			.size();
	}

	/** p50 / p95 in ms of {@link #REQUESTS} calls after 5 unmeasured ones. */
	private static String measure(IntUnaryOperator call) {
		for (int i = 0; i < 5; i++) {
			call.applyAsInt(REQUESTS + i);
		}
		List<Double> millis = new ArrayList<>();
		for (int i = 0; i < REQUESTS; i++) {
			long start = System.nanoTime();
			if (call.applyAsInt(i) != 20) {
				throw new IllegalStateException("expected 20 suggestions");
			}
			millis.add((System.nanoTime() - start) / 1e6);
		}
		Collections.sort(millis);
		return String.format("%.1f / %.1f", millis.get(REQUESTS / 2), millis.get((int) Math.ceil(REQUESTS * 0.95) - 1));
	}

}
