package com.productops.loop;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * People's names as the screens show them ("Olivia Ortega"), from the engine's users; the
 * login where a user has no name or is unknown (a deleted user, an integration account).
 * One place, as the labels of coded values are (Labels). Names are kept for a few
 * minutes: a case page or a form names the same few people again and again. Only
 * administrators change names (security/NamesKeptByAdminsPlugin), and a changed name is
 * forgotten here at once.
 */
@Service
public class PeopleNames {

	private static final long KEEP_NANOS = TimeUnit.MINUTES.toNanos(5);

	private static final int MAX_KEPT = 10_000;

	/** Longer names are cut (with an ellipsis): a name is one line of a list. */
	static final int MAX_LENGTH = 80;

	private final ObjectProvider<ProcessEngine> engine;

	private final Map<String, Kept> kept = new ConcurrentHashMap<>();

	private record Kept(String name, long until) {
	}

	public PeopleNames(ObjectProvider<ProcessEngine> engine) {
		this.engine = engine;
	}

	/**
	 * The names of people (each their login where they have none), in one query for those
	 * not known yet.
	 */
	public Map<String, String> of(Collection<String> userIds) {
		long now = System.nanoTime();
		Map<String, String> names = new HashMap<>();
		List<String> unknown = userIds.stream().filter(Objects::nonNull).distinct().filter(id -> {
			Kept known = this.kept.get(id);
			if (known != null && now - known.until() < 0) {
				names.put(id, known.name());
				return false;
			}
			return true;
		}).toList();
		if (!unknown.isEmpty()) {
			Map<String, String> found = new HashMap<>();
			for (User user : users(unknown)) {
				String name = shown(
						Objects.toString(user.getFirstName(), "") + " " + Objects.toString(user.getLastName(), ""));
				found.put(user.getId(), name.isEmpty() ? shown(user.getId()) : name);
			}
			if (this.kept.size() > MAX_KEPT) {
				this.kept.clear();
			}
			for (String id : unknown) {
				String name = found.getOrDefault(id, shown(id));
				names.put(id, name);
				this.kept.put(id, new Kept(name, now + KEEP_NANOS));
			}
		}
		return names;
	}

	/** One person's name (their login where they have none); null for nobody. */
	public String of(String userId) {
		return (userId == null) ? null : of(List.of(userId)).get(userId);
	}

	/** Reads this person's name again the next time it is shown (it was changed). */
	public void forget(String userId) {
		this.kept.remove(userId);
	}

	/**
	 * A name as one line of plain words: line breaks, control, invisible and
	 * direction-changing characters become spaces (a name must neither start a line of
	 * its own on a form nor turn the text after it around), whitespace is collapsed.
	 */
	static String shown(String name) {
		StringBuilder out = new StringBuilder();
		name.codePoints().forEach(c -> {
			int type = Character.getType(c);
			boolean invisible = Character.isISOControl(c) || type == Character.LINE_SEPARATOR
					|| type == Character.PARAGRAPH_SEPARATOR || type == Character.FORMAT;
			out.appendCodePoint(invisible ? ' ' : c);
		});
		String line = out.toString().replaceAll("(?U)\\s+", " ").strip();
		return line.codePointCount(0, line.length()) <= MAX_LENGTH ? line
				: line.substring(0, line.offsetByCodePoints(0, MAX_LENGTH - 1)).strip() + "…";
	}

	/**
	 * The users, read as the application: a reporter may not list users, but reads the
	 * names of the people on their case.
	 */
	private List<User> users(List<String> ids) {
		ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) this.engine.getObject()
			.getProcessEngineConfiguration();
		return configuration.getCommandExecutorTxRequired()
			.execute(context -> context.runWithoutAuthorization(() -> context.getReadOnlyIdentityProvider()
				.createUserQuery(context)
				.userIdIn(ids.toArray(String[]::new))
				.list()));
	}

}
