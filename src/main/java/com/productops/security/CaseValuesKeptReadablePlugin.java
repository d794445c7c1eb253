package com.productops.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.productops.input.CaseInputException;
import com.productops.intake.AlsoAffected;
import com.productops.loop.CaseData;
import com.productops.loop.CaseVariable;
import com.productops.loop.CaseVariables;
import com.productops.loop.Labels;
import com.productops.loop.ProductOpsLoop;
import com.productops.verification.ReportersVerdict;
import com.productops.web.RefusedInput;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.producer.CacheAwareHistoryEventProducer;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * Every value written to a case has the type the loop writes (the title text, the people
 * affected a number, a date a date; numbers finite) and its lists of people and answers
 * stay lists the loop can read: otherwise the case page, the forms and the loop's own
 * steps could not read the case ever after (its history keeps every value). Checked where
 * the engine records each value it creates or changes, so that it holds for every command
 * at every door: a single or batch write, "modifications", a start at a later step, a
 * process instance modification or migration, a message's variables. Refused with 400
 * naming the field; nothing of the command is stored.
 */
@Component
public class CaseValuesKeptReadablePlugin extends AbstractProcessEnginePlugin {

	/** The case values that are lists (of people, of answers), by how they are read. */
	private static final Map<String, Function<Map<String, Object>, List<?>>> LISTS = Map.of(CaseVariables.ALSO_AFFECTED,
			AlsoAffected::of, CaseVariables.REPORTER_ANSWERS, ReportersVerdict::of);

	/** What every case has from its report on: written again, never emptied. */
	static final Set<String> REQUIRED = Set.of(CaseVariables.TITLE, CaseVariables.AREA, CaseVariables.REPORTER);

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		configuration.setHistoryEventProducer(new CacheAwareHistoryEventProducer() {

			@Override
			public HistoryEvent createHistoricVariableCreateEvt(VariableInstanceEntity variable, VariableScope scope) {
				return checked(super.createHistoricVariableCreateEvt(variable, scope), variable, false);
			}

			@Override
			public HistoryEvent createHistoricVariableUpdateEvt(VariableInstanceEntity variable, VariableScope scope) {
				return checked(super.createHistoricVariableUpdateEvt(variable, scope), variable, true);
			}

		});
	}

	private static HistoryEvent checked(HistoryEvent event, VariableInstanceEntity variable, boolean changed) {
		if (event instanceof HistoricVariableUpdateEventEntity update
				&& ProductOpsLoop.PROCESS_KEY.equals(update.getProcessDefinitionKey())) {
			TypedValue typed = variable.getTypedValue(false);
			// a value still serialized is its typed self (a list or text it is not)
			Object value = (typed instanceof SerializableValue serialized && !serialized.isDeserialized()) ? typed
					: typed.getValue();
			if (changed && value == null && REQUIRED.contains(variable.getName())) {
				// emptied once the case has it (a start may set it later)
				refuse(required(variable.getName()));
			}
			problem(variable.getName(), value).ifPresent(CaseValuesKeptReadablePlugin::refuse);
		}
		return event;
	}

	/** What removing or emptying one of the required values is told. */
	static String required(String name) {
		return Labels.field(name) + ": required";
	}

	private static void refuse(String problem) {
		CaseInputException refusal = new CaseInputException(List.of(problem));
		RefusedInput.remember(refusal);
		throw refusal;
	}

	/**
	 * What is wrong with {@code value} as the case's {@code name}; nothing when the loop
	 * can read it.
	 */
	static Optional<String> problem(String name, Object value) {
		if (value == null) {
			return Optional.empty();
		}
		Optional<CaseVariable<?>> variable = CaseData.named(name);
		if (value instanceof Collection<?> && variable.isPresent()) {
			return Optional.of(Labels.field(name) + ": must be one value, not a list");
		}
		if (variable.isPresent() && !variable.get().holds(value)
				|| value instanceof Double number && !Double.isFinite(number)) {
			String type = variable.map(v -> v.type().getSimpleName()).orElse("Number");
			return Optional.of(Labels.field(name) + ": must be " + Labels.value("type", type, null));
		}
		Function<Map<String, Object>, List<?>> list = LISTS.get(name);
		if (list != null && !CaseVariable.readableOr(() -> list.apply(Map.of(name, value)) != null, false)) {
			return Optional.of(Labels.field(name) + ": must be a list as the loop writes it (its history shows one)");
		}
		return Optional.empty();
	}

}
