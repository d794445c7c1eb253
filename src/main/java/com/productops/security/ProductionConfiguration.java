package com.productops.security;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.impl.identity.DefaultPasswordPolicyImpl;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;

/**
 * The {@code prod} profile (application-prod.yaml) runs without demo users; its admin
 * comes from the environment (PRODUCTOPS_ADMIN_USER, PRODUCTOPS_ADMIN_PASSWORD). Start-up
 * stops, before the engine is created, when they are missing or the password fails
 * Camunda's password policy - instead of running with a guessable admin.
 */
@Configuration(proxyBeanMethods = false)
@Profile("prod")
class ProductionConfiguration {

	@Bean
	static BeanFactoryPostProcessor productionAdminCheck() {
		return new AdminCheck();
	}

	static final class AdminCheck implements BeanFactoryPostProcessor, EnvironmentAware {

		private Environment environment;

		@Override
		public void setEnvironment(Environment environment) {
			this.environment = environment;
		}

		@Override
		public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
			List<String> problems = problems(this.environment.getProperty("productops.admin.user", ""),
					this.environment.getProperty("productops.admin.password", ""));
			if (!problems.isEmpty()) {
				throw new IllegalStateException(
						"The prod profile needs an admin account from the environment: " + String.join("; ", problems));
			}
		}

		static List<String> problems(String user, String password) {
			List<String> problems = new ArrayList<>();
			if (user.isBlank()) {
				problems.add("set PRODUCTOPS_ADMIN_USER");
			}
			if (password.isBlank()) {
				problems.add("set PRODUCTOPS_ADMIN_PASSWORD");
				return problems;
			}
			for (PasswordPolicyRule rule : new DefaultPasswordPolicyImpl().getRules()) {
				// the user-data rule needs a user object; the check below covers the user
				// name
				if (!rule.getPlaceholder().endsWith("USER_DATA") && !rule.execute(password)) {
					problems.add("PRODUCTOPS_ADMIN_PASSWORD is too weak: " + describe(rule));
				}
			}
			if (!user.isBlank() && password.toLowerCase().contains(user.toLowerCase())) {
				problems.add("PRODUCTOPS_ADMIN_PASSWORD must not contain the user name");
			}
			return problems;
		}

		/**
		 * "PASSWORD_POLICY_LENGTH" with {minLength=10} -> "needs at least 10 characters".
		 */
		private static String describe(PasswordPolicyRule rule) {
			String what = rule.getPlaceholder().replace("PASSWORD_POLICY_", "").toLowerCase();
			String count = (rule.getParameters() == null) ? "1"
					: rule.getParameters().values().stream().findFirst().orElse("1");
			return switch (what) {
				case "length" -> "needs at least " + count + " characters";
				case "lowercase" -> "needs at least " + count + " lower-case letter(s)";
				case "uppercase" -> "needs at least " + count + " upper-case letter(s)";
				case "digit" -> "needs at least " + count + " digit(s)";
				case "special" -> "needs at least " + count + " special character(s)";
				default -> "breaks the rule " + rule.getPlaceholder();
			};
		}

	}

}
