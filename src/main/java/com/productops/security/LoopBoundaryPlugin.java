package com.productops.security;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.function.Supplier;

import com.productops.input.StepFields;
import com.productops.input.StepInputs;
import com.productops.intake.DuplicateIndex;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** Puts {@link LoopBoundary} in front of every command of the engine. */
@Component
public class LoopBoundaryPlugin extends AbstractProcessEnginePlugin {

	private final Supplier<StepInputs> inputs;

	private final StepFields fields;

	private final Supplier<DuplicateIndex> suggestions;

	private final Supplier<ZoneId> zone;

	// the input rules use engine services, so they are looked up when the first command
	// runs, not now
	@Autowired
	LoopBoundaryPlugin(ObjectProvider<StepInputs> inputs, StepFields fields, ObjectProvider<DuplicateIndex> suggestions,
			ObjectProvider<ZoneId> zone) {
		this(inputs::getObject, fields, suggestions::getObject, zone::getObject);
	}

	private LoopBoundaryPlugin(Supplier<StepInputs> inputs, StepFields fields, Supplier<DuplicateIndex> suggestions,
			Supplier<ZoneId> zone) {
		this.inputs = inputs;
		this.fields = fields;
		this.suggestions = suggestions;
		this.zone = zone;
	}

	/**
	 * The boundary for an engine built without Spring: the SQL budget counts what it
	 * reads.
	 */
	public static ProcessEnginePlugin standalone(Supplier<StepInputs> inputs, StepFields fields,
			Supplier<DuplicateIndex> suggestions, Supplier<ZoneId> zone) {
		return new LoopBoundaryPlugin(inputs, fields, suggestions, zone);
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
			configuration.setCustomPreCommandInterceptorsTxRequired(new ArrayList<CommandInterceptor>());
		}
		configuration.getCustomPreCommandInterceptorsTxRequired()
			.add(new LoopBoundary(configuration, this.inputs, this.fields, this.suggestions, this.zone));
	}

}
