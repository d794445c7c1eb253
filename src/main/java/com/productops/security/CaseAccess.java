package com.productops.security;

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
		grant(reporter, Resources.PROCESS_INSTANCE, processInstanceId, Permissions.READ);
		grant(reporter, Resources.HISTORIC_PROCESS_INSTANCE, processInstanceId,
				HistoricProcessInstancePermissions.READ);
	}

	/**
	 * The PM group a case is routed to may read it, so its queue shows the case; other
	 * areas may not.
	 */
	public void grantRoutedGroup(String processInstanceId, String group) {
		grantGroup(group, Resources.PROCESS_INSTANCE, processInstanceId, Permissions.READ);
		grantGroup(group, Resources.HISTORIC_PROCESS_INSTANCE, processInstanceId,
				HistoricProcessInstancePermissions.READ);
	}

	private void grantGroup(String group, Resources resource, String resourceId, Permission permission) {
		save(this.authorizations.createAuthorizationQuery().groupIdIn(group), resource, resourceId, permission,
				authorization -> authorization.setGroupId(group));
	}

	private void grant(String user, Resources resource, String resourceId, Permission permission) {
		save(this.authorizations.createAuthorizationQuery().userIdIn(user), resource, resourceId, permission,
				authorization -> authorization.setUserId(user));
	}

	/**
	 * One grant per user or group and resource (the engine allows no second): extend it,
	 * or create it.
	 */
	private void save(AuthorizationQuery existing, Resources resource, String resourceId, Permission permission,
			Consumer<Authorization> owner) {
		Authorization authorization = existing.authorizationType(Authorization.AUTH_TYPE_GRANT)
			.resourceType(resource)
			.resourceId(resourceId)
			.singleResult();
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
