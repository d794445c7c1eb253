package com.productops.delivery;

/**
 * A system where a product team tracks its delivery work. Opening a ticket must either
 * return it or throw: the engine then retries the step and finally raises an incident,
 * and the case waits.
 */
public interface DeliveryTracker {

	/** How people call the system, e.g. "GitHub". */
	String name();

	Ticket open(DeliveryRequest request);

	/**
	 * @param ref the ticket's key, matched against webhooks: {@code owner/repo#42} or
	 * {@code PROJ-123}
	 * @param url where people open it
	 */
	record Ticket(String ref, String url) {
	}

}
