package com.productops.delivery;

import static com.productops.loop.CaseVariables.DELIVERY_REF;
import static com.productops.loop.CaseVariables.DELIVERY_URL;

import com.productops.loop.CaseData;
import com.productops.notify.NotificationProperties;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Opens the delivery ticket in the product team's tracker and keeps its key and link on
 * the case. Runs as an asynchronous step: a failing tracker is retried, then becomes an
 * incident; the case waits and is never lost.
 */
@Component("openDeliveryTicketDelegate")
public class OpenDeliveryTicketDelegate implements JavaDelegate {

	private static final Logger log = LoggerFactory.getLogger(OpenDeliveryTicketDelegate.class);

	private final DeliveryTrackers trackers;

	private final String baseUrl;

	public OpenDeliveryTicketDelegate(DeliveryTrackers trackers, NotificationProperties notifications) {
		this.trackers = trackers;
		this.baseUrl = notifications.baseUrl();
	}

	@Override
	public void execute(DelegateExecution execution) {
		String pmGroup = CaseData.PM_GROUP.from(execution);
		DeliveryTracker tracker = this.trackers.tracker(pmGroup)
			.orElseThrow(() -> new IllegalStateException("No delivery tracker is configured for " + pmGroup));
		String caseNumber = CaseData.CASE_NUMBER.from(execution);
		String caseUrl = this.baseUrl + "/camunda/app/cockpit/default/#/product-ops/case/" + caseNumber;
		DeliveryTracker.Ticket ticket = tracker.open(DeliveryRequest.of(execution.getVariables(), caseUrl));
		execution.setVariable(DELIVERY_REF, ticket.ref());
		execution.setVariable(DELIVERY_URL, ticket.url());
		log.info("{}: {} ticket {} opened", caseNumber, tracker.name(), ticket.ref());
	}

}
