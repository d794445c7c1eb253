package com.productops.notify;

import static com.productops.loop.CaseVariables.FOLLOWERS;
import static com.productops.loop.CaseVariables.REPORTER;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.productops.security.AccessRules;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.IdentityLink;
import org.springframework.stereotype.Component;

/** Who hears of a case event, and at which addresses: the engine's users and groups. */
@Component
public class Recipients {

	private final IdentityService identity;

	public Recipients(IdentityService identity) {
		this.identity = identity;
	}

	/** The reporter and the followers (the reporters of merged duplicates). */
	Set<String> reporterAndFollowers(Map<String, String> values) {
		Set<String> people = new LinkedHashSet<>();
		people.add(values.get(REPORTER));
		for (String follower : values.getOrDefault(FOLLOWERS, "").split(",")) {
			if (!follower.isBlank()) {
				people.add(follower.strip());
			}
		}
		return people;
	}

	/** The assignee, or else the members of the candidate groups. */
	Set<String> workers(String assignee, Collection<IdentityLink> links) {
		Set<String> people = new LinkedHashSet<>();
		if (assignee != null) {
			people.add(assignee);
			return people;
		}
		for (IdentityLink link : links) {
			if (link.getGroupId() != null && "candidate".equals(link.getType())) {
				this.identity.createUserQuery()
					.memberOfGroup(link.getGroupId())
					.list()
					.forEach(user -> people.add(user.getId()));
			}
		}
		return people;
	}

	/** The leads: overdue tasks are escalated to them. */
	Set<String> leads() {
		Set<String> leads = new LinkedHashSet<>();
		this.identity.createUserQuery()
			.memberOfGroup(AccessRules.LEADS)
			.list()
			.forEach(user -> leads.add(user.getId()));
		return leads;
	}

	/** The mail addresses of those who have one. */
	List<String> emails(Set<String> people) {
		List<String> emails = new ArrayList<>();
		if (!people.isEmpty()) {
			for (User user : this.identity.createUserQuery().userIdIn(people.toArray(String[]::new)).list()) {
				if (user.getEmail() != null && !user.getEmail().isBlank()) {
					emails.add(user.getEmail());
				}
			}
		}
		return emails;
	}

}
