package com.productops.delivery;

import static com.productops.loop.CaseVariables.DELIVERY_REF;
import static com.productops.loop.CaseVariables.SHIPPED_AT;

import com.productops.loop.BusinessClock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records when the change shipped (confirmed in Tasklist or signalled by the
 * DeliveryShipped message).
 */
@Component("recordShipmentDelegate")
public class RecordShipmentDelegate implements JavaDelegate {

	private static final Logger log = LoggerFactory.getLogger(RecordShipmentDelegate.class);

	private final BusinessClock clock;

	public RecordShipmentDelegate(BusinessClock clock) {
		this.clock = clock;
	}

	@Override
	public void execute(DelegateExecution execution) {
		execution.setVariable(SHIPPED_AT, this.clock.date());
		log.info("{}: shipped ({})", execution.getProcessBusinessKey(), execution.getVariable(DELIVERY_REF));
	}

}
