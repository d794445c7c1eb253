package com.productops.security;

import java.io.IOException;

import com.productops.web.ApiErrors;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Cockpit's own queries ({@code /camunda/api/cockpit/…}) are for the people who work the
 * cases. They run on a command executor of the web apps', past the engine's interceptors
 * (so past {@link LoopBoundary}), and let any logged-in user search cases by any
 * variable: a reporter could read staff-only values one guess at a time. Camunda checks
 * only that someone is logged in; who may use Cockpit is decided here.
 */
class CockpitQueriesAccessFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		UserAuthentication user = ApiAccessFilter.webappLogin(request.getSession(false));
		if (user != null && !AccessRules.worksCases(user.getGroupIds())) {
			ApiErrors.write(response, HttpStatus.FORBIDDEN,
					"Cockpit is for the people who work the cases: Product Ops, product managers, leads and admins");
			return;
		}
		chain.doFilter(request, response); // not logged in: Camunda answers 401
	}

}
