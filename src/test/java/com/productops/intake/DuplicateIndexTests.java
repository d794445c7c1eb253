package com.productops.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.productops.loop.CaseVariables;
import com.productops.loop.LoopProcessTest;
import com.productops.loop.ProductOpsLoop;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.community.process_test_coverage.core.engine.ExcludeFromProcessCoverage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The duplicate index gives the scores {@link SimilarityScorer} gives the texts, finds
 * only cases that share a word, forgets a case when it ends, and is brought in line with
 * the open cases at start-up.
 */
@LoopProcessTest
@ExcludeFromProcessCoverage // walks the start only
class DuplicateIndexTests {

	@Autowired
	private ProcessEngine engine;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private DuplicateIndex index;

	@Autowired
	private DuplicateIndexUpkeep upkeep;

	@Test
	void scoresAreTheScorersScoresOfTheTexts() {
		String[][] cases = {
				{ "Riders cannot see surge price before booking", "Riders complain about surprise prices" },
				{ "Surge prices shown too late", "The rider sees the price after booking, not before" },
				{ "Couriers wait at the restaurant", "Orders are not ready when the courier arrives" },
				{ "The the the", "Surge" }, // a title of filler words only
				{ "Payout missing " + "x".repeat(150), "A word longer than the index keeps" },
				// a long text: weighed with the sizes the index keeps, not by reading its
				// words
				{ "Surge price shown to riders", "Riders in "
						+ IntStream.range(0, 300).mapToObj(i -> "zone" + i).collect(Collectors.joining(" ")) } };
		for (int i = 0; i < cases.length; i++) {
			this.index.add("case-" + i, "OPS-2026-000" + i, cases[i][0],
					DuplicateIndex.Words.of(cases[i][0], cases[i][1]));
		}
		String title = "Rider can't see the surge prices";
		String description = "Surge price not shown before booking; payout " + "x".repeat(150);

		List<DuplicateIndex.Match> matches = this.index.alike("new", DuplicateIndex.Words.of(title, description), 10);

		assertThat(matches).extracting(DuplicateIndex.Match::caseNumber)
			.containsExactlyInAnyOrder("OPS-2026-0000", "OPS-2026-0001", "OPS-2026-0003", "OPS-2026-0004",
					"OPS-2026-0005");
		for (DuplicateIndex.Match match : matches) {
			String[] texts = cases[Integer.parseInt(match.processInstanceId().substring(5))];
			assertThat(match.similarity()).as(match.caseNumber())
				.isCloseTo(SimilarityScorer.similarity(title, description, texts[0], texts[1]), within(1e-9));
			assertThat(match.title()).isEqualTo(texts[0]);
		}
		// the most alike first, as many as asked for: the query weighs them as
		// SimilarityScorer does
		assertThat(this.index.alike("new", DuplicateIndex.Words.of(title, description), 2))
			.extracting(DuplicateIndex.Match::caseNumber)
			.containsExactlyElementsOf(matches.stream()
				.sorted(Comparator.comparingDouble(DuplicateIndex.Match::similarity)
					.reversed()
					.thenComparing(DuplicateIndex.Match::caseNumber))
				.limit(2)
				.map(DuplicateIndex.Match::caseNumber)
				.toList());
		assertThat(matches).extracting(DuplicateIndex.Match::similarity).isSortedAccordingTo(Comparator.reverseOrder());
		assertThat(this.index.alike("case-0", DuplicateIndex.Words.of(cases[0][0], cases[0][1]), 10))
			.extracting(DuplicateIndex.Match::caseNumber)
			.doesNotContain("OPS-2026-0000"); // never itself
		// filler words only
		assertThat(this.index.alike("new", DuplicateIndex.Words.of("the and for", "with this"), 10)).isEmpty();

		this.index.remove("case-0");
		assertThat(this.index.alike("new", DuplicateIndex.Words.of(title, description), 10))
			.extracting(DuplicateIndex.Match::caseNumber)
			.doesNotContain("OPS-2026-0000");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM ops_case_word WHERE process_instance_id = 'case-0'",
				Integer.class))
			.isZero();
	}

	/**
	 * Only open cases are suggested, the next most alike in the place of one that ended;
	 * cases just as alike go by case number, also when their scores' sums round apart.
	 */
	@Test
	void theMostAlikeOpenCasesComeFirstAndTiesGoByCaseNumber() {
		String report = "Vouchers vanish from the basket";
		String alike = "Vouchers vanish from basket";
		this.index.add("ended", "OPS-2026-7001", report, DuplicateIndex.Words.of(report, ""));
		// its record says it ended (deleted without its listeners: still indexed)
		this.jdbc.update("INSERT INTO ops_case (case_number, process_instance_id, ended_at) VALUES (?, ?, ?)",
				"OPS-2026-7001", "ended", new Date());
		this.index.add("later", "OPS-2026-7003", alike, DuplicateIndex.Words.of(alike, ""));
		this.index.add("earlier", "OPS-2026-7002", alike, DuplicateIndex.Words.of(alike, ""));
		this.index.add("less", "OPS-2026-7004", "Vouchers vanish", DuplicateIndex.Words.of("Vouchers vanish", ""));

		assertThat(this.index.alike("new", DuplicateIndex.Words.of(report, ""), 1))
			.extracting(DuplicateIndex.Match::caseNumber)
			.containsExactly("OPS-2026-7002");
		assertThat(this.index.alike("new", DuplicateIndex.Words.of(report, ""), 3))
			.extracting(DuplicateIndex.Match::caseNumber)
			.containsExactly("OPS-2026-7002", "OPS-2026-7003", "OPS-2026-7004");

		// both 11/20 alike: 0.6 * 3/4 + 0.4 * 3/12 and 0.6 * 1/4 + 0.4 * 6/6, which the
		// sums round to 0.5499999999999999 and 0.55
		this.index.add("three-title-words", "OPS-2026-7101", "Scanner rejects barcodes",
				DuplicateIndex.Words.of("Scanner rejects barcodes", "printer label jammed yesterday warehouse north"));
		this.index.add("one-title-word", "OPS-2026-7102", "Scanner",
				DuplicateIndex.Words.of("Scanner", "rejects barcodes depot tablet morning"));
		assertThat(
				this.index.alike("new", DuplicateIndex.Words.of("Scanner rejects barcodes depot", "tablet morning"), 2))
			.extracting(DuplicateIndex.Match::caseNumber)
			.containsExactly("OPS-2026-7101", "OPS-2026-7102");
	}

	/**
	 * However many open cases share a word, a suggestion weighs only the newest of them:
	 * it costs the same.
	 */
	@Test
	void aWordManyCasesShareBringsItsNewestCases() {
		Date now = new Date();
		int many = DuplicateIndex.NEWEST_PER_WORD + 10;
		try {
			for (int i = 0; i < many; i++) {
				// case i was indexed i seconds later
				ClockUtil.setCurrentTime(new Date(now.getTime() + i * 1000L));
				// an old case shares a rarer word with the report too
				String title = (i == 1) ? "Courier app freezes at checkout" : "Courier app freezes";
				this.index.add("case-" + i, String.format("OPS-2026-%04d", i), title,
						DuplicateIndex.Words.of(title, ""));
			}
		}
		finally {
			ClockUtil.reset();
		}

		List<String> weighed = this.index.alike("new", DuplicateIndex.Words.of("Courier app freezes", ""), many)
			.stream()
			.map(DuplicateIndex.Match::caseNumber)
			.toList();

		assertThat(weighed).hasSize(DuplicateIndex.NEWEST_PER_WORD)
			.contains(String.format("OPS-2026-%04d", many - 1))
			.doesNotContain("OPS-2026-0000", "OPS-2026-0009");
		assertThat(this.index.alike("new", DuplicateIndex.Words.of("Courier app freezes at checkout", ""), 1))
			.extracting(DuplicateIndex.Match::caseNumber)
			// the most alike, through the word few cases share
			.containsExactly("OPS-2026-0001");
	}

	/**
	 * A report of a thousand different words finds the case it repeats, through a bounded
	 * number of its words.
	 */
	@Test
	void aWordyReportIsWeighedWithoutSearchingEveryWord() {
		this.index.add("case-0", "OPS-2026-0000", "Refund button greyed out",
				DuplicateIndex.Words.of("Refund button greyed out", "on the checkout screen"));
		StringBuilder description = new StringBuilder("on the checkout screen");
		for (int i = 0; i < 1000; i++) {
			description.append(" w").append(Integer.toString(i, 36)).append("q");
		}

		assertThat(
				this.index.alike("new", DuplicateIndex.Words.of("Refund button greyed out", description.toString()), 5))
			.extracting(DuplicateIndex.Match::caseNumber)
			.containsExactly("OPS-2026-0000");
	}

	@Test
	void openCasesAreSuggestedUntilTheyEnd() {
		RuntimeService runtime = this.engine.getRuntimeService();
		ProcessInstance original = start("Riders cannot see surge price before booking");
		ProcessInstance cancelled = start("Riders see the surge price too late");
		ProcessInstance skipped = start("Surge price hidden from riders before booking");
		assertThat(suggestions(start("Rider can't see the surge prices"))).contains(original.getBusinessKey(),
				cancelled.getBusinessKey(), skipped.getBusinessKey());

		// the end listener runs
		runtime.deleteProcessInstance(cancelled.getId(), "withdrawn by the reporter");
		// it does not
		runtime.deleteProcessInstance(skipped.getId(), "deleted in Cockpit", true);
		String later = suggestions(start("Rider can't see the surge prices"));
		assertThat(later).contains(original.getBusinessKey())
			.doesNotContain(cancelled.getBusinessKey())
			.doesNotContain(skipped.getBusinessKey());
		assertThat(this.index.indexedCases()).doesNotContain(cancelled.getId()).contains(skipped.getId());

		// start-up: the skipped one leaves, and cases the index lacks (opened by an
		// earlier version) are added; suggestions an earlier version kept in a variable
		// go with their history (the form makes them as it opens)
		ProcessInstance older = start("Drivers cannot see the surge price");
		runtime.setVariable(older.getId(), CaseVariables.DUPLICATE_SUGGESTIONS, "OPS-2025-0001 - An old suggestion");
		// also where an admin or a script put it: on a task, with its history
		String olderTriage = this.engine.getTaskService()
			.createTaskQuery()
			.processInstanceId(older.getId())
			.singleResult()
			.getId();
		this.engine.getTaskService()
			.setVariableLocal(olderTriage, CaseVariables.DUPLICATE_SUGGESTIONS, "OPS-2025-0002 - On a task");
		this.jdbc.update("DELETE FROM ops_case_word WHERE process_instance_id = ?", original.getId());
		this.jdbc.update("DELETE FROM ops_case_text WHERE process_instance_id = ?", original.getId());
		this.upkeep.run(null);
		assertThat(this.index.indexedCases()).contains(original.getId()).doesNotContain(skipped.getId());
		assertThat(suggestions(older)).contains(original.getBusinessKey()).doesNotContain("An old suggestion");
		assertThat(runtime.createVariableInstanceQuery().variableName(CaseVariables.DUPLICATE_SUGGESTIONS).count())
			.isZero();
		assertThat(this.engine.getHistoryService()
			.createHistoricVariableInstanceQuery()
			.variableName(CaseVariables.DUPLICATE_SUGGESTIONS)
			.includeDeleted()
			.count()).isZero();
		assertThat(this.engine.getHistoryService().createHistoricDetailQuery().processInstanceId(older.getId()).list())
			.noneMatch(detail -> detail instanceof HistoricVariableUpdate update
					&& CaseVariables.DUPLICATE_SUGGESTIONS.equals(update.getVariableName()));
		assertThat(this.index.indexedCases()).containsExactlyInAnyOrderElementsOf(runtime.createProcessInstanceQuery()
			.processDefinitionKey(ProductOpsLoop.PROCESS_KEY)
			.list()
			.stream()
			.map(ProcessInstance::getId)
			.toList());
		assertThat(suggestions(start("Rider can't see the surge prices"))).contains(original.getBusinessKey());
	}

	/**
	 * A case an earlier version indexed with every word of its text keeps only its
	 * counted words at start-up, and its place among the newest: suggested as before.
	 */
	@Test
	void aCaseIndexedWithAllItsWordsKeepsItsCountedOnesAtStartUp() {
		String description = IntStream.range(0, 300).mapToObj(i -> "zone" + i).collect(Collectors.joining(" "));
		ProcessInstance wordy = start("Couriers lose the drop-off note", description);
		String suggestions = suggestions(wordy);
		// as an earlier version left it: every word, indexed long ago
		this.jdbc.update("UPDATE ops_case_word SET added_at = 1000 WHERE process_instance_id = ?", wordy.getId());
		for (int i = 95; i < 300; i++) {
			this.jdbc.update("MERGE INTO ops_case_word (word, process_instance_id, in_title, added_at) "
					+ "VALUES (?, ?, FALSE, 1000)", "zone" + i, wordy.getId());
		}
		this.jdbc.update("UPDATE ops_case_text SET all_words = 305 WHERE process_instance_id = ?", wordy.getId());

		this.upkeep.run(null);

		DuplicateIndex.Words counted = DuplicateIndex.Words.of("Couriers lose the drop-off note", description);
		assertThat(counted.all()).hasSize(SimilarityScorer.MAX_WORDS);
		assertThat(this.jdbc.queryForList(
				"SELECT word FROM ops_case_word WHERE process_instance_id = ? AND " + "added_at = 1000", String.class,
				wordy.getId()))
			.containsExactlyInAnyOrderElementsOf(counted.all());
		assertThat(this.jdbc.queryForMap(
				"SELECT title_words, all_words FROM ops_case_text WHERE " + "process_instance_id = ?", wordy.getId()))
			.containsEntry("TITLE_WORDS", counted.title().size())
			.containsEntry("ALL_WORDS", SimilarityScorer.MAX_WORDS);
		assertThat(suggestions(wordy)).isEqualTo(suggestions);
		// scored as the scorer scores the texts again
		assertThat(this.index.alike("new", counted, 1)).singleElement()
			.satisfies(match -> assertThat(match.similarity()).isEqualTo(1.0));
	}

	private ProcessInstance start(String title) {
		return start(title, "Riders write in about it");
	}

	private ProcessInstance start(String title, String description) {
		Map<String, Object> report = new HashMap<>(Map.of(CaseVariables.TITLE, title, CaseVariables.AREA, "PAYMENTS",
				CaseVariables.DESCRIPTION, description, CaseVariables.FREQUENCY, "DAILY",
				CaseVariables.PEOPLE_AFFECTED_PER_WEEK, 10, CaseVariables.HOURS_LOST_PER_WEEK, 1, CaseVariables.URGENCY,
				"MEDIUM", CaseVariables.REPORTER, "olivia"));
		return this.engine.getRuntimeService().startProcessInstanceByKey(ProductOpsLoop.PROCESS_KEY, report);
	}

	/** The suggestions on the case's triage form as it opens. */
	private String suggestions(ProcessInstance instance) {
		TaskService tasks = this.engine.getTaskService();
		String triage = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();
		return (String) this.engine.getFormService()
			.getTaskFormVariables(triage)
			.get(CaseVariables.DUPLICATE_SUGGESTIONS);
	}

}
