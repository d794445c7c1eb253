package com.productops.audit;

import static com.productops.loop.CaseVariables.AREA;
import static com.productops.loop.CaseVariables.CASE_OUTCOME;
import static com.productops.loop.CaseVariables.PRIORITY;
import static com.productops.loop.CaseVariables.REPORTER;
import static com.productops.loop.CaseVariables.TITLE;

import java.time.LocalDate;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.productops.loop.BusinessClock;
import com.productops.loop.CaseData;
import com.productops.loop.CaseVariables;
import com.productops.loop.Labels;
import com.productops.loop.PeopleNames;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Service;

/**
 * The audit's case search over all cases, open or closed, from the case records
 * (ops_case), and the summary of a case that the search lists and a timeline heads.
 */
@Service
public class CaseSearch {

	static final int MAX_RESULTS = 200;

	private final HistoryService history;

	private final BusinessClock clock;

	private final CaseRecords records;

	private final PeopleNames names;

	public CaseSearch(HistoryService history, BusinessClock clock, CaseRecords records, PeopleNames names) {
		this.history = history;
		this.clock = clock;
		this.records = records;
		this.names = names;
	}

	/**
	 * Search criteria; null or blank means any. Text criteria ignore case; title matches
	 * a part.
	 */
	public record Criteria(String caseNumber, String title, String area, String reporter, String outcome, String state,
			LocalDate from, LocalDate to) {
	}

	/**
	 * A case; the *Label fields say the codes as people read them (labels.properties).
	 */
	public record CaseSummary(String caseNumber, String processInstanceId, String title, String area, String reporter,
			String priority, String outcome, String state, Date reportedAt, Date closedAt, List<String> waitingAt,
			String areaLabel, String priorityLabel, String outcomeLabel, String reporterName) {
	}

	/**
	 * At most MAX_RESULTS cases, newest first, from the case records: a few queries,
	 * however many cases there are.
	 */
	public List<CaseSummary> search(Criteria criteria) {
		List<CaseRecords.CaseRecord> found = this.records.search(criteria, MAX_RESULTS);
		Map<String, List<HistoricActivityInstance>> waiting = this.records.waitingAt(found.stream()
			.filter(CaseRecords.CaseRecord::running)
			.map(CaseRecords.CaseRecord::processInstanceId)
			.toList());
		Map<String, String> reporters = this.names.of(found.stream().map(CaseRecords.CaseRecord::reporter).toList());
		return found.stream()
			.map(c -> summary(c, waiting.getOrDefault(c.processInstanceId(), List.of()), reporters))
			.toList();
	}

	/** The summary of one case, from its history (a timeline's head). */
	CaseSummary summary(HistoricProcessInstance instance) {
		Map<String, Object> stored = new HashMap<>();
		for (HistoricVariableInstance v : this.history.createHistoricVariableInstanceQuery()
			.processInstanceId(instance.getId())
			.variableNameIn(TITLE, AREA, REPORTER, PRIORITY, CASE_OUTCOME, CaseVariables.CLOSED_AT)
			.list()) {
			stored.put(v.getName(), v.getValue());
		}
		Map<String, Object> vars = CaseData.readable(stored);
		List<HistoricActivityInstance> waiting = (instance.getEndTime() != null) ? List.of()
				: this.history.createHistoricActivityInstanceQuery()
					.processInstanceId(instance.getId())
					.unfinished()
					.list();
		String reporter = CaseData.REPORTER.from(vars);
		return summary(
				new CaseRecords.CaseRecord(instance.getBusinessKey(), instance.getId(), CaseData.TITLE.from(vars),
						CaseData.AREA.from(vars), reporter, CaseData.PRIORITY.from(vars),
						CaseData.CASE_OUTCOME.from(vars), null, null, instance.getStartTime(),
						CaseData.CLOSED_AT.from(vars), instance.getEndTime()),
				waiting, Collections.singletonMap(reporter, this.names.of(reporter)));
	}

	/**
	 * A case as the audit lists it; {@code unfinished} are its unfinished activities
	 * (none once it ended).
	 */
	private CaseSummary summary(CaseRecords.CaseRecord c, List<HistoricActivityInstance> unfinished,
			Map<String, String> names) {
		List<String> waitingAt = unfinished.stream()
			.filter(a -> CaseTimeline.kind(a) != null && !"STARTED".equals(CaseTimeline.kind(a)))
			.map(a -> Labels.waiting(a.getActivityId(), a.getActivityName()))
			.distinct() // a question to each reporter is one step
			.toList();
		return new CaseSummary(c.caseNumber(), c.processInstanceId(), c.title(), c.area(), c.reporter(), c.priority(),
				c.outcome(), c.open() ? "open" : "closed", c.reportedAt(),
				(c.endedAt() != null) ? c.endedAt() : c.closedAt(), waitingAt,
				Labels.value(AREA, c.area(), this.clock.getZone()),
				Labels.value(PRIORITY, c.priority(), this.clock.getZone()),
				Labels.value(CASE_OUTCOME, c.outcome(), this.clock.getZone()), names.get(c.reporter()));
	}

}
