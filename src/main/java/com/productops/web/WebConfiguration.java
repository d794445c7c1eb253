package com.productops.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RequestLimitProperties.class)
class WebConfiguration {

	/** Before everything else, logins included. */
	@Bean
	FilterRegistrationBean<RequestSizeLimits> requestSizeLimits(RequestLimitProperties limits) {
		var registration = new FilterRegistrationBean<>(new RequestSizeLimits(limits));
		registration.addUrlPatterns("/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/**
	 * API answers are never to be read as anything but their declared type (the web apps
	 * set this themselves).
	 */
	@Bean
	FilterRegistrationBean<Filter> noSniff() {
		var registration = new FilterRegistrationBean<Filter>((request, response, chain) -> {
			((HttpServletResponse) response).setHeader("X-Content-Type-Options", "nosniff");
			chain.doFilter(request, response);
		});
		registration.addUrlPatterns("/api/*", "/engine-rest/*", "/actuator/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	/** The engine's two REST doors: API clients and Tasklist. */
	@Bean
	FilterRegistrationBean<RefusedInputResponses> refusedInputResponses(ObjectMapper json) {
		var registration = new FilterRegistrationBean<>(new RefusedInputResponses(json));
		registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
		registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
		return registration;
	}

}
