package com.productops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.productops.loop.ProductOpsLoop;
import com.productops.notify.Notification;
import com.productops.notify.NotificationBatches;
import com.productops.notify.NotificationContent;
import com.productops.notify.NotificationJobs;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ByteArrayEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Notifications against a real SMTP server (GreenMail) and a real HTTP endpoint for
 * webhooks: who gets which mail at every step, the webhook payload and its signature, and
 * what happens when the mail server or a webhook is down. The application's job executor
 * is off in tests; each test runs the notification jobs itself.
 */
class NotificationTests extends RunningApplicationTests {

	final ObjectMapper json = new ObjectMapper();

	GreenMail smtp;

	HttpServer webhookServer;

	final List<Hook> hooks = new CopyOnWriteArrayList<>();

	volatile int webhookStatus = 200;

	@Autowired
	NotificationJobs notifications;

	@Autowired
	NotificationBatches batches;

	@Autowired
	HistoryService history;

	@Autowired
	ProcessEngineConfigurationImpl engineConfiguration;

	record Hook(String event, String signature, String delivery, String body) {
	}

	@BeforeEach
	void servers() throws IOException {
		this.smtp = new GreenMail(new ServerSetup(SMTP_PORT, "localhost", ServerSetup.PROTOCOL_SMTP));
		this.smtp.start();
		this.webhookServer = HttpServer.create(new InetSocketAddress("localhost", WEBHOOK_PORT), 0);
		this.webhookServer.createContext("/hooks/product-ops", exchange -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			this.hooks.add(new Hook(exchange.getRequestHeaders().getFirst("X-ProductOps-Event"),
					exchange.getRequestHeaders().getFirst("X-ProductOps-Signature"),
					exchange.getRequestHeaders().getFirst("X-ProductOps-Delivery"), body));
			exchange.sendResponseHeaders(this.webhookStatus, -1);
			exchange.close();
		});
		this.webhookServer.start();
	}

	@AfterEach
	void stopServers() {
		this.smtp.stop();
		this.webhookServer.stop(0);
	}

	@Test
	void everyoneHearsAboutEveryStep() throws Exception {
		ProcessInstance report = file("olivia", "Couriers see the wrong tip amount", "PAYMENTS");
		String number = report.getBusinessKey();
		deliverNotifications(number);
		assertMail("olivia", "[" + number + "] We received your report: Couriers see the wrong tip amount", number,
				"priority P3");
		assertMail("priya", "[" + number + "] Triage report: Couriers see the wrong tip amount", "?task=");

		complete(report, "priya",
				Map.of("triageOutcome", "NEEDS_INFO", "triageNote", "Which city and which app version?"));
		deliverNotifications(number);
		assertMail("olivia", "[" + number + "] Product Ops needs more information: Couriers see the wrong tip amount",
				"Which city and which app version?");

		complete(report, "olivia", Map.of("moreInfo", "Berlin, app 5.2"));
		complete(report, "priya", Map.of("triageOutcome", "ACCEPT"));
		deliverNotifications(number);
		assertMail("pablo", "[" + number + "] Decide on report: Couriers see the wrong tip amount", "due");

		// a duplicate: its reporter is told where it went, and follows the original from
		// then on
		ProcessInstance duplicate = file("otto", "Tip amount wrong for couriers", "PAYMENTS");
		complete(duplicate, "priya", Map.of("triageOutcome", "DUPLICATE", "duplicateOf", number));
		deliverNotifications(duplicate.getBusinessKey());
		assertMail("otto",
				"[" + duplicate.getBusinessKey() + "] Merged into " + number + ": Tip amount wrong for couriers",
				"Couriers see the wrong tip amount");

		complete(report, "pablo",
				Map.of("pmDecision", "BUILD", "decisionRationale", "Couriers lose trust in tips", "successMetric",
						"Tip complaints per week", "metricDirection", "DECREASE", "baselineValue", 50, "targetValue", 5,
						"verificationWindow", "P14D"));
		deliverNotifications(number);
		for (String reporter : List.of("olivia", "otto")) {
			assertMail(reporter, "[" + number + "] Decision: we build it - Couriers see the wrong tip amount",
					"Couriers lose trust in tips", "Tip complaints per week from 50 to 5,");
		}

		complete(report, "pablo", Map.of("deliveryRef", "https://git.example/pr/42"));
		deliverNotifications(number);
		assertMail("olivia", "[" + number + "] Shipped: Couriers see the wrong tip amount",
				"https://git.example/pr/42");

		recordReading(report.getId(), 20);
		fireTimer(report);
		complete(report, "priya", Map.of("verificationOutcome", "NOT_WORKING", "verificationNote", "Still 20 a week"));
		deliverNotifications(number);
		assertMail("olivia", "[" + number + "] Re-opened: Couriers see the wrong tip amount", "Still 20 a week",
				"iteration 2");

		complete(report, "pablo", Map.of("pmDecision", "WONT_DO", "decisionRationale", "Tips move to the new wallet"));
		deliverNotifications(number);
		assertMail("otto", "[" + number + "] Decision: we won't do it - Couriers see the wrong tip amount",
				"Tips move to the new wallet");

		// every notification went to the webhook too, signed
		assertThat(this.hooks).extracting(Hook::event)
			.contains("RECEIVED", "TASK_CREATED", "NEEDS_INFO", "DUPLICATE", "DECIDED", "SHIPPED", "REOPENED");
		Hook shipped = this.hooks.stream().filter(h -> "SHIPPED".equals(h.event())).findFirst().orElseThrow();
		assertThat(shipped.signature()).isEqualTo("sha256=" + hmac(shipped.body()));
		// each notification has its own delivery id, so that a receiver can drop a
		// retried one it already has
		assertThat(this.hooks).extracting(Hook::delivery).doesNotContainNull().doesNotHaveDuplicates();
		JsonNode payload = this.json.readTree(shipped.body());
		assertThat(payload.get("caseNumber").asText()).isEqualTo(number);
		assertThat(payload.at("/case/deliveryRef").asText()).isEqualTo("https://git.example/pr/42");
		// the case's business fields, and nothing else (no metric query, no bookkeeping)
		List<String> fields = new ArrayList<>();
		payload.get("case").fieldNames().forEachRemaining(fields::add);
		assertThat(fields).contains("title", "area", "pmDecision", "successMetric")
			.allSatisfy(field -> assertThat(NotificationContent.WEBHOOK_FIELDS).contains(field));
		assertThat(payload.get("recipients").toString()).contains("olivia", "otto");
	}

	@Test
	void rejectedWorkingAndUnansweredCasesAreTold() throws Exception {
		ProcessInstance rejected = file("olivia", "Rename the dispatch board", "DISPATCH");
		complete(rejected, "priya", Map.of("triageOutcome", "REJECT", "triageNote", "Naming is branding"));
		deliverNotifications(rejected.getBusinessKey());
		assertMail("olivia", "[" + rejected.getBusinessKey() + "] Not taken forward: Rename the dispatch board",
				"Naming is branding");

		ProcessInstance silent = file("olivia", "Payouts arrive late on Mondays", "PAYMENTS");
		complete(silent, "priya", Map.of("triageOutcome", "NEEDS_INFO", "triageNote", "Which bank?"));
		fireTimer(silent, "Timer_MoreInfoReminder");
		deliverNotifications(silent.getBusinessKey());
		assertMail("olivia",
				"[" + silent.getBusinessKey() + "] Due now: Provide more information - Payouts arrive late on Mondays",
				"?task=");
		fireTimer(silent, "Timer_NoResponse");
		deliverNotifications(silent.getBusinessKey());
		assertMail("olivia",
				"[" + silent.getBusinessKey() + "] Closed without an answer: Payouts arrive late on Mondays",
				"Which bank?");

		ProcessInstance later = file("olivia", "Bulk-edit courier zones", "DISPATCH");
		complete(later, "priya", Map.of("triageOutcome", "ACCEPT"));
		complete(later, "dana", Map.of("pmDecision", "BACKLOG", "decisionRationale", "After the zone redesign",
				"revisitOn", "2027-03-01"));
		deliverNotifications(later.getBusinessKey());
		assertMail("olivia", "[" + later.getBusinessKey() + "] Decision: in the backlog - Bulk-edit courier zones",
				"After the zone redesign", "again on 1 Mar 2027",
				// the link's host follows server.port (random in these tests) unless a
				// base URL is set
				"Follow your case: http://localhost:0/cases/" + later.getBusinessKey());

		ProcessInstance works = file("olivia", "Support search misses refunds", "SUPPORT");
		complete(works, "priya", Map.of("triageOutcome", "ACCEPT"));
		complete(works, "cora",
				Map.of("pmDecision", "BUILD", "decisionRationale", "Saves 10 h a week", "successMetric",
						"Minutes to find a refund", "metricDirection", "DECREASE", "baselineValue", 6, "targetValue", 2,
						"verificationWindow", "P7D"));
		complete(works, "cora", Map.of("deliveryRef", "release-12"));
		recordReading(works.getId(), 1.5);
		fireTimer(works);
		complete(works, "priya", Map.of("verificationOutcome", "WORKING", "verificationNote", "1.5 minutes now"));
		deliverNotifications(works.getBusinessKey());
		assertMail("olivia", "[" + works.getBusinessKey() + "] Verified working: Support search misses refunds",
				"1.5 minutes now", "reached 1.5");
	}

	@Test
	void dueTasksRemindTheirGroupAndOverdueTasksGoToTheLeads() throws Exception {
		ProcessInstance report = file("olivia", "Dispatch radius ignores rivers", "DISPATCH");
		fireTimer(report, "Timer_TriageDue");
		deliverNotifications(report.getBusinessKey());
		assertMail("priya", "[" + report.getBusinessKey() + "] Due now: Triage report - Dispatch radius ignores rivers",
				"is due now", "escalated to the leads");

		fireTimer(report, "Timer_TriageOverdue");
		deliverNotifications(report.getBusinessKey());
		assertMail("lee", "[" + report.getBusinessKey() + "] Overdue: Triage report - Dispatch radius ignores rivers",
				"It waits for: Product Ops");
		// the case is still waiting for triage; the escalation is part of its history
		assertThat(this.tasks.createTaskQuery().processInstanceId(report.getId()).singleResult().getTaskDefinitionKey())
			.isEqualTo(ProductOpsLoop.TASK_TRIAGE);
	}

	@Test
	void aMailServerOutageNeverBlocksOrLosesACase() throws Exception {
		this.smtp.stop();
		ProcessInstance report = file("olivia", "Driver app freezes at checkout", "SUPPLY");

		// the case moved on although nothing could be sent
		assertThat(this.tasks.createTaskQuery().processInstanceId(report.getId()).singleResult().getTaskDefinitionKey())
			.isEqualTo(ProductOpsLoop.TASK_TRIAGE);
		Job mail = mailJobs(report.getBusinessKey()).get(0);
		for (int attempt = 1; attempt <= 3; attempt++) {
			String id = mail.getId();
			assertThatThrownBy(() -> this.management.executeJob(id))
				.hasMessageContaining("Mail server connection failed");
			mail = this.management.createJobQuery().jobId(id).singleResult();
			assertThat(mail.getRetries()).isEqualTo(3 - attempt);
			if (attempt < 3) {
				// the next attempt after the retry cycle's pause (R3/PT5M), not at once
				assertThat(mail.getDuedate()).isAfter(Date.from(Instant.now().plusSeconds(240)));
			}
		}
		// the incident is on the case, where Cockpit shows it with its "Retry"
		Incident incident = this.runtime.createIncidentQuery().configuration(mail.getId()).singleResult();
		assertThat(incident.getIncidentMessage()).contains("Mail server connection failed");
		assertThat(incident.getProcessInstanceId()).isEqualTo(report.getId());
		assertThat(this.runtime.createIncidentQuery().processInstanceId(report.getId()).count()).isOne();
		complete(report, "priya", Map.of("triageOutcome", "ACCEPT"));

		// the server is back: an operator retries the incident (Cockpit: "Retry") and the
		// mail goes out
		this.smtp = new GreenMail(new ServerSetup(SMTP_PORT, "localhost", ServerSetup.PROTOCOL_SMTP));
		this.smtp.start();
		this.management.setJobRetries(mail.getId(), 1);
		this.management.executeJob(mail.getId());
		assertMail("olivia",
				"[" + report.getBusinessKey() + "] We received your report: Driver app freezes at checkout");
		assertThat(this.runtime.createIncidentQuery().incidentId(incident.getId()).count()).isZero();
	}

	/**
	 * A case with a notification that could not be sent still ends, and can be deleted;
	 * the incident stays (on the loop's definition) with its "Retry".
	 */
	@Test
	void aCaseWithAnUnsentNotificationStillEnds() throws Exception {
		this.smtp.stop();
		ProcessInstance rejected = file("olivia", "Label printer offline at depot", "SUPPLY");
		ProcessInstance deleted = file("olivia", "Label printer offline at hub", "SUPPLY");
		for (ProcessInstance report : List.of(rejected, deleted)) {
			String id = mailJobs(report.getBusinessKey()).get(0).getId();
			for (int attempt = 1; attempt <= 3; attempt++) {
				assertThatThrownBy(() -> this.management.executeJob(id)).isInstanceOf(RuntimeException.class);
			}
			assertThat(this.runtime.createIncidentQuery().processInstanceId(report.getId()).count()).isOne();
		}

		complete(rejected, "priya", Map.of("triageOutcome", "REJECT", "triageNote", "Not a product problem"));
		this.runtime.deleteProcessInstance(deleted.getId(), "withdrawn by the reporter");

		for (ProcessInstance report : List.of(rejected, deleted)) {
			assertThat(this.runtime.createProcessInstanceQuery().processInstanceId(report.getId()).count()).isZero();
			String id = mailJobs(report.getBusinessKey()).get(0).getId();
			Incident incident = this.runtime.createIncidentQuery().configuration(id).singleResult();
			assertThat(incident.getProcessDefinitionId()).isEqualTo(rejected.getProcessDefinitionId());
		}
		this.smtp = new GreenMail(new ServerSetup(SMTP_PORT, "localhost", ServerSetup.PROTOCOL_SMTP));
		this.smtp.start();
	}

	/**
	 * A step's mails go out in one job; when one of them fails, the others still go out,
	 * and the next attempt sends only the failed one.
	 */
	@Test
	void aFailedMailHoldsUpNoOtherAndIsRetriedAlone() throws Exception {
		for (String bad : List.of("priya", "olivia")) {
			User user = this.identity.createUserQuery().userId(bad).singleResult();
			String address = user.getEmail();
			user.setEmail(bad + "@@productops.example");
			this.identity.saveUser(user);
			try {
				String title = "Refund notes lost on resubmit, " + bad + " unreachable";
				ProcessInstance report = file("olivia", title, "PAYMENTS");
				String number = report.getBusinessKey();
				String receipt = "[" + number + "] We received your report: " + title;
				String triage = "[" + number + "] Triage report: " + title;
				List<Job> mails = mailJobs(number);
				// the reporter's receipt and the triagers' task, in the order they
				// happened
				assertThat(mails).hasSize(1);
				String id = mails.get(0).getId();
				assertThatThrownBy(() -> this.management.executeJob(id))
					.hasMessageContaining(bad + "@@productops.example")
					.hasMessageContaining(bad.equals("olivia") ? receipt : triage);
				// the other one went out; the job keeps the failed one
				assertMail(bad.equals("olivia") ? "priya" : "olivia", bad.equals("olivia") ? triage : receipt);
				String failedEvent = bad.equals("olivia") ? "RECEIVED" : "TASK_CREATED";
				String sentEvent = bad.equals("olivia") ? "TASK_CREATED" : "RECEIVED";
				assertThat(jobs(number + ":" + sentEvent, Notification.MAIL)).isEmpty();
				assertThat(jobs(number + ":" + failedEvent, Notification.MAIL)).extracting(Job::getId)
					.containsExactly(id);

				// the next attempt fails again (the address was rendered into the mail),
				// and the other mail is not sent twice
				assertThatThrownBy(() -> this.management.executeJob(id)).isInstanceOf(RuntimeException.class);
				assertMail(bad.equals("olivia") ? "priya" : "olivia", bad.equals("olivia") ? triage : receipt);
				assertThat(this.management.createJobQuery().jobId(id).singleResult().getRetries()).isOne();
			}
			finally {
				user.setEmail(address);
				this.identity.saveUser(user);
			}
		}
	}

	@Test
	void aFailingWebhookIsRetriedAndBlocksNothing() throws Exception {
		this.webhookStatus = 500;
		ProcessInstance report = file("olivia", "Webhook probe: dispatch zones overlap", "DISPATCH");
		// the RECEIVED notification's call (the triage task has a notification of its
		// own)
		List<Job> hookJobs = jobs(report.getBusinessKey() + ":RECEIVED", Notification.WEBHOOK);
		assertThat(hookJobs).hasSize(1);
		Job hook = hookJobs.get(0);
		assertThatThrownBy(() -> this.management.executeJob(hook.getId())).hasMessageContaining("answered 500");
		assertThat(this.management.createJobQuery().jobId(hook.getId()).singleResult().getRetries()).isEqualTo(2);

		// the mail of the same event and the case are not held up
		deliverMail(report.getBusinessKey());
		assertMail("olivia",
				"[" + report.getBusinessKey() + "] We received your report: Webhook probe: dispatch zones overlap");
		assertThat(this.tasks.createTaskQuery().processInstanceId(report.getId()).count()).isOne();

		this.webhookStatus = 200;
		this.management.executeJob(hook.getId());
		assertThat(this.hooks).extracting(Hook::event).contains("RECEIVED");
	}

	/**
	 * What the node does with mails: every half second one transaction sends the mail
	 * jobs of all cases added since (NotificationBatches), each logged as the job
	 * executor would log it; a failed one becomes the job executor's, with its retry
	 * cycle; so does one no batch took within its minute. Webhook calls are the job
	 * executor's at once.
	 */
	@Test
	void theMailsOfManyCasesGoOutInOneBatch() throws Exception {
		sendAllBatches();
		ProcessInstance first = file("olivia", "Batch probe: ETA jumps after reroute", "DISPATCH");
		ProcessInstance second = file("otto", "Batch probe: courier map blank", "DISPATCH");
		// a step's mails in one job (the reporter's receipt, the triagers' task)
		List<Job> mails = new ArrayList<>(mailJobs(first.getBusinessKey()));
		assertThat(mails).hasSize(1);
		mails.addAll(mailJobs(second.getBusinessKey()));
		List<String> mailIds = mails.stream().map(Job::getId).toList();
		assertThat(mails)
			.allSatisfy(job -> assertThat(job.getDuedate()).isAfter(Date.from(Instant.now().plusSeconds(50)))
				.isBefore(Date.from(Instant.now().plusSeconds(61))));
		List<String> executable = this.management.createJobQuery()
			.executable()
			.list()
			.stream()
			.map(Job::getId)
			.toList();
		assertThat(executable).doesNotContainAnyElementsOf(mailIds);
		// every webhook call a job of its own, for the job executor now
		List<Job> calls = jobs(first.getBusinessKey(), Notification.WEBHOOK);
		assertThat(calls).hasSizeGreaterThan(1);
		assertThat(executable).containsAll(calls.stream().map(Job::getId).toList());

		assertThat(this.batches.send()).isEqualTo(mails.size());
		assertThat(this.management.createJobQuery().jobIds(new HashSet<>(mailIds)).count()).isZero();
		assertMail("olivia",
				"[" + first.getBusinessKey() + "] We received your report: Batch probe: ETA jumps after reroute");
		assertMail("otto", "[" + second.getBusinessKey() + "] We received your report: Batch probe: courier map blank");
		assertMail("priya", "[" + second.getBusinessKey() + "] Triage report: Batch probe: courier map blank");
		for (String id : mailIds) {
			assertThat(this.history.createHistoricJobLogQuery().jobId(id).successLog().count()).as("job log of %s", id)
				.isOne();
		}
		assertThat(jobs(first.getBusinessKey(), Notification.WEBHOOK)).hasSameSizeAs(calls);

		// a failed send is the job executor's from then on (retries, then the incident)
		User user = this.identity.createUserQuery().userId("otto").singleResult();
		String address = user.getEmail();
		user.setEmail("otto@@productops.example");
		this.identity.saveUser(user);
		try {
			ProcessInstance third = file("otto", "Batch probe: payout screen empty", "PAYMENTS");
			Job mail = mailJobs(third.getBusinessKey()).get(0);
			sendAllBatches();
			Job failed = this.management.createJobQuery().jobId(mail.getId()).singleResult();
			assertThat(failed.getRetries()).isEqualTo(2);
			assertThat(failed.getExceptionMessage()).contains("otto@@productops.example");
			assertThat(failed.getDuedate()).isAfter(Date.from(Instant.now().plusSeconds(240)));
			assertThat(this.history.createHistoricJobLogQuery().jobId(mail.getId()).failureLog().count()).isOne();
			// the triagers' mail of the same job went out
			assertMail("priya", "[" + third.getBusinessKey() + "] Triage report: Batch probe: payout screen empty");
		}
		finally {
			user.setEmail(address);
			this.identity.saveUser(user);
		}

		// with less than half its minute left a batch leaves a mail job alone (it
		// must not fall due while a batch holds it); a minute on, it is the job
		// executor's
		ProcessInstance fourth = file("olivia", "Batch probe: refund button greyed out", "PAYMENTS");
		Job late = mailJobs(fourth.getBusinessKey()).get(0);
		Instant added = Instant.now();
		try {
			ClockUtil.setCurrentTime(Date.from(added.plusSeconds(31)));
			assertThat(this.batches.send()).isZero();
			assertThat(this.management.createJobQuery().jobId(late.getId()).executable().count()).isZero();
			ClockUtil.setCurrentTime(Date.from(added.plusSeconds(61)));
			assertThat(this.batches.send()).isZero();
			assertThat(this.management.createJobQuery().jobId(late.getId()).executable().count()).isOne();
		}
		finally {
			ClockUtil.reset();
		}
	}

	/**
	 * A case that ended with a notification that cannot be sent (rejected at once while
	 * the mail server is down): the notification's incident is on the loop's definition,
	 * where Cockpit shows it with its "Retry".
	 */
	@Test
	void aNotificationOfAnEndedCaseStillBecomesAnIncident() throws Exception {
		this.smtp.stop();
		ProcessInstance report = file("olivia", "Scanner app logs out at every shift change", "SUPPLY");
		complete(report, "priya", Map.of("triageOutcome", "REJECT", "triageNote", "Handled by IT"));
		assertThat(this.runtime.createProcessInstanceQuery().processInstanceId(report.getId()).count()).isZero();
		List<Job> mails = mailJobs(report.getBusinessKey());
		assertThat(mails).hasSize(2);
		for (Job mail : mails) {
			String id = mail.getId();
			for (int attempt = 1; attempt <= 3; attempt++) {
				assertThatThrownBy(() -> this.management.executeJob(id))
					.hasMessageContaining("Mail server connection failed");
			}
			assertThat(this.management.createJobQuery().jobId(id).singleResult().getRetries()).isZero();
			Incident incident = this.runtime.createIncidentQuery().configuration(id).singleResult();
			assertThat(incident.getProcessInstanceId()).isNull();
			assertThat(incident.getProcessDefinitionId()).isEqualTo(report.getProcessDefinitionId());
			assertThat(incident.getIncidentMessage()).contains("Mail \"[" + report.getBusinessKey() + "]");
		}
		this.smtp = new GreenMail(new ServerSetup(SMTP_PORT, "localhost", ServerSetup.PROTOCOL_SMTP));
		this.smtp.start();
	}

	/** Sends batches until none is left that a batch would take. */
	private void sendAllBatches() {
		int rounds = 0;
		while (this.batches.send() > 0) {
			assertThat(++rounds).as("batches").isLessThan(100);
		}
	}

	private byte[] content(Job job) {
		return this.engineConfiguration.getCommandExecutorTxRequired()
			.execute(command -> command.getDbEntityManager()
				.selectById(ByteArrayEntity.class, ((JobEntity) job).getJobHandlerConfigurationRaw())
				.getBytes());
	}

	// --- helpers
	// ------------------------------------------------------------------------------------------------

	private ProcessInstance file(String reporter, String title, String area) {
		return driver().file(reporter,
				new HashMap<>(
						Map.of("title", title, "area", area, "description", "Notification test: " + title, "frequency",
								"DAILY", "peopleAffectedPerWeek", 40, "hoursLostPerWeek", 8, "urgency", "MEDIUM")));
	}

	private void complete(ProcessInstance instance, String user, Map<String, Object> variables) {
		driver().complete(instance.getId(), user, variables);
	}

	private void fireTimer(ProcessInstance instance) {
		fireTimer(instance, "Timer_VerificationWindow");
	}

	private void fireTimer(ProcessInstance instance, String timerId) {
		Job timer = this.management.createJobQuery()
			.processInstanceId(instance.getId())
			.activityId(timerId)
			.timers()
			.singleResult();
		this.management.executeJob(timer.getId());
	}

	/** Runs every pending send of the case's notifications, as the job executor would. */
	private void deliverNotifications(String caseNumber) {
		jobs(caseNumber, null).forEach(job -> this.management.executeJob(job.getId()));
	}

	private void deliverMail(String caseNumber) {
		mailJobs(caseNumber).forEach(job -> this.management.executeJob(job.getId()));
	}

	private List<Job> mailJobs(String caseNumber) {
		return jobs(caseNumber, Notification.MAIL);
	}

	/**
	 * Pending notification jobs of a case ("OPS-...") or of one of its events
	 * ("OPS-...:EVENT"), over one channel (null: both).
	 */
	private List<Job> jobs(String caseNumberAndEvent, String channel) {
		String[] parts = caseNumberAndEvent.split(":");
		String instance = this.history.createHistoricProcessInstanceQuery()
			.processInstanceBusinessKey(parts[0])
			.singleResult()
			.getId();
		return this.management.createJobQuery().processInstanceId(instance).list().stream().filter(job -> {
			JobEntity entity = (JobEntity) job;
			if (!NotificationJobs.TYPE.equals(entity.getJobHandlerType())) {
				return false;
			}
			return this.notifications.notifications(content(job))
				.stream()
				.anyMatch(notification -> (channel == null || channel.equals(notification.channel()))
						&& (parts.length == 1 || parts[1].equals(notification.event())));
		}).toList();
	}

	/**
	 * The mails delivered to one address (GreenMail keeps a mailbox per recipient, blind
	 * copies included).
	 */
	private List<MimeMessage> mailbox(String address) throws Exception {
		var user = this.smtp.getUserManager().getUserByEmail(address);
		if (user == null) {
			return List.of();
		}
		List<MimeMessage> messages = new ArrayList<>();
		for (var stored : this.smtp.getManagers().getImapHostManager().getInbox(user).getMessages()) {
			messages.add(stored.getMimeMessage());
		}
		return messages;
	}

	/**
	 * Asserts that the user got exactly one mail with this subject, containing these
	 * texts (plain and HTML).
	 */
	private void assertMail(String user, String subject, String... contents) throws Exception {
		String address = user + "@productops.example";
		List<MimeMessage> matching = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		// what reached the user's mailbox (recipients are blind copies: nobody sees the
		// others' addresses)
		for (MimeMessage message : mailbox(address)) {
			assertThat(message.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
				.containsExactly("product-ops@productops.example");
			if (subject.equals(message.getSubject()) && seen.add(message.getMessageID())) {
				matching.add(message);
			}
		}
		assertThat(matching).as("mails to %s with subject '%s' among %s", address, subject, subjects()).hasSize(1);
		MimeMessage mail = matching.get(0);
		assertThat(mail.getFrom()[0].toString()).isEqualTo("product-ops@productops.example");
		String body = GreenMailUtil.getBody(mail).replace("=\r\n", "").replace("=3D", "=");
		for (String content : contents) {
			assertThat(body).as("body of '%s'", subject).contains(content);
		}
		assertThat(body).contains("text/plain").contains("text/html");
		// people read labels, not variable names, codes or ISO durations
		assertThat(RawWords.in(mail.getSubject() + "\n" + body)).as("raw words in '%s'", subject).isEmpty();
	}

	private List<String> subjects() throws Exception {
		List<String> subjects = new ArrayList<>();
		for (MimeMessage message : this.smtp.getReceivedMessages()) {
			subjects.add(Arrays.toString(message.getAllRecipients()) + " " + message.getSubject());
		}
		return subjects;
	}

	private static String hmac(String body) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
	}

}
