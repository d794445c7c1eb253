package com.productops.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.productops.loop.StepInputs;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class WebConfiguration {

	/** Runs late, after any authentication filter, so that the logged-in user is known. */
	@Bean
	FilterRegistrationBean<CaseInputFilter> caseInputFilter(StepInputs inputs, TaskService tasks,
			RepositoryService repository, IdentityService identity, ObjectMapper json) {
		var registration = new FilterRegistrationBean<>(
				new CaseInputFilter(inputs, tasks, repository, identity, json));
		registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/engine/default/*");
		registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
		return registration;
	}

}
