package com.productops.triage;

import static com.productops.loop.CaseVariables.DUPLICATE_COUNT;
import static com.productops.loop.CaseVariables.DUPLICATE_REPORTS;
import static com.productops.loop.CaseVariables.EVIDENCE_LINKS;
import static com.productops.loop.CaseVariables.FOLLOWERS;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import com.productops.loop.CaseDirectory;
import com.productops.security.CaseAccess;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Tells the original case about a duplicate: one more report of the same problem, with its evidence. Every
 * duplicate makes the original's case stronger, as votes do in a feedback tool.
 */
@Service
public class DuplicateMerger {

	private static final Logger log = LoggerFactory.getLogger(DuplicateMerger.class);

	private final CaseDirectory cases;

	private final RuntimeService runtime;

	private final CaseAccess access;

	public DuplicateMerger(CaseDirectory cases, RuntimeService runtime, CaseAccess access) {
		this.cases = cases;
		this.runtime = runtime;
		this.access = access;
	}

	public record Duplicate(String caseNumber, String title, String reporter, String evidenceLinks) {
	}

	public void merge(String originalCaseNumber, Duplicate duplicate) {
		ProcessInstance original = this.cases.findOpen(originalCaseNumber)
			.orElseThrow(() -> new IllegalStateException(
					"Cannot merge " + duplicate.caseNumber() + ": original " + originalCaseNumber + " is not open"));
		Map<String, Object> vars = this.runtime.getVariables(original.getId(),
				java.util.List.of(DUPLICATE_COUNT, DUPLICATE_REPORTS, EVIDENCE_LINKS, FOLLOWERS));
		int count = (vars.get(DUPLICATE_COUNT) instanceof Number n) ? n.intValue() : 0;
		String reports = appendLine((String) vars.get(DUPLICATE_REPORTS),
				duplicate.caseNumber() + ": " + duplicate.title() + " (reported by " + duplicate.reporter() + ")");
		this.runtime.setVariable(original.getId(), DUPLICATE_COUNT, count + 1);
		this.runtime.setVariable(original.getId(), DUPLICATE_REPORTS, reports);
		this.runtime.setVariable(original.getId(), EVIDENCE_LINKS,
				mergeLines((String) vars.get(EVIDENCE_LINKS), duplicate.evidenceLinks()));
		// the duplicate's reporter follows the original from now on: hears about it and may read it
		this.runtime.setVariable(original.getId(), FOLLOWERS, addFollower((String) vars.get(FOLLOWERS), duplicate.reporter()));
		this.access.grantReporter(original.getId(), duplicate.reporter());
		log.info("{}: merged duplicate {} (now {} duplicates)", originalCaseNumber, duplicate.caseNumber(), count + 1);
	}

	static String addFollower(String followers, String reporter) {
		Set<String> all = new LinkedHashSet<>();
		if (followers != null) {
			for (String follower : followers.split(",")) {
				if (!follower.isBlank()) {
					all.add(follower.strip());
				}
			}
		}
		all.add(reporter);
		return String.join(",", all);
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
