package com.productops.security;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/me}: who is logged in, where their work is ({@link AccessRules#home})
 * and what the web apps may offer them: the web apps' scripts take each person there
 * after logging in and hide what they cannot use.
 */
@RestController
class MeController {

	private final IdentityService identity;

	MeController(IdentityService identity) {
		this.identity = identity;
	}

	@GetMapping("/api/me")
	Map<String, Object> me(HttpServletRequest request) {
		ApiCaller caller = ApiCaller.of(request);
		User user = this.identity.createUserQuery().userId(caller.user()).singleResult();
		List<String> groups = caller.groups();
		Map<String, Object> me = new HashMap<>();
		me.put("user", caller.user());
		me.put("name", (user == null || user.getFirstName() == null) ? caller.user() : user.getFirstName());
		me.put("home", AccessRules.home(groups));
		me.put("mayReport", groups.contains(AccessRules.OPS) || groups.contains(AccessRules.PRODUCT_OPS)
				|| groups.contains(AccessRules.ADMINS));
		me.put("lead", groups.contains(AccessRules.LEADS) && !groups.contains(AccessRules.ADMINS));
		// who may open Cockpit: Tasklist's links into it are for them only
		me.put("cockpit", groups.contains(AccessRules.LEADS) || groups.contains(AccessRules.ADMINS));
		return me;
	}

}
