package com.productops.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.productops.web.ApiErrors;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows down guessing: after {@value #FREE_FAILURES} failed logins (HTTP Basic or the web
 * apps' login form) for one user from one client address, that address waits before its
 * next attempt at that user, twice as long after each further failure, at most
 * {@link #MAX_WAIT}; after {@value #FREE_FAILURES_PER_ADDRESS} failures for any users it
 * waits for every login. A success clears it. The user can still log in from anywhere
 * else: someone else's guesses never lock them out. Per user, the engine also slows
 * logins down a little and, with loginMaxAttempts unlimited (application.yaml), never
 * locks a user for good. Throttled addresses and users with many failures are logged for
 * the leads and admins.
 */
class LoginThrottle extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

	static final int FREE_FAILURES = 10;

	/**
	 * Many users behind one address (an office, a proxy) share it: it gets more room than
	 * one user.
	 */
	static final int FREE_FAILURES_PER_ADDRESS = 100;

	static final Duration MAX_WAIT = Duration.ofMinutes(15);

	/** An address that failed nothing for this long starts again from zero. */
	private static final Duration FORGET_AFTER = Duration.ofHours(1);

	private static final int MAX_LOGGED_NAME = 64;

	private static final String WEBAPP_LOGIN = "/camunda/api/admin/auth/user/";

	private final Map<String, Failures> byLogin = new ConcurrentHashMap<>();

	private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

	private final Map<String, Integer> byUser = new ConcurrentHashMap<>();

	private final Clock clock;

	LoginThrottle(Clock clock) {
		this.clock = clock;
	}

	record Failures(int count, Instant last) {

		Instant nextAllowed(int free) {
			if (this.count < free) {
				return this.last;
			}
			long seconds = Math.min(MAX_WAIT.toSeconds(), 1L << Math.min(30, this.count - free));
			return this.last.plusSeconds(seconds);
		}

	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return user(request) == null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String address = request.getRemoteAddr();
		String user = user(request);
		Instant now = this.clock.instant();
		Instant allowed = later(nextAllowed(this.byLogin, address + '\n' + user, FREE_FAILURES, now),
				nextAllowed(this.byAddress, address, FREE_FAILURES_PER_ADDRESS, now));
		if (now.isBefore(allowed)) {
			long wait = Duration.between(now, allowed).toSeconds() + 1;
			response.setHeader("Retry-After", Long.toString(wait));
			ApiErrors.write(response, HttpStatus.TOO_MANY_REQUESTS,
					"Too many failed logins from your address: try again in " + wait + " seconds");
			return;
		}
		chain.doFilter(request, response);
		if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
			failed(address, user, now);
		}
		else if (response.getStatus() < 400) {
			this.byLogin.remove(address + '\n' + user);
			this.byUser.remove(user);
		}
	}

	private static Instant nextAllowed(Map<String, Failures> failures, String key, int free, Instant now) {
		Failures found = failures.get(key);
		return (found == null) ? now : found.nextAllowed(free);
	}

	private static Instant later(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	private static Failures count(Map<String, Failures> failures, String key, Instant now) {
		return failures.compute(key, (k, old) -> new Failures(
				(old == null || old.last().plus(FORGET_AFTER).isBefore(now)) ? 1 : old.count() + 1, now));
	}

	private void failed(String address, String typed, Instant now) {
		String user = printable(typed);
		Failures login = count(this.byLogin, address + '\n' + typed, now);
		Failures fromAddress = count(this.byAddress, address, now);
		if (login.count() >= FREE_FAILURES) {
			log.warn("{} failed logins as '{}' from {}: its next attempt waits until {}", login.count(), user, address,
					login.nextAllowed(FREE_FAILURES));
		}
		if (fromAddress.count() >= FREE_FAILURES_PER_ADDRESS) {
			log.warn("{} failed logins from {} (last as '{}'): its next login waits until {}", fromAddress.count(),
					address, user, fromAddress.nextAllowed(FREE_FAILURES_PER_ADDRESS));
		}
		int count = this.byUser.merge(typed, 1, Integer::sum);
		if (count % 5 == 0) {
			log.warn("User '{}' has {} failed logins in a row (last from {}); the engine slows down their logins", user,
					count, address);
		}
		for (Map<String, Failures> failures : List.of(this.byLogin, this.byAddress)) {
			if (failures.size() > 100_000) {
				failures.entrySet().removeIf(entry -> entry.getValue().last().plus(FORGET_AFTER).isBefore(now));
			}
		}
		if (this.byUser.size() > 100_000) {
			this.byUser.clear();
		}
	}

	/**
	 * A name as anyone typed it into a login, fit for the log: a line break would let
	 * them write lines of their own into it, so control characters are escaped, and the
	 * length is capped.
	 */
	static String printable(String typed) {
		StringBuilder out = new StringBuilder();
		typed.codePoints().limit(MAX_LOGGED_NAME).forEach(c -> {
			int type = Character.getType(c);
			// invisible and direction-changing characters too: a name must read as it is
			if (Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
					|| type == Character.FORMAT || c == '\'' || c == '\\') {
				out.append(String.format("\\u%04x", c));
			}
			else {
				out.appendCodePoint(c);
			}
		});
		return (typed.codePointCount(0, typed.length()) > MAX_LOGGED_NAME) ? out + "…" : out.toString();
	}

	/**
	 * The user a request logs in as: HTTP Basic, or the web apps' login form
	 * (/login/{app}); null for others.
	 */
	static String user(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if ("POST".equals(request.getMethod()) && path.startsWith(WEBAPP_LOGIN) && path.contains("/login/")) {
			String name = request.getParameter("username");
			return (name == null) ? "" : name;
		}
		String header = request.getHeader("Authorization");
		if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
			try {
				String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()),
						StandardCharsets.UTF_8);
				int colon = decoded.indexOf(':');
				return (colon < 0) ? decoded : decoded.substring(0, colon);
			}
			catch (IllegalArgumentException ex) {
				return "";
			}
		}
		return null;
	}

}
