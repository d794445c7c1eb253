package com.productops.intake;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.productops.loop.ProductOpsLoop;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;

/**
 * Finds open cases that read like a report, for the triager to check before accepting it:
 * asked when the triage form opens, so the list shows the open cases as they are then
 * (those filed later too, and none that has ended since).
 */
@Service
public class DuplicateFinder {

	/** Below this similarity two reports are not worth showing side by side. */
	static final double THRESHOLD = 0.3;

	static final int MAX_SUGGESTIONS = 5;

	/** The text of a report that reads like no open case. */
	public static final String NONE = "No similar open cases.";

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

	/** Suggestions as the triage form shows them, one per line (or {@link #NONE}). */
	public static String text(List<Suggestion> suggestions) {
		return suggestions.isEmpty() ? NONE
				: suggestions.stream().map(Suggestion::toString).collect(Collectors.joining("\n"));
	}

	/** The open cases that read like a case's title and description, never itself. */
	public List<Suggestion> suggest(String processInstanceId, String title, String description) {
		return suggest(processInstanceId, DuplicateIndex.Words.of(title, description));
	}

	public List<Suggestion> suggest(String processInstanceId, DuplicateIndex.Words words) {
		List<DuplicateIndex.Match> shown = this.index.alike(processInstanceId, words, MAX_SUGGESTIONS)
			.stream()
			.filter(match -> match.similarity() >= THRESHOLD)
			.toList();
		// watched for regressions: closed as working, the case waits at the watch for
		// RegressionReported; only a case closed as working can, and the engine says
		// whether it still does
		Set<String> closedAsWorking = shown.stream()
			.filter(DuplicateIndex.Match::closedAsWorking)
			.map(DuplicateIndex.Match::processInstanceId)
			.collect(Collectors.toSet());
		Set<String> watched = closedAsWorking.isEmpty() ? Set.of()
				: this.runtime.createProcessInstanceQuery()
					.processInstanceIds(closedAsWorking)
					.activityIdIn(ProductOpsLoop.GATEWAY_WATCHING)
					.list()
					.stream()
					.map(ProcessInstance::getId)
					.collect(Collectors.toSet());
		return shown.stream()
			.map(match -> new Suggestion(match.caseNumber(), match.title(), match.similarity(),
					watched.contains(match.processInstanceId())))
			.toList();
	}

}
