package com.productops.delivery;

import static com.productops.loop.CaseVariables.DELIVERY_REF;

import java.util.List;

import com.productops.input.CaseInputException;
import com.productops.loop.CaseVariables;
import com.productops.loop.ProductOpsLoop;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Turns "the ticket is done" into the DeliveryShipped message of the case that opened the
 * ticket. Safe to call again for the same ticket (trackers redeliver webhooks): once the
 * case has moved on, the answer is ALREADY_SHIPPED.
 */
@Service
public class DeliveryShipments {

	private static final Logger log = LoggerFactory.getLogger(DeliveryShipments.class);

	private final RuntimeService runtime;

	public DeliveryShipments(RuntimeService runtime) {
		this.runtime = runtime;
	}

	public enum Status {

		SHIPPED, ALREADY_SHIPPED, NOT_SHIPPED, UNKNOWN_TICKET

	}

	public record Result(Status status, String caseNumber) {
	}

	/**
	 * The ticket was closed without shipping anything (a duplicate, won't do): the case
	 * keeps waiting for delivery, and its timeline says why the close did not count.
	 */
	public Result closedWithoutShipping(String ticketRef, String why) {
		List<ProcessInstance> cases = casesWith(ticketRef);
		if (cases.isEmpty()) {
			return new Result(Status.UNKNOWN_TICKET, null);
		}
		this.runtime.setVariable(cases.get(0).getId(), CaseVariables.DELIVERY_NOTE, why);
		log.info("{}: {} {}; the case keeps waiting for delivery", cases.get(0).getBusinessKey(), ticketRef, why);
		return new Result(Status.NOT_SHIPPED, cases.get(0).getBusinessKey());
	}

	private List<ProcessInstance> casesWith(String ticketRef) {
		return this.runtime.createProcessInstanceQuery()
			.processDefinitionKey(ProductOpsLoop.PROCESS_KEY)
			.variableValueEquals(DELIVERY_REF, ticketRef)
			.list();
	}

	public Result shipped(String ticketRef, String how) {
		List<ProcessInstance> cases = casesWith(ticketRef);
		if (cases.isEmpty()) {
			return new Result(Status.UNKNOWN_TICKET, null);
		}
		String caseNumber = cases.get(0).getBusinessKey();
		try {
			this.runtime.createMessageCorrelation(ProductOpsLoop.MESSAGE_DELIVERY_SHIPPED)
				.processInstanceId(cases.get(0).getId())
				.correlateWithResult();
			log.info("{}: shipped ({} {})", caseNumber, how, ticketRef);
			return new Result(Status.SHIPPED, caseNumber);
		}
		catch (CaseInputException | OptimisticLockingException ex) {
			// the PM confirmed it in Tasklist already, or a redelivery got there first:
			// the
			// engine's boundary says the case no longer waits for it
			return new Result(Status.ALREADY_SHIPPED, caseNumber);
		}
	}

}
