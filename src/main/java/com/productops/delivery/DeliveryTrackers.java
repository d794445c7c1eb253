package com.productops.delivery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.productops.integration.JsonHttp;
import org.springframework.stereotype.Component;

/**
 * Which tracker each product team (PM group) uses, from {@link DeliveryProperties};
 * checked at start-up, so that a missing repository or token stops the application with a
 * clear message instead of failing on the first case. The BPMN asks
 * {@code deliveryTrackers.isTracked(pmGroup)} whether a ticket is opened.
 */
@Component("deliveryTrackers")
public class DeliveryTrackers {

	static final String NONE = "none";

	private final DeliveryProperties properties;

	private final Map<String, DeliveryTracker> trackers = new LinkedHashMap<>();

	public DeliveryTrackers(DeliveryProperties properties) {
		this.properties = properties;
		List<String> problems = new ArrayList<>();
		for (String kind : kindsInUse()) {
			switch (kind) {
				case NONE -> {
				}
				case "github" -> {
					var github = properties.github();
					require(problems, github.repository().matches("[\\w.-]+/[\\w.-]+"),
							"productops.delivery.github.repository must be owner/name (got '" + github.repository()
									+ "')");
					require(problems, !github.token().isBlank(),
							"productops.delivery.github.token is empty: set PRODUCTOPS_GITHUB_TOKEN");
					this.trackers.put(kind, new GitHubTracker(github, new JsonHttp("GitHub", properties.timeout())));
				}
				case "jira" -> {
					var jira = properties.jira();
					require(problems, jira.url().startsWith("http"),
							"productops.delivery.jira.url must be the Jira site URL");
					require(problems, !jira.project().isBlank(), "productops.delivery.jira.project is empty");
					require(problems, jira.apiVersion() == 2 || jira.apiVersion() == 3,
							"productops.delivery.jira.api-version must be 2 or 3");
					require(problems, !jira.token().isBlank(),
							"productops.delivery.jira.token is empty: set PRODUCTOPS_JIRA_TOKEN");
					this.trackers.put(kind, new JiraTracker(jira, new JsonHttp("Jira", properties.timeout())));
				}
				default -> problems.add("unknown delivery tracker '" + kind + "' (use none, github or jira)");
			}
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException("Delivery tracker configuration: " + String.join("; ", problems));
		}
	}

	/**
	 * Whether the PM group's deliveries are tracked in GitHub or Jira (else the PM
	 * confirms shipping in Tasklist).
	 */
	public boolean isTracked(String pmGroup) {
		return tracker(pmGroup).isPresent();
	}

	public Optional<DeliveryTracker> tracker(String pmGroup) {
		return Optional.ofNullable(this.trackers.get(kindOf(pmGroup)));
	}

	public String retryCycle() {
		return this.properties.retryCycle();
	}

	private String kindOf(String pmGroup) {
		return this.properties.teams()
			.getOrDefault(pmGroup, this.properties.tracker())
			.strip()
			.toLowerCase(Locale.ROOT);
	}

	private List<String> kindsInUse() {
		List<String> kinds = new ArrayList<>();
		kinds.add(this.properties.tracker().strip().toLowerCase(Locale.ROOT));
		this.properties.teams().values().forEach(kind -> kinds.add(kind.strip().toLowerCase(Locale.ROOT)));
		return kinds.stream().distinct().toList();
	}

	private static void require(List<String> problems, boolean condition, String problem) {
		if (!condition) {
			problems.add(problem);
		}
	}

}
