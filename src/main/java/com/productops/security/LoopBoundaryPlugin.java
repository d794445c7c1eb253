package com.productops.security;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.function.Supplier;

import com.productops.input.StepFields;
import com.productops.input.StepInputs;
import com.productops.intake.DuplicateFinder;
import com.productops.loop.CaseLock;
import com.productops.loop.PeopleNames;
import com.productops.verification.MetricReadings;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Puts {@link LoopBoundary} in front of every command of the engine. */
@Component
public class LoopBoundaryPlugin extends AbstractProcessEnginePlugin {

	private final Supplier<StepInputs> inputs;

	private final StepFields fields;

	private final Supplier<DuplicateFinder> suggestions;

	private final Supplier<ZoneId> zone;

	private final Supplier<PeopleNames> people;

	private final Supplier<CaseLock> lock;

	private final Supplier<MetricReadings> readings;

	// the input rules use engine services, so they are looked up when the first command
	// runs, not now
	LoopBoundaryPlugin(ObjectProvider<StepInputs> inputs, StepFields fields,
			ObjectProvider<DuplicateFinder> suggestions, ObjectProvider<ZoneId> zone,
			ObjectProvider<PeopleNames> people, ObjectProvider<CaseLock> lock,
			ObjectProvider<MetricReadings> readings) {
		this.readings = readings::getObject;
		this.people = people::getObject;
		this.lock = lock::getObject;
		this.inputs = inputs::getObject;
		this.fields = fields;
		this.suggestions = suggestions::getObject;
		this.zone = zone::getObject;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
			configuration.setCustomPreCommandInterceptorsTxRequired(new ArrayList<CommandInterceptor>());
		}
		configuration.getCustomPreCommandInterceptorsTxRequired()
			.add(new LoopBoundary(configuration, this.inputs, this.fields, this.suggestions, this.zone, this.people,
					this.lock, this.readings));
	}

}
