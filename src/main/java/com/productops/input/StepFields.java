package com.productops.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The fields each step of the loop accepts: exactly the fields its form lets a person
 * fill in (the form of the start event or user task, read from processes/ and forms/).
 * Disabled fields only show the case to the person; Tasklist does not send them, and
 * nobody else may.
 */
@Component
public class StepFields {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final Map<String, Set<String>> byStep;

	public StepFields() {
		this(read("processes/ProductOpsLoop.bpmn"));
	}

	StepFields(BpmnModelInstance loop) {
		Map<String, Set<String>> fields = new HashMap<>();
		for (StartEvent start : loop.getModelElementsByType(StartEvent.class)) {
			if (start.getCamundaFormRef() != null) {
				fields.put(start.getId(), editableFields(start.getCamundaFormRef()));
			}
		}
		for (UserTask task : loop.getModelElementsByType(UserTask.class)) {
			fields.put(task.getId(), editableFields(task.getCamundaFormRef()));
		}
		this.byStep = Map.copyOf(fields);
	}

	/** The fields of a start event or user task of the loop; empty for any other step. */
	public Optional<Set<String>> of(String step) {
		return Optional.ofNullable(this.byStep.get(step));
	}

	/** The names in {@code submitted} that the step does not accept, sorted. */
	public Set<String> unknown(String step, Set<String> submitted) {
		Set<String> unknown = new TreeSet<>(submitted);
		unknown.removeAll(of(step).orElse(Set.of()));
		return unknown;
	}

	private static Set<String> editableFields(String formRef) {
		try (InputStream in = new ClassPathResource("forms/" + formRef + ".form").getInputStream()) {
			Set<String> keys = new TreeSet<>();
			collect(JSON.readTree(in).path("components"), keys);
			return Set.copyOf(keys);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Form " + formRef + " cannot be read", ex);
		}
	}

	private static void collect(JsonNode components, Set<String> keys) {
		for (JsonNode component : components) {
			if (component.hasNonNull("key") && !component.path("disabled").asBoolean(false)) {
				keys.add(component.get("key").asText());
			}
			collect(component.path("components"), keys);
		}
	}

	private static BpmnModelInstance read(String path) {
		try (InputStream in = new ClassPathResource(path).getInputStream()) {
			return Bpmn.readModelFromStream(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(path + " cannot be read", ex);
		}
	}

}
