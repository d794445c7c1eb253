package com.productops.triage;

import static com.productops.loop.CaseVariables.DUPLICATE_COUNT;
import static com.productops.loop.CaseVariables.DUPLICATE_REPORTS;
import static com.productops.loop.CaseVariables.EVIDENCE_LINKS;
import static com.productops.loop.CaseVariables.REGRESSION_NOTE;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.productops.intake.AlsoAffected;
import com.productops.intake.CaseReach;
import com.productops.loop.BusinessClock;
import com.productops.loop.CaseData;
import com.productops.loop.CaseDirectory;
import com.productops.loop.CaseLock;
import com.productops.loop.PeopleNames;
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

	private final PeopleNames people;

	private final CaseLock lock;

	public DuplicateMerger(CaseDirectory cases, RuntimeService runtime, CaseReach reach, BusinessClock clock,
			PeopleNames people, CaseLock lock) {
		this.lock = lock;
		this.clock = clock;
		this.people = people;
		this.cases = cases;
		this.runtime = runtime;
		this.reach = reach;
	}

	/**
	 * The duplicate as the original takes it over: its report, and what it had gathered
	 * itself (duplicates merged into it, everyone who joined it), so that no report and
	 * no follower is lost when a case that holds duplicates is merged in turn.
	 */
	public record Duplicate(String caseNumber, String title, String reporter, String evidenceLinks,
			long peopleAffectedPerWeek, double hoursLostPerWeek, int duplicateCount, String duplicateReports,
			List<AlsoAffected.Person> alsoAffected) {
	}

	public void merge(String originalCaseNumber, Duplicate duplicate) {
		ProcessInstance original = this.cases.findOpen(originalCaseNumber)
			.orElseThrow(() -> new IllegalStateException(
					"Cannot merge " + duplicate.caseNumber() + ": original " + originalCaseNumber + " is not open"));
		// before its numbers are read: merges into one case at the same moment take turns
		this.lock.hold(original.getId());
		Map<String, Object> vars = this.runtime.getVariables(original.getId(),
				List.of(DUPLICATE_COUNT, DUPLICATE_REPORTS, EVIDENCE_LINKS));
		int count = CaseData.DUPLICATE_COUNT.from(vars, 0).intValue() + 1 + duplicate.duplicateCount();
		String reporter = this.people.of(duplicate.reporter());
		String reports = appendLine(CaseData.DUPLICATE_REPORTS.from(vars),
				duplicate.caseNumber() + ": " + duplicate.title() + " (reported by " + reporter + ")");
		if (duplicate.duplicateReports() != null && !duplicate.duplicateReports().isBlank()) {
			reports = appendLine(reports, duplicate.duplicateReports());
		}
		this.runtime.setVariable(original.getId(), DUPLICATE_COUNT, count);
		this.runtime.setVariable(original.getId(), DUPLICATE_REPORTS, reports);
		this.runtime.setVariable(original.getId(), EVIDENCE_LINKS,
				mergeLines(CaseData.EVIDENCE_LINKS.from(vars), duplicate.evidenceLinks()));
		// the duplicate's reporter and its followers follow the original from now on, and
		// their numbers count; the original's own reporter counts once (the evidence may
		// be new)
		List<AlsoAffected.Person> joining = new ArrayList<>();
		joining.add(new AlsoAffected.Person(duplicate.reporter(), duplicate.peopleAffectedPerWeek(),
				duplicate.hoursLostPerWeek(), AlsoAffected.Via.DUPLICATE, duplicate.caseNumber(),
				this.clock.instant().toString(), null));
		joining.addAll(duplicate.alsoAffected());
		this.reach.joinAll(original.getId(), joining);
		log.info("{}: merged duplicate {} (now {} duplicates)", originalCaseNumber, duplicate.caseNumber(), count);
		boolean watched = this.runtime.createEventSubscriptionQuery()
			.processInstanceId(original.getId())
			.eventName(ProductOpsLoop.MESSAGE_REGRESSION_REPORTED)
			.count() > 0;
		if (watched) {
			// the original was closed as working and is watched: the same problem
			// reported again is a regression
			this.runtime.createMessageCorrelation(ProductOpsLoop.MESSAGE_REGRESSION_REPORTED)
				.processInstanceId(original.getId())
				// everyone who follows the case reads it: who reported it stays with the
				// staff
				// (the merged reports)
				.setVariable(REGRESSION_NOTE,
						duplicate.caseNumber() + " \"" + duplicate.title()
								+ "\" is the same problem: Product Ops merged it as a regression.")
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
