package com.productops.security;

import java.util.ArrayList;
import java.util.List;

import com.productops.ops.EngineSessions;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.stereotype.Component;

/**
 * Permission checks without reading every authorization. Before the first check of each
 * command the engine reads the groups of all authorizations ({@code SELECT DISTINCT
 * GROUP_ID_ FROM ACT_RU_AUTHORIZATION}), only to leave the caller's groups that have none
 * out of its checks. The loop grants every case to its reporter and routed group, and the
 * history grants stay for as long as the history (two years), so that read grew with
 * every case ever filed, on every request of every door. Here the caller's groups go into
 * the checks as they are: a group without authorizations matches none, so every check
 * answers as before. (Worth it while people are in a handful of groups, as here; with
 * hundreds of groups per person the engine's filter would shorten the checks.)
 */
@Component
public class CallersGroupsPlugin extends AbstractProcessEnginePlugin {

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		EngineSessions.add(configuration, AuthorizationManager.class, CallersGroupsAuthorizationManager::new);
	}

	/** The engine's authorization manager, given the caller's groups unfiltered. */
	static class CallersGroupsAuthorizationManager extends AuthorizationManager {

		@Override
		public List<String> filterAuthenticatedGroupIds(List<String> groupIds) {
			// the engine's own empty list: MyBatis reads a list's size reflectively
			return (groupIds == null || groupIds.isEmpty()) ? EMPTY_LIST : new ArrayList<>(groupIds);
		}

	}

}
