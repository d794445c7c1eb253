package com.productops.security;

import java.time.ZoneId;
import java.util.ArrayList;

import com.productops.intake.DuplicateIndex;
import com.productops.loop.StepFields;
import com.productops.loop.StepInputs;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Puts {@link LoopBoundary} in front of every command of the engine. */
@Component
class LoopBoundaryPlugin extends AbstractProcessEnginePlugin {

	private final ObjectProvider<StepInputs> inputs;

	private final StepFields fields;

	private final ObjectProvider<DuplicateIndex> suggestions;

	// the input rules use engine services, so they are looked up when the first command runs, not now
	private final ObjectProvider<ZoneId> zone;

	LoopBoundaryPlugin(ObjectProvider<StepInputs> inputs, StepFields fields, ObjectProvider<DuplicateIndex> suggestions,
			ObjectProvider<ZoneId> zone) {
		this.inputs = inputs;
		this.fields = fields;
		this.suggestions = suggestions;
		this.zone = zone;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
			configuration.setCustomPreCommandInterceptorsTxRequired(new ArrayList<CommandInterceptor>());
		}
		configuration.getCustomPreCommandInterceptorsTxRequired()
			.add(new LoopBoundary(configuration, this.inputs::getObject, this.fields, this.suggestions::getObject,
					this.zone::getObject));
	}

}
