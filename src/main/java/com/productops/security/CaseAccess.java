package com.productops.security;

import java.util.List;
import java.util.function.Consumer;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.AuthorizationQuery;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.stereotype.Service;

/**
 * Per-case grants: the reporter may read their own case and its history, and so may the
 * PM group it is routed to; other reporters and other areas may not. Runs inside the
 * engine (delegation code is not authorization-checked), in the transaction that
 * registers the case.
 */
@Service
public class CaseAccess {

	private final AuthorizationService authorizations;

	public CaseAccess(AuthorizationService authorizations) {
		this.authorizations = authorizations;
	}

	public void grantReporter(String processInstanceId, String reporter) {
		grant(this.authorizations.createAuthorizationQuery().userIdIn(reporter), processInstanceId,
				authorization -> authorization.setUserId(reporter));
	}

	/**
	 * The PM group a case is routed to may read it, so its queue shows the case; other
	 * areas may not.
	 */
	public void grantRoutedGroup(String processInstanceId, String group) {
		grant(this.authorizations.createAuthorizationQuery().groupIdIn(group), processInstanceId,
				authorization -> authorization.setGroupId(group));
	}

	/**
	 * Read access to the case and to its history, with one query for the grants the user
	 * or group already has on it (the engine allows one grant per user or group and
	 * resource): each is extended, or created.
	 */
	private void grant(AuthorizationQuery ofOwner, String processInstanceId, Consumer<Authorization> owner) {
		// a page, not list(): outside a command the production profile refuses unbounded
		// queries; one grant per resource type at most
		List<Authorization> existing = ofOwner.authorizationType(Authorization.AUTH_TYPE_GRANT)
			.resourceId(processInstanceId)
			.listPage(0, Resources.values().length);
		save(existing, Resources.PROCESS_INSTANCE, processInstanceId, Permissions.READ, owner);
		save(existing, Resources.HISTORIC_PROCESS_INSTANCE, processInstanceId, HistoricProcessInstancePermissions.READ,
				owner);
	}

	private void save(List<Authorization> existing, Resources resource, String resourceId, Permission permission,
			Consumer<Authorization> owner) {
		Authorization authorization = existing.stream()
			.filter(grant -> grant.getResourceType() == resource.resourceType())
			.findFirst()
			.orElse(null);
		if (authorization == null) {
			authorization = this.authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
			owner.accept(authorization);
			authorization.setResource(resource);
			authorization.setResourceId(resourceId);
		}
		else if (authorization.isPermissionGranted(permission)) {
			return;
		}
		authorization.addPermission(permission);
		this.authorizations.saveAuthorization(authorization);
	}

}
