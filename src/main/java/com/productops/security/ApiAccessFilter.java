package com.productops.security;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.productops.web.ApiErrors;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may call the application's own REST endpoints (/api/*). A caller is known either by
 * the Cockpit login of the same browser session (the Cockpit plugin) or by HTTP Basic
 * with an engine user (BI tools, scripts); anyone else gets 401. The audit endpoints and
 * the metrics are for leads and admins (others 403). Metric readings of a case are
 * decided by their controller, per case; {@code /api/my-reports} shows every user their
 * own reports; {@code /api/reports} files a report as the caller (the engine checks that
 * they may); {@code /api/cases/{caseNumber}/story} is decided by the case page's service;
 * {@code /api/labels} are words. Writes from a browser session carry the header
 * {@code X-Product-Ops: page} (no other site can make a browser send it). Tracker
 * webhooks carry no user: their signature is checked instead.
 */
class ApiAccessFilter extends OncePerRequestFilter {

	static final Set<String> ALLOWED_GROUPS = Set.of(AccessRules.LEADS, AccessRules.ADMINS);

	/**
	 * Decided per case by their controller, or open to every logged-in user for their own
	 * data.
	 */
	private static final Pattern FOR_EVERY_USER = Pattern
		.compile("/api/cases/[^/]+/(metrics|story|me-too)/?|/api/similar-cases/?|/api/my-reports/?|/api/reports/?"
				+ "|/api/labels/?|/api/me/?|/api/reporter-names/?|/api/task-cards/?");

	/** Sent by the application's pages with every write (X-Product-Ops: page). */
	static final String PAGE_HEADER = "X-Product-Ops";

	static final String PAGE_HEADER_VALUE = "page";

	/** Methods that change nothing: a browser session needs no CSRF defence for them. */
	private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

	private static final String WEBHOOKS = "/api/webhooks/";

	private static final String ENGINE = "default";

	private final ProcessEngine engine;

	private final IdentityService identity;

	private final HttpBasicAuthenticationProvider basic = new HttpBasicAuthenticationProvider();

	ApiAccessFilter(ProcessEngine engine) {
		this.engine = engine;
		this.identity = engine.getIdentityService();
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return request.getRequestURI().startsWith(request.getContextPath() + WEBHOOKS);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpSession session = request.getSession(false);
		String user = webappUser(session);
		if (user != null && !SAFE_METHODS.contains(request.getMethod()) && !fromOwnPage(request)) {
			// cross-site request forgery: a write with the session cookie must come from
			// the application's own pages
			deny(response, HttpServletResponse.SC_FORBIDDEN,
					"Send writes from the application's pages (header X-Product-Ops: page)");
			return;
		}
		if (user == null) {
			user = basicUser(request);
		}
		if (user == null) {
			if (!fromScript(request)) {
				// a page's script asked: a Basic challenge would open the browser's own
				// login dialog over the page
				response.setHeader("WWW-Authenticate", "Basic realm=\"product-ops\"");
			}
			deny(response, HttpServletResponse.SC_UNAUTHORIZED, "Log in: HTTP Basic with an engine user, or Cockpit");
			return;
		}
		List<String> groups = this.identity.createGroupQuery()
			.groupMember(user)
			.list()
			.stream()
			.map(Group::getId)
			.toList();
		request.setAttribute(ApiCaller.ATTRIBUTE, new ApiCaller(user, groups));
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (!FOR_EVERY_USER.matcher(path).matches() && groups.stream().noneMatch(ALLOWED_GROUPS::contains)) {
			deny(response, HttpServletResponse.SC_FORBIDDEN, "Only leads and admins may read the Product Ops audit");
			return;
		}
		chain.doFilter(request, response);
	}

	private static String webappUser(HttpSession session) {
		UserAuthentication user = webappLogin(session);
		return (user == null) ? null : user.getIdentityId();
	}

	/** Who is logged in to the web apps in this session; null: nobody. */
	static UserAuthentication webappLogin(HttpSession session) {
		Authentications authentications = (session == null) ? null : AuthenticationUtil.getAuthsFromSession(session);
		return (authentications == null
				|| !(authentications.getAuthenticationForProcessEngine(ENGINE) instanceof UserAuthentication user))
						? null : user;
	}

	/**
	 * OWASP's custom request header defence: a page of another site can make a browser
	 * send a form with the session cookie, but not with a header of its own (that needs a
	 * CORS preflight, which this application never allows).
	 */
	/**
	 * A fetch or XMLHttpRequest of a page (browsers say so in Sec-Fetch-Mode; tools and
	 * scripts outside send none).
	 */
	private static boolean fromScript(HttpServletRequest request) {
		String mode = request.getHeader("Sec-Fetch-Mode");
		return mode != null && !"navigate".equals(mode);
	}

	private static boolean fromOwnPage(HttpServletRequest request) {
		return PAGE_HEADER_VALUE.equals(request.getHeader(PAGE_HEADER));
	}

	/** The same HTTP Basic check the engine's REST API makes. */
	private String basicUser(HttpServletRequest request) {
		AuthenticationResult result = this.basic.extractAuthenticatedUser(request, this.engine);
		return result.isAuthenticated() ? result.getAuthenticatedUser() : null;
	}

	private static void deny(HttpServletResponse response, int status, String message) throws IOException {
		ApiErrors.write(response, HttpStatus.valueOf(status), message);
	}

}
