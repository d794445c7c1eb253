package com.productops.security;

import com.productops.loop.CaseData;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * After routing: the routed PM group may read the case (BPMN: end listener of
 * Task_RouteReport).
 */
@Component("routedGroupAccessListener")
public class RoutedGroupAccessListener implements ExecutionListener {

	private final CaseAccess access;

	public RoutedGroupAccessListener(CaseAccess access) {
		this.access = access;
	}

	@Override
	public void notify(DelegateExecution execution) {
		this.access.grantRoutedGroup(execution.getProcessInstanceId(), CaseData.PM_GROUP.from(execution));
	}

}
