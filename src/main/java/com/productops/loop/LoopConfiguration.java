package com.productops.loop;

import java.time.ZoneId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LoopConfiguration {

	/**
	 * The time zone in which due dates, business days, revisit dates and case-number
	 * years are counted.
	 */
	@Bean
	ZoneId businessZone(@Value("${productops.time-zone:}") String zone) {
		return zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone);
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
