package com.productops.loop;

import java.time.ZoneId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LoopConfiguration {

	/**
	 * Business time: the engine's clock in the zone in which due dates, business days,
	 * revisit dates and case-number years are counted.
	 */
	@Bean
	BusinessClock businessClock(@Value("${productops.time-zone:}") String zone) {
		return new BusinessClock(zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone));
	}

	/** The business clock's zone, for what formats dates and times (labels, mails). */
	@Bean
	ZoneId businessZone(BusinessClock clock) {
		return clock.getZone();
	}

	/**
	 * The names process definitions deployed before 2026-12-01 give two delegates, which
	 * cases started then still call: a step's delegate is now named after the step
	 * (Task_FindDuplicates: findDuplicatesDelegate).
	 */
	@Bean
	static BeanFactoryPostProcessor formerDelegateNames() {
		return beans -> {
			beans.registerAlias("findDuplicatesDelegate", "suggestDuplicatesDelegate");
			beans.registerAlias("mergeIntoOriginalDelegate", "mergeDuplicateDelegate");
		};
	}

}
