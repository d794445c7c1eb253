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
 * A person's name is changed by an administrator, not by the person. The screens name
 * people ("Reported by Olivia Ortega", who did each step), and the engine lets every user
 * edit their own profile: anyone could have become "Priya Patel" on the forms Product Ops
 * and PMs act on. Held in the engine's identity provider, so it holds at every door
 * (engine REST, the Admin app's profile page, the Java API); a user still changes their
 * own e-mail address and password. A name an administrator changes is shown at once.
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
			boolean renamed = stored != null && (!Objects.equals(stored.getFirstName(), user.getFirstName())
					|| !Objects.equals(stored.getLastName(), user.getLastName()));
			if (renamed && !byAdministrator()) {
				throw new BadUserRequestException(REFUSAL);
			}
			IdentityOperationResult result = super.saveUser(user);
			if (renamed) {
				this.names.forget(user.getId());
			}
			return result;
		}

		/**
		 * An administrator, or the application itself (no one logged in, or a step that
		 * runs without permission checks).
		 */
		private static boolean byAdministrator() {
			CommandContext context = Context.getCommandContext();
			return context.getAuthentication() == null || !context.isAuthorizationCheckEnabled()
					|| context.getAuthorizationManager().isCamundaAdmin(context.getAuthentication());
		}

	}

}
