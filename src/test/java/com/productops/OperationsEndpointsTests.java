package com.productops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Health for load balancers (public) and the loop's metrics for Prometheus (leads and
 * admins only).
 */
class OperationsEndpointsTests extends RunningApplicationTests {

	final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	ProcessEngine engine;

	@Test
	void productionEngineSettingsAreInEffect() {
		var configuration = (ProcessEngineConfigurationImpl) this.engine.getProcessEngineConfiguration();
		assertThat(configuration.getIdGenerator()).isInstanceOf(StrongUuidGenerator.class);
		assertThat(configuration.getHostname()).isNotBlank();
		assertThat(configuration.getFailedJobRetryTimeCycle()).isEqualTo("R3/PT5M");
		assertThat(configuration.getHistoryTimeToLive()).isEqualTo("P730D");
		assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
		assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");
		assertThat(configuration.getHistoryCleanupStrategy()).isEqualTo("removalTimeBased");
		assertThat(configuration.isEnforceHistoryTimeToLive()).isTrue();
		assertThat(configuration.getHistory()).isEqualTo("full");
	}

	/**
	 * Cases started on a definition deployed before the delegates were named after their
	 * steps still find them.
	 */
	@Test
	void formerDelegateNamesStillResolve(@Autowired ApplicationContext context) {
		assertThat(context.getBean("suggestDuplicatesDelegate")).isSameAs(context.getBean("findDuplicatesDelegate"));
		assertThat(context.getBean("mergeDuplicateDelegate")).isSameAs(context.getBean("mergeIntoOriginalDelegate"));
	}

	@Test
	void healthIsPublicAndCoversDatabaseAndJobExecutor() throws Exception {
		HttpResponse<String> health = get("/actuator/health", null);
		assertThat(health.statusCode()).isEqualTo(200);
		// no details in public
		assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("components");
		assertThat(get("/actuator/health/liveness", null).body()).contains("\"status\":\"UP\"");
		assertThat(get("/actuator/health/readiness", null).body()).contains("\"status\":\"UP\"");
	}

	@Test
	void metricsNeedALeadOrAnAdmin() throws Exception {
		driver().file("olivia",
				new HashMap<>(Map.of("title", "Metrics probe: zone map is slow", "area", "DISPATCH", "description",
						"Slow", "frequency", "DAILY", "peopleAffectedPerWeek", 5, "hoursLostPerWeek", 1, "urgency",
						"LOW")));

		assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
		assertThat(get("/actuator/prometheus", "olivia").statusCode()).isEqualTo(403);
		HttpResponse<String> metrics = get("/actuator/prometheus", "lee");
		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).containsPattern("productops_cases_open [1-9]")
			.containsPattern("productops_tasks_open\\{task=\"Task_TriageReport\"} [1-9]")
			.contains("productops_cases_closed{outcome=\"WORKING\"}", "productops_jobs_backlog",
					"productops_incidents_open");
	}

	private HttpResponse<String> get(String path, String user) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (user != null) {
			request.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString((user + ":" + EngineRestClient.DEMO_PASSWORD).getBytes(StandardCharsets.UTF_8)));
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
