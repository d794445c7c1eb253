package com.productops.ops;

import java.util.ArrayList;
import java.util.function.Supplier;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;

/**
 * Adds a session to the engine's commands (a plugin's {@code preInit}): one per command,
 * found by its type; a type the engine has already is replaced.
 */
public final class EngineSessions {

	private EngineSessions() {
	}

	public static void add(ProcessEngineConfigurationImpl configuration, Class<?> type, Supplier<Session> open) {
		add(configuration, new SessionFactory() {

			@Override
			public Class<?> getSessionType() {
				return type;
			}

			@Override
			public Session openSession() {
				return open.get();
			}

		});
	}

	public static void add(ProcessEngineConfigurationImpl configuration, SessionFactory factory) {
		if (configuration.getCustomSessionFactories() == null) {
			configuration.setCustomSessionFactories(new ArrayList<>());
		}
		configuration.getCustomSessionFactories().add(factory);
	}

}
