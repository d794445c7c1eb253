package com.productops.security;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Makes the engine's authorizations match {@link AccessRules#table()} at every start: missing grants are created,
 * missing permissions added. Grants made by hand in Admin are left alone.
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
			boolean missing = false;
			for (Permission permission : grant.permissions()) {
				if (!authorization.isPermissionGranted(permission)) {
					authorization.addPermission(permission);
					missing = true;
				}
			}
			if (missing) {
				this.authorizations.saveAuthorization(authorization);
				changed++;
			}
		}
		return changed;
	}

}
