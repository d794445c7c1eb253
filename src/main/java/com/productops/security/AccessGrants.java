package com.productops.security;

import java.util.List;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Makes the engine's authorizations match {@link AccessRules#table()} at every start:
 * missing grants are created, and a grant of the table has exactly the table's
 * permissions (a permission dropped from the table is taken away). Grants made by hand in
 * Admin for other groups or resources are left alone.
 */
@Component
@Order(0)
public class AccessGrants implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AccessGrants.class);

	private final AuthorizationService authorizations;

	public AccessGrants(AuthorizationService authorizations) {
		this.authorizations = authorizations;
	}

	@Override
	public void run(ApplicationArguments args) {
		int changed = apply();
		log.info("Access rules checked: {} grants, {} created or extended", AccessRules.table().size(), changed);
	}

	/** Creates or extends the grants of the table; returns how many it changed. */
	public int apply() {
		int changed = 0;
		for (AccessRules.Grant grant : AccessRules.table()) {
			Authorization authorization = this.authorizations.createAuthorizationQuery()
				.authorizationType(Authorization.AUTH_TYPE_GRANT)
				.groupIdIn(grant.group())
				.resourceType(grant.resource())
				.resourceId(grant.resourceId())
				.singleResult();
			if (authorization == null) {
				authorization = this.authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
				authorization.setGroupId(grant.group());
				authorization.setResource(grant.resource());
				authorization.setResourceId(grant.resourceId());
			}
			if (authorization.getId() == null || !grantsExactly(authorization, grant.permissions())) {
				authorization.setPermissions(grant.permissions().toArray(Permission[]::new));
				this.authorizations.saveAuthorization(authorization);
				changed++;
			}
		}
		return changed;
	}

	private static boolean grantsExactly(Authorization authorization, List<Permission> permissions) {
		for (Permissions permission : Permissions.values()) {
			if (permission != Permissions.NONE && permission != Permissions.ALL
					&& authorization.isPermissionGranted(permission) != permissions.contains(permission)) {
				return false;
			}
		}
		return true;
	}

}
