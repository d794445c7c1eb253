package com.productops.demo;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * One person per role of the loop, for trying it out (README, "Personas"). Created at
 * start-up when {@code productops.demo-users=true} (the default; the prod profile turns
 * it off). Existing users are left alone.
 */
@Component
@Order(1)
@ConditionalOnProperty(name = "productops.demo-users", havingValue = "true", matchIfMissing = true)
class DemoUsers implements ApplicationRunner {

	static final String PASSWORD = "demo";

	private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

	record Persona(String id, String firstName, String lastName, String group) {
	}

	record Team(String id, String name) {
	}

	static final List<Team> TEAMS = List.of(new Team("ops", "Operations (reporters)"),
			new Team("product-ops", "Product Operations"), new Team("pm-supply", "PMs – Supply"),
			new Team("pm-dispatch", "PMs – Dispatch"), new Team("pm-payments", "PMs – Payments"),
			new Team("pm-core", "PMs – Core product"), new Team("leads", "Leads"),
			new Team("metric-feeds", "Metric feeds (scripts posting metric readings)"),
			new Team("integrations", "Delivery integrations (report shipped work)"));

	static final List<Persona> PERSONAS = List.of(new Persona("olivia", "Olivia", "Ortega", "ops"),
			new Persona("otto", "Otto", "Okafor", "ops"), new Persona("priya", "Priya", "Patel", "product-ops"),
			new Persona("sam", "Sam", "Supply", "pm-supply"), new Persona("dana", "Dana", "Dispatch", "pm-dispatch"),
			new Persona("pablo", "Pablo", "Payments", "pm-payments"), new Persona("cora", "Cora", "Core", "pm-core"),
			new Persona("lee", "Lee", "Lead", "leads"), new Persona("metricsbot", "Metrics", "Bot", "metric-feeds"),
			new Persona("shipbot", "Ship", "Bot", "integrations"));

	private final IdentityService identity;

	DemoUsers(IdentityService identity) {
		this.identity = identity;
	}

	@Override
	public void run(ApplicationArguments args) {
		for (Team team : TEAMS) {
			if (this.identity.createGroupQuery().groupId(team.id()).count() == 0) {
				Group group = this.identity.newGroup(team.id());
				group.setName(team.name());
				group.setType("WORKFLOW");
				this.identity.saveGroup(group);
			}
		}
		for (Persona persona : PERSONAS) {
			if (this.identity.createUserQuery().userId(persona.id()).count() == 0) {
				User user = this.identity.newUser(persona.id());
				user.setFirstName(persona.firstName());
				user.setLastName(persona.lastName());
				user.setEmail(persona.id() + "@productops.example");
				user.setPassword(PASSWORD);
				this.identity.saveUser(user);
				this.identity.createMembership(persona.id(), persona.group());
				log.info("Demo user {} ({}) created", persona.id(), persona.group());
			}
		}
	}

}
