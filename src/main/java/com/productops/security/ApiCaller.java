package com.productops.security;

import java.util.List;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.IdentityService;

/**
 * Who called an /api endpoint, as {@link ApiAccessFilter} established it (user id and the
 * user's groups).
 */
public record ApiCaller(String user, List<String> groups) {

	static final String ATTRIBUTE = ApiCaller.class.getName();

	public static ApiCaller of(HttpServletRequest request) {
		ApiCaller caller = (ApiCaller) request.getAttribute(ATTRIBUTE);
		if (caller == null) {
			throw new IllegalStateException("/api request without ApiAccessFilter");
		}
		return caller;
	}

	/** {@code work} done as the caller: the engine checks their permissions. */
	public <T> T run(IdentityService identity, Supplier<T> work) {
		identity.setAuthentication(this.user, this.groups);
		try {
			return work.get();
		}
		finally {
			identity.clearAuthentication();
		}
	}

	public boolean inAny(List<String> wanted) {
		return this.groups.stream().anyMatch(wanted::contains);
	}

}
