package com.productops.security;

import java.time.Clock;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The engine's REST API needs a login (HTTP Basic, checked against the engine's users);
 * the engine then applies the user's authorizations. Only {@code GET /engine-rest/engine}
 * answers without one (the engine's own filter lets it through). The web apps under
 * /camunda have their own session login.
 */
@Configuration(proxyBeanMethods = false)
class RestSecurityConfiguration {

	@Bean
	FilterRegistrationBean<ProcessEngineAuthenticationFilter> restAuthentication() {
		var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
		registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
				HttpBasicAuthenticationProvider.class.getName());
		registration.addUrlPatterns("/engine-rest/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

	/** Before any login is checked. */
	@Bean
	FilterRegistrationBean<LoginThrottle> loginThrottle() {
		var registration = new FilterRegistrationBean<>(new LoginThrottle(Clock.systemUTC()));
		registration.addUrlPatterns("/engine-rest/*", "/api/*", "/actuator/*", "/camunda/api/admin/auth/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	/**
	 * The application's own endpoints and the metrics: leads and admins only (health
	 * stays public).
	 */
	@Bean
	FilterRegistrationBean<ApiAccessFilter> apiAccess(ProcessEngine engine) {
		var registration = new FilterRegistrationBean<>(new ApiAccessFilter(engine));
		registration.addUrlPatterns("/api/*", "/actuator/prometheus");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

	/** Cockpit's own queries, which run past the engine's interceptors. */
	@Bean
	FilterRegistrationBean<CockpitQueriesAccessFilter> cockpitQueriesAccess() {
		var registration = new FilterRegistrationBean<>(new CockpitQueriesAccessFilter());
		registration.addUrlPatterns("/camunda/api/cockpit/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

}
