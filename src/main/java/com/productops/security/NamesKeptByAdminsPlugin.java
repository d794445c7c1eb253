package com.productops.security;

import java.util.Objects;

import com.productops.loop.PeopleNames;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.IdentityOperationResult;
import org.camunda.bpm.engine.impl.identity.WritableIdentityProvider;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.springframework.stereotype.Component;

/**
 * Nobody renames themselves: names are changed by those who manage users. The screens
 * name people ("Reported by Olivia Ortega", who did each step), and the engine lets every
 * user edit their own profile: anyone could have become "Priya Patel" on the forms
 * Product Ops and PMs act on. Held in the engine's identity provider, so it holds at
 * every door (engine REST, Tasklist's and Cockpit's engine API, the Java API); a user
 * still changes their own e-mail address and password. A changed name is shown at once.
 */
@Component
public class NamesKeptByAdminsPlugin extends AbstractProcessEnginePlugin {

	public static final String REFUSAL = "Your name is kept by the administrators, so that nobody can act under "
			+ "another's name: ask one of them to change it.";

	private final PeopleNames names;

	public NamesKeptByAdminsPlugin(PeopleNames names) {
		this.names = names;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		configuration.setIdentityProviderSessionFactory(new SessionFactory() {

			@Override
			public Class<?> getSessionType() {
				return WritableIdentityProvider.class;
			}

			@Override
			public Session openSession() {
				return new NamesKeptByAdmins(NamesKeptByAdminsPlugin.this.names);
			}

		});
	}

	/** The engine's own identity provider, with the rule on saving a user. */
	static class NamesKeptByAdmins extends DbIdentityServiceProvider {

		private final PeopleNames names;

		NamesKeptByAdmins(PeopleNames names) {
			this.names = names;
		}

		@Override
		public IdentityOperationResult saveUser(User user) {
			UserEntity stored = ((UserEntity) user).getRevision() == 0 ? null
					: getDbEntityManager().selectById(UserEntity.class, user.getId());
			boolean renamed = stored != null && (!same(stored.getFirstName(), user.getFirstName())
					|| !same(stored.getLastName(), user.getLastName()));
			if (renamed && ownNameByNonAdministrator(user.getId())) {
				throw new BadUserRequestException(REFUSAL);
			}
			IdentityOperationResult result = super.saveUser(user);
			if (renamed) {
				this.names.forget(user.getId());
			}
			return result;
		}

		/**
		 * The person renames themselves (the engine lets everyone update their own user),
		 * and is no administrator. Renaming someone else takes the permission to update
		 * other people, which only those who manage users have; the application itself
		 * (no one logged in, or a step without permission checks) may.
		 */
		private static boolean ownNameByNonAdministrator(String userId) {
			CommandContext context = Context.getCommandContext();
			return context.getAuthentication() != null && context.isAuthorizationCheckEnabled()
					&& userId.equals(context.getAuthenticatedUserId())
					&& !context.getAuthorizationManager().isCamundaAdmin(context.getAuthentication());
		}

		/** An empty name and none are the same name (clients send either). */
		private static boolean same(String stored, String sent) {
			return Objects.toString(stored, "").strip().equals(Objects.toString(sent, "").strip());
		}

	}

}
