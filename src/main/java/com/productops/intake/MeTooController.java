package com.productops.intake;

import static com.productops.loop.CaseVariables.ALSO_AFFECTED;
import static com.productops.loop.CaseVariables.PRIORITY;
import static com.productops.loop.CaseVariables.REPORTER;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.productops.input.CaseInputException;
import com.productops.input.SubmittedInput;
import com.productops.loop.CaseDirectory;
import com.productops.loop.CaseLock;
import com.productops.loop.CaseVariable;
import com.productops.loop.Conflicts;
import com.productops.loop.Labels;
import com.productops.loop.ProductOpsLoop;
import com.productops.security.AccessRules;
import com.productops.security.ApiCaller;
import com.productops.web.ApiErrors;
import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * "Me too": an ops user who has the same problem as an open case joins it with their own
 * numbers instead of filing a duplicate.
 * {@code GET /api/similar-cases?title=…&description=…} lists open cases that read like
 * what they are writing (the report form shows them); {@code POST
 * /api/cases/{caseNumber}/me-too} with {@code peopleAffectedPerWeek},
 * {@code hoursLostPerWeek} and an optional {@code note} joins one. For people who may
 * report (ops, Product Ops); others 403.
 */
@RestController
class MeTooController {

	private static final List<String> MAY_JOIN = List.of(AccessRules.OPS, AccessRules.PRODUCT_OPS);

	/**
	 * How often one person may change their numbers on a case: each change is kept in its
	 * history, which the case page and the leads' timeline read whole.
	 */
	static final int MAX_CHANGES = 20;

	private static final String NOT_A_REPORTER = "Only people who report problems (ops, Product Ops) may say \"me "
			+ "too\"";

	private final DuplicateFinder finder;

	private final CaseDirectory cases;

	private final RuntimeService runtime;

	private final CaseReach reach;

	private final TransactionTemplate transaction;

	private final CaseLock lock;

	MeTooController(DuplicateFinder finder, CaseDirectory cases, RuntimeService runtime, CaseReach reach,
			TransactionTemplate transaction, CaseLock lock) {
		this.lock = lock;
		this.finder = finder;
		this.cases = cases;
		this.runtime = runtime;
		this.reach = reach;
		this.transaction = transaction;
	}

	@GetMapping("/api/similar-cases")
	ResponseEntity<?> similar(@RequestParam(defaultValue = "") String title,
			@RequestParam(defaultValue = "") String description, HttpServletRequest request) {
		if (!ApiCaller.of(request).inAny(MAY_JOIN)) {
			return ApiErrors.of(HttpStatus.FORBIDDEN, NOT_A_REPORTER);
		}
		if (title.strip().length() < 5) {
			return ResponseEntity.ok(List.of()); // too little to compare
		}
		String text = (description.length() > 5000) ? description.substring(0, 5000) : description;
		var suggestions = this.finder.suggest("", DuplicateIndex.Words.of(title.strip(), text));
		String caller = ApiCaller.of(request).user();
		// a case closed as working (and watched) is not joined: a new report of it is a
		// regression for triage; one's own open report is shown as one's own (a second
		// report of it would be a duplicate to merge), and a case one follows as followed
		// (its "me too" updates one's numbers)
		return ResponseEntity.ok(suggestions.stream().filter(s -> !s.watched()).map(s -> {
			Map<String, Object> people = people(s.caseNumber());
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("caseNumber", s.caseNumber());
			json.put("title", s.title());
			json.put("alike", Math.round(s.similarity() * 100) + "% alike");
			json.put("yours", caller.equals(people.get(REPORTER)));
			json.put("following", CaseVariable
				.readableOr(() -> AlsoAffected.of(people).stream().anyMatch(p -> p.person().equals(caller)), false));
			return json;
		}).toList());
	}

	/**
	 * The reporter and the others who have the problem of an open case; none of a case
	 * that has just closed (a query, which finds nothing then, where reading a variable
	 * would fail).
	 */
	private Map<String, Object> people(String caseNumber) {
		Map<String, Object> people = new HashMap<>();
		this.cases.findOpen(caseNumber)
			.ifPresent(open -> this.runtime.createVariableInstanceQuery()
				.variableScopeIdIn(open.getId())
				.variableNameIn(REPORTER, ALSO_AFFECTED)
				.list()
				.forEach(variable -> people.put(variable.getName(), variable.getValue())));
		return people;
	}

	@PostMapping(path = "/api/cases/{caseNumber}/me-too", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> meToo(@PathVariable String caseNumber, @RequestBody(required = false) Map<String, Object> body,
			HttpServletRequest request) {
		ApiCaller caller = ApiCaller.of(request);
		if (!caller.inAny(MAY_JOIN)) {
			return ApiErrors.of(HttpStatus.FORBIDDEN, NOT_A_REPORTER);
		}
		AlsoAffected.Person person = person(body, caller.user());
		// one transaction: the person, the numbers and what follows from them are stored
		// together or not at all; run again if it meets a timer of the case, or the case
		// ended under it (a job, which does not hold the case, closed it): then it is
		// found closed
		return Conflicts.retried(Conflicts.ATTEMPTS, () -> this.transaction.execute(status -> join(caseNumber, person)),
				(attempt, ex) -> Conflicts.isConflict(ex) || ex instanceof NullValueException);
	}

	/**
	 * Joins the case once it is held: a step that closes it at the same moment (triage,
	 * verification, a timer) either comes first, and the case is found closed, or waits
	 * for this join.
	 */
	private ResponseEntity<?> join(String caseNumber, AlsoAffected.Person person) {
		Optional<ProcessInstance> open = this.cases.findOpen(caseNumber);
		if (open.isPresent()) {
			this.lock.hold(open.get().getId());
			open = this.cases.findOpen(caseNumber);
		}
		if (open.isEmpty()) {
			return this.cases.exists(caseNumber)
					? ApiErrors.of(HttpStatus.CONFLICT,
							caseNumber + " is closed: file a new report if the problem is back")
					: ApiErrors.of(HttpStatus.NOT_FOUND, "No case " + caseNumber);
		}
		String instance = open.get().getId();
		if (this.runtime.createEventSubscriptionQuery()
			.processInstanceId(instance)
			.eventName(ProductOpsLoop.MESSAGE_REGRESSION_REPORTED)
			.count() > 0) {
			return ApiErrors.of(HttpStatus.CONFLICT,
					caseNumber + " is closed as working: if the problem is back, report it, "
							+ "and Product Ops re-opens the case");
		}
		if (person.person().equals(this.runtime.getVariable(instance, REPORTER))) {
			return ApiErrors.of(HttpStatus.CONFLICT, "You reported " + caseNumber + ": your numbers already count");
		}
		Optional<AlsoAffected.Person> before = AlsoAffected.parse(this.runtime.getVariable(instance, ALSO_AFFECTED))
			.stream()
			.filter(p -> p.person().equals(person.person()))
			.findFirst();
		boolean again = before.isPresent();
		boolean same = again && before.get().says(person);
		if (again && !same && before.get().changes() >= MAX_CHANGES) {
			// each change is kept in the case's history, which its pages read
			return ApiErrors.of(HttpStatus.CONFLICT, "You have changed your numbers for " + caseNumber + " "
					+ MAX_CHANGES + " times, as often as one person can: the last ones count");
		}
		// the same numbers again change nothing, and nothing is stored
		CaseReach.Reach now = same ? this.reach.current(instance) : this.reach.join(instance, person);
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("caseNumber", caseNumber);
		json.put("totalPeopleAffectedPerWeek", now.totalPeopleAffectedPerWeek());
		json.put("totalHoursLostPerWeek", now.totalHoursLostPerWeek());
		json.put("totalsText", AlsoAffected.numbers(now.totalPeopleAffectedPerWeek(), now.totalHoursLostPerWeek()));
		json.put("priority", now.priority());
		json.put("priorityLabel", Labels.value(PRIORITY, now.priority(), ZoneId.systemDefault()));
		json.put("returnedToPm", now.returnedToPm());
		json.put("updated", again && !same);
		json.put("unchanged", same);
		json.put("message",
				same ? "Your numbers for " + caseNumber + " are the ones you gave before: nothing changed." : again
						? "Your numbers for " + caseNumber + " are updated."
						: "You follow " + caseNumber + " now: your numbers count, and you hear about every step.");
		return ResponseEntity.ok(json);
	}

	private AlsoAffected.Person person(Map<String, Object> body, String user) {
		if (body == null) {
			throw new CaseInputException(List.of("Send a JSON object: {\"peopleAffectedPerWeek\": 20, "
					+ "\"hoursLostPerWeek\": 3, \"note\": \"the same at the night shift\"}"));
		}
		SubmittedInput input = new SubmittedInput(body);
		// the same bounds as a report; "me too" counts at least the one saying it
		ProblemReportedInput.Reach reach = ProblemReportedInput.reach(input, 1);
		String note = input.text("note", false, SubmittedInput.MAX_TEXT);
		input.throwIfInvalid();
		return new AlsoAffected.Person(user, reach.people(), reach.hours(), AlsoAffected.Via.ME_TOO, null,
				this.reach.now(), note);
	}

	/** The case moved at the same moment (a task was completed): nothing was stored. */
	@ExceptionHandler(OptimisticLockingException.class)
	ResponseEntity<ProblemDetail> changedMeanwhile(OptimisticLockingException ex) {
		return ApiErrors.of(HttpStatus.CONFLICT,
				"The case changed at the same moment; nothing was stored, send it again");
	}

}
