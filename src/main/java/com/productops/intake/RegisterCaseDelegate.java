package com.productops.intake;

import static com.productops.loop.CaseVariables.CASE_NUMBER;
import static com.productops.loop.CaseVariables.DUPLICATE_COUNT;
import static com.productops.loop.CaseVariables.HOURS_LOST_PER_WEEK;
import static com.productops.loop.CaseVariables.ITERATION;
import static com.productops.loop.CaseVariables.PEOPLE_AFFECTED_PER_WEEK;
import static com.productops.loop.CaseVariables.REPORTED_AT;
import static com.productops.loop.CaseVariables.REPORTER;
import static com.productops.loop.CaseVariables.TOTAL_HOURS_LOST_PER_WEEK;
import static com.productops.loop.CaseVariables.TOTAL_PEOPLE_AFFECTED_PER_WEEK;

import java.util.HashMap;
import java.util.Map;

import com.productops.input.ChangedValues;
import com.productops.input.StepInput.CaseContext;
import com.productops.loop.BusinessClock;
import com.productops.loop.CaseData;
import com.productops.security.CaseAccess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Registers a new report: normalises the start form, assigns the case number as business
 * key and lets the reporter read the case. Runs in the start transaction, so invalid
 * input leaves no case behind.
 */
@Component("registerCaseDelegate")
public class RegisterCaseDelegate implements JavaDelegate {

	private static final Logger log = LoggerFactory.getLogger(RegisterCaseDelegate.class);

	private final ProblemReportedInput intake;

	private final CaseNumbers caseNumbers;

	private final CaseAccess access;

	private final BusinessClock clock;

	public RegisterCaseDelegate(ProblemReportedInput intake, CaseNumbers caseNumbers, CaseAccess access,
			BusinessClock clock) {
		this.clock = clock;
		this.intake = intake;
		this.caseNumbers = caseNumbers;
		this.access = access;
	}

	@Override
	public void execute(DelegateExecution execution) {
		Map<String, Object> submitted = new HashMap<>(execution.getVariables());
		// the reporter is whoever is logged in; a reporter variable counts only for
		// unauthenticated API calls
		Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
		if (user != null && user.getUserId() != null) {
			submitted.put(REPORTER, user.getUserId());
		}
		var accepted = this.intake.accept(submitted, new CaseContext(execution.getProcessInstanceId(), null));
		String caseNumber = this.caseNumbers.next();
		this.caseNumbers.register(caseNumber, execution.getProcessInstanceId());
		execution.setProcessBusinessKey(caseNumber);
		ChangedValues.store(execution, accepted);
		execution.setVariable(CASE_NUMBER, caseNumber);
		execution.setVariable(REPORTED_AT, this.clock.date());
		execution.setVariable(ITERATION, 1);
		execution.setVariable(DUPLICATE_COUNT, 0);
		execution.setVariable(TOTAL_PEOPLE_AFFECTED_PER_WEEK, accepted.get(PEOPLE_AFFECTED_PER_WEEK));
		execution.setVariable(TOTAL_HOURS_LOST_PER_WEEK, accepted.get(HOURS_LOST_PER_WEEK));
		this.access.grantReporter(execution.getProcessInstanceId(), CaseData.REPORTER.from(accepted));
		log.info("{}: registered '{}' from {}", caseNumber, accepted.get("title"), accepted.get("reporter"));
	}

}
