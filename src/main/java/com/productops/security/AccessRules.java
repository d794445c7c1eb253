package com.productops.security;

import static org.camunda.bpm.engine.authorization.Permissions.ACCESS;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE_INSTANCE;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Permissions.READ_HISTORY;
import static org.camunda.bpm.engine.authorization.Permissions.READ_INSTANCE;
import static org.camunda.bpm.engine.authorization.Permissions.UPDATE;
import static org.camunda.bpm.engine.authorization.Permissions.UPDATE_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.APPLICATION;
import static org.camunda.bpm.engine.authorization.Resources.DECISION_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.DECISION_REQUIREMENTS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.DEPLOYMENT;
import static org.camunda.bpm.engine.authorization.Resources.FILTER;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.TASK;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import com.productops.loop.ProductOpsLoop;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;

/**
 * Who may do what, as one table: group → resource → permissions. Created at start-up by
 * {@link AccessGrants}.
 *
 * <p>
 * What the table does not say, because the engine or the loop grants it per case or per
 * task:
 * <ul>
 * <li>a task's candidate group and assignee may read and complete that task (the engine's
 * default task grants) - so a PM group sees only the decisions of its own area, and a
 * reporter only the questions about their own reports;</li>
 * <li>the reporter may read their own case and its history ({@link CaseAccess}, granted
 * when the case is registered);</li>
 * <li>{@code camunda-admin} has every permission on every resource (the starter's admin
 * user set-up); only admins may deploy, create filters or manage users and grants.</li>
 * </ul>
 */
public final class AccessRules {

	public static final String OPS = "ops";

	public static final String PRODUCT_OPS = "product-ops";

	public static final String LEADS = "leads";

	public static final String ADMINS = "camunda-admin";

	/**
	 * Technical users of scripts that post metric readings
	 * (/api/cases/{caseNumber}/metrics); no web app access.
	 */
	public static final String METRIC_FEEDS = "metric-feeds";

	/**
	 * Technical users of delivery tools that report shipped work (the DeliveryShipped
	 * message, see LoopBoundary); no web app access.
	 */
	public static final String INTEGRATIONS = "integrations";

	/** Every PM candidate group the ReportRouting table can return. */
	public static final List<String> PM_GROUPS = List.of("pm-supply", "pm-dispatch", "pm-payments", "pm-core");

	private static final String LOOP = ProductOpsLoop.PROCESS_KEY;

	/** Works the cases or audits them: Product Ops, the PMs, leads, admins. */
	public static boolean worksCases(Collection<String> groups) {
		return groups.contains(ADMINS) || groups.contains(PRODUCT_OPS) || groups.contains(LEADS)
				|| groups.stream().anyMatch(PM_GROUPS::contains);
	}

	private static final String ALL = "*";

	public record Grant(String group, Resource resource, String resourceId, List<Permission> permissions) {
	}

	public static List<Grant> table() {
		List<Grant> grants = new ArrayList<>();
		// ops: file reports from Tasklist; answer questions about their own reports
		grants.add(grant(OPS, APPLICATION, "tasklist", ACCESS));
		grants.add(grant(OPS, FILTER, ALL, READ));
		grants.add(grant(OPS, PROCESS_DEFINITION, LOOP, READ, CREATE_INSTANCE));
		grants.add(grant(OPS, PROCESS_INSTANCE, ALL, CREATE));

		// Product Ops: triage and verification; read every case and its history (moving a
		// case outside its tasks is
		// for admins: LoopBoundary)
		grants.add(grant(PRODUCT_OPS, APPLICATION, "tasklist", ACCESS));
		grants.add(grant(PRODUCT_OPS, FILTER, ALL, READ));
		grants.add(grant(PRODUCT_OPS, PROCESS_DEFINITION, LOOP, READ, CREATE_INSTANCE, READ_INSTANCE, READ_HISTORY));
		grants.add(grant(PRODUCT_OPS, PROCESS_INSTANCE, ALL, CREATE));

		// PMs: their area's decisions and shipping confirmations (task grants), the
		// process diagram
		for (String pmGroup : PM_GROUPS) {
			grants.add(grant(pmGroup, APPLICATION, "tasklist", ACCESS));
			grants.add(grant(pmGroup, FILTER, ALL, READ));
			grants.add(grant(pmGroup, PROCESS_DEFINITION, LOOP, READ));
		}

		// integrations: report shipped work for any case of the loop, read none
		// (correlating
		// a message needs UPDATE only)
		grants.add(grant(INTEGRATIONS, PROCESS_DEFINITION, LOOP, READ, UPDATE_INSTANCE));
		grants.add(grant(INTEGRATIONS, PROCESS_INSTANCE, ALL, UPDATE));

		// leads: audit everything in Cockpit, change nothing (a lead who logs into
		// Tasklist is taken to Cockpit)
		grants.add(grant(LEADS, APPLICATION, "cockpit", ACCESS));
		grants.add(grant(LEADS, APPLICATION, "tasklist", ACCESS));
		grants.add(grant(LEADS, PROCESS_DEFINITION, ALL, READ, READ_INSTANCE, READ_HISTORY));
		grants.add(grant(LEADS, PROCESS_INSTANCE, ALL, READ));
		grants.add(grant(LEADS, TASK, ALL, READ));
		grants.add(grant(LEADS, DECISION_DEFINITION, ALL, READ, READ_HISTORY));
		grants.add(grant(LEADS, DECISION_REQUIREMENTS_DEFINITION, ALL, READ));
		grants.add(grant(LEADS, DEPLOYMENT, ALL, READ));
		return grants;
	}

	/**
	 * Where a person's work is: the page the web apps take them to after logging in
	 * (null: the welcome page).
	 */
	public static String home(List<String> groups) {
		if (groups.contains(ADMINS)) {
			return null;
		}
		if (groups.contains(LEADS)) {
			return "/camunda/app/cockpit/default/#/product-ops";
		}
		if (groups.contains(PRODUCT_OPS) || groups.stream().anyMatch(PM_GROUPS::contains)) {
			return "/camunda/app/tasklist/default/";
		}
		return groups.contains(OPS) ? "/cases" : null;
	}

	private static Grant grant(String group, Resource resource, String resourceId, Permission... permissions) {
		return new Grant(group, resource, resourceId, List.of(permissions));
	}

	private AccessRules() {
	}

}
