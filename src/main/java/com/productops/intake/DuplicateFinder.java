package com.productops.intake;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.productops.loop.ProductOpsLoop;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstanceQuery;
import org.springframework.stereotype.Service;

/**
 * Finds open cases that read like a new report, for the triager to check before accepting
 * it.
 */
@Service
public class DuplicateFinder {

	/** Below this similarity two reports are not worth showing side by side. */
	static final double THRESHOLD = 0.3;

	static final int MAX_SUGGESTIONS = 5;

	/**
	 * The most alike cases weighed for the suggestions: more than shown, as a case
	 * deleted with "skip listeners" stays in the index (not open, not suggested) until
	 * the next start-up.
	 */
	static final int CANDIDATES = 4 * MAX_SUGGESTIONS;

	private final DuplicateIndex index;

	private final RuntimeService runtime;

	public DuplicateFinder(DuplicateIndex index, RuntimeService runtime) {
		this.index = index;
		this.runtime = runtime;
	}

	/**
	 * A case that reads alike; {@code watched}: closed as working and still watched, so a
	 * report of it is a regression.
	 */
	public record Suggestion(String caseNumber, String title, double similarity, boolean watched) {

		@Override
		public String toString() {
			// first what matters most: a choice label is cut off at the form's width
			return this.caseNumber + " - " + (this.watched ? "A regression? Closed as working, watched: " : "")
					+ this.title + " (" + Math.round(this.similarity * 100) + "% alike)";
		}

	}

	private static Set<String> idsOf(ProcessInstanceQuery query) {
		return query.list().stream().map(ProcessInstance::getId).collect(Collectors.toSet());
	}

	public List<Suggestion> suggest(String processInstanceId, DuplicateIndex.Words words) {
		List<DuplicateIndex.Match> alike = this.index.alike(processInstanceId, words, CANDIDATES)
			.stream()
			.filter(match -> match.similarity() >= THRESHOLD)
			.toList();
		if (alike.isEmpty()) {
			return List.of();
		}
		Set<String> ids = alike.stream().map(DuplicateIndex.Match::processInstanceId).collect(Collectors.toSet());
		// only cases still open: one deleted with "skip listeners" stays in the index
		// until the next start-up
		Set<String> open = idsOf(this.runtime.createProcessInstanceQuery().processInstanceIds(ids));
		// closed as working and watched for regressions: the case waits at the watch for
		// RegressionReported
		Set<String> watched = idsOf(this.runtime.createProcessInstanceQuery()
			.processInstanceIds(ids)
			.activityIdIn(ProductOpsLoop.GATEWAY_WATCHING));
		return alike.stream()
			// in the index's order, most alike first
			.filter(match -> open.contains(match.processInstanceId()))
			.limit(MAX_SUGGESTIONS)
			.map(match -> new Suggestion(match.caseNumber(), match.title(), match.similarity(),
					watched.contains(match.processInstanceId())))
			.toList();
	}

}
