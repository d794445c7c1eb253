package com.productops.loop;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long each human step may take (productops.sla.* in application.yaml). Business days
 * skip Saturdays and Sundays.
 *
 * @param triageBusinessDays Product Ops triages a new report
 * @param moreInfo the reporter answers a question; after this the case closes as "no
 * response"
 * @param decisionBusinessDays the routed PM decides
 * @param delivery the build is expected to ship
 * @param verificationBusinessDays Product Ops confirms the outcome
 * @param escalationBusinessDays how long after its due date a task is escalated to leads
 * @param moreInfoReminder when the reporter is reminded of an unanswered question
 */
@ConfigurationProperties("productops.sla")
public record SlaProperties(@DefaultValue("2") int triageBusinessDays, @DefaultValue("P7D") Duration moreInfo,
		@DefaultValue("5") int decisionBusinessDays, @DefaultValue("P30D") Duration delivery,
		@DefaultValue("3") int verificationBusinessDays, @DefaultValue("1") int escalationBusinessDays,
		@DefaultValue("P3D") Duration moreInfoReminder) {

	public static SlaProperties defaults() {
		return new SlaProperties(2, Duration.ofDays(7), 5, Duration.ofDays(30), 3, 1, Duration.ofDays(3));
	}

}
