package com.productops.triage;

import static com.productops.loop.CaseVariables.DUPLICATE_COUNT;
import static com.productops.loop.CaseVariables.DUPLICATE_REPORTS;
import static com.productops.loop.CaseVariables.EVIDENCE_LINKS;
import static com.productops.loop.CaseVariables.REGRESSION_NOTE;
import static com.productops.loop.CaseVariables.REPORTER;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.productops.intake.AlsoAffected;
import com.productops.intake.CaseReach;
import com.productops.loop.BusinessClock;
import com.productops.loop.CaseData;
import com.productops.loop.CaseDirectory;
import com.productops.loop.ProductOpsLoop;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Tells the original case about a duplicate: one more report of the same problem, with
 * its evidence and its reporter's numbers. Every duplicate makes the original's case
 * stronger, as votes do in a feedback tool; merged into a case closed as working that is
 * still watched, it is a regression and re-opens the case.
 */
@Service
public class DuplicateMerger {

	private static final Logger log = LoggerFactory.getLogger(DuplicateMerger.class);

	private final CaseDirectory cases;

	private final RuntimeService runtime;

	private final CaseReach reach;

	private final BusinessClock clock;

	public DuplicateMerger(CaseDirectory cases, RuntimeService runtime, CaseReach reach, BusinessClock clock) {
		this.clock = clock;
		this.cases = cases;
		this.runtime = runtime;
		this.reach = reach;
	}

	public record Duplicate(String caseNumber, String title, String reporter, String evidenceLinks,
			long peopleAffectedPerWeek, double hoursLostPerWeek) {
	}

	public void merge(String originalCaseNumber, Duplicate duplicate) {
		ProcessInstance original = this.cases.findOpen(originalCaseNumber)
			.orElseThrow(() -> new IllegalStateException(
					"Cannot merge " + duplicate.caseNumber() + ": original " + originalCaseNumber + " is not open"));
		Map<String, Object> vars = this.runtime.getVariables(original.getId(),
				List.of(DUPLICATE_COUNT, DUPLICATE_REPORTS, EVIDENCE_LINKS, REPORTER));
		int count = CaseData.DUPLICATE_COUNT.from(vars, 0).intValue();
		String reports = appendLine(CaseData.DUPLICATE_REPORTS.from(vars),
				duplicate.caseNumber() + ": " + duplicate.title() + " (reported by " + duplicate.reporter() + ")");
		this.runtime.setVariable(original.getId(), DUPLICATE_COUNT, count + 1);
		this.runtime.setVariable(original.getId(), DUPLICATE_REPORTS, reports);
		this.runtime.setVariable(original.getId(), EVIDENCE_LINKS,
				mergeLines(CaseData.EVIDENCE_LINKS.from(vars), duplicate.evidenceLinks()));
		if (duplicate.reporter().equals(vars.get(REPORTER))) {
			// the same person's numbers count once; the evidence may be new
			this.reach.recompute(original.getId());
		}
		else {
			// the duplicate's reporter follows the original from now on, and their
			// numbers count
			this.reach.join(original.getId(),
					new AlsoAffected.Person(duplicate.reporter(), duplicate.peopleAffectedPerWeek(),
							duplicate.hoursLostPerWeek(), AlsoAffected.Via.DUPLICATE, duplicate.caseNumber(),
							this.clock.instant().toString(), null));
		}
		log.info("{}: merged duplicate {} (now {} duplicates)", originalCaseNumber, duplicate.caseNumber(), count + 1);
		boolean watched = this.runtime.createEventSubscriptionQuery()
			.processInstanceId(original.getId())
			.eventName(ProductOpsLoop.MESSAGE_REGRESSION_REPORTED)
			.count() > 0;
		if (watched) {
			// the original was closed as working and is watched: the same problem
			// reported again is a regression
			this.runtime.createMessageCorrelation(ProductOpsLoop.MESSAGE_REGRESSION_REPORTED)
				.processInstanceId(original.getId())
				.setVariable(REGRESSION_NOTE,
						duplicate.caseNumber() + " \"" + duplicate.title() + "\", reported by " + duplicate.reporter()
								+ ", is the same problem: Product Ops merged it as a regression.")
				.correlate();
		}
	}

	private static String appendLine(String text, String line) {
		return (text == null || text.isBlank()) ? line : text + "\n" + line;
	}

	/** Evidence of both, each link once, the original's first. */
	static String mergeLines(String original, String added) {
		Set<String> lines = new LinkedHashSet<>();
		for (String text : new String[] { original, added }) {
			if (text != null) {
				text.lines().map(String::strip).filter(line -> !line.isEmpty()).forEach(lines::add);
			}
		}
		return lines.isEmpty() ? null : String.join("\n", lines);
	}

}
