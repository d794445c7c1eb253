package com.productops.ops;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Part of readiness: a node whose job executor should run but does not would leave timers
 * and sends undone.
 */
// replaces the starter's, which needs a running job executor bean
@Component("jobExecutorHealthIndicator")
class JobExecutorHealth implements HealthIndicator {

	private final ProcessEngine engine;

	private final boolean enabled;

	JobExecutorHealth(ProcessEngine engine, @Value("${camunda.bpm.job-execution.enabled:true}") boolean enabled) {
		this.engine = engine;
		this.enabled = enabled;
	}

	@Override
	public Health health() {
		if (!this.enabled) {
			return Health.up().withDetail("jobExecutor", "disabled by configuration").build();
		}
		JobExecutor executor = ((ProcessEngineConfigurationImpl) this.engine.getProcessEngineConfiguration())
			.getJobExecutor();
		return (executor != null && executor.isActive()) ? Health.up().build()
				: Health.down().withDetail("jobExecutor", "not running").build();
	}

}
