package com.productops.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

/**
 * The contract between the BPMN and the Camunda Forms: every user task and the start
 * event point at a form in forms/ (file name and json id equal to the formRef), and every
 * field of every form is a known process variable.
 */
class FormContractTests {

	private static final Path FORMS = Path.of("forms");

	private final BpmnModelInstance model = Bpmn.readModelFromFile(Path.of("processes/ProductOpsLoop.bpmn").toFile());

	private final Map<String, JsonNode> forms = readForms();

	@Test
	void everyUserTaskAndTheStartEventHaveAForm() {
		Map<String, String> formRefs = new HashMap<>();
		for (UserTask task : this.model.getModelElementsByType(UserTask.class)) {
			formRefs.put(task.getId(), task.getCamundaFormRef());
			assertThat(task.getCamundaFormRefBinding()).as(task.getId()).isEqualTo("deployment");
			assertThat(task.getCamundaCandidateGroups() != null || task.getCamundaAssignee() != null).as(task.getId())
				.isTrue();
			assertThat(task.getCamundaDueDate()).as("due date of " + task.getId()).isNotBlank();
		}
		StartEvent start = this.model.getModelElementById(ProductOpsLoop.START_EVENT);
		formRefs.put(start.getId(), start.getCamundaFormRef());

		assertThat(formRefs).hasSize(7);
		formRefs.forEach((element, formRef) -> assertThat(this.forms).as("form of " + element).containsKey(formRef));
		assertThat(this.forms.keySet()).as("forms nobody uses").containsExactlyInAnyOrderElementsOf(formRefs.values());
	}

	@Test
	void everyFormFieldIsAKnownVariable() {
		this.forms.forEach((id, form) -> {
			List<String> keys = new ArrayList<>();
			collectKeys(form.path("components"), keys);
			assertThat(keys).as("fields of " + id)
				.isNotEmpty()
				.allSatisfy(key -> assertThat(CaseVariables.ALL).contains(key));
			assertThat(keys).as("fields of " + id).doesNotHaveDuplicates();
		});
	}

	@Test
	void everyTemplatedVariableIsKnown() {
		this.forms.forEach((id, form) -> {
			List<String> used = new ArrayList<>();
			collectTemplateVariables(form.path("components"), used);
			assertThat(used).as("{{variables}} in texts of " + id)
				.allSatisfy(
						name -> assertThat(CaseVariables.ALL.contains(name) || FormDisplayValues.NAMES.contains(name))
							.as(name)
							.isTrue());
		});
		List<String> triage = new ArrayList<>();
		collectTemplateVariables(this.forms.get("triage-report").path("components"), triage);
		assertThat(triage).contains(CaseVariables.CASE_NUMBER, "priorityLabel", CaseVariables.SCORE);
	}

	/**
	 * Text views render markdown and HTML, so what a person typed (a title, a note, a
	 * metric's name) must not be templated into them: it goes into a read-only field,
	 * which shows it as text. Templates may use only values the application produced or
	 * checked against a fixed set: codes, numbers, durations, and the delivery tracker's
	 * own ticket key and link.
	 */
	@Test
	void textViewsTemplateOnlyCheckedValues() {
		Set<String> checked = Set.of(CaseVariables.CASE_NUMBER, CaseVariables.PRIORITY, CaseVariables.AREA,
				CaseVariables.URGENCY, CaseVariables.FREQUENCY, CaseVariables.PEOPLE_AFFECTED_PER_WEEK,
				CaseVariables.HOURS_LOST_PER_WEEK, CaseVariables.SCORE, CaseVariables.ITERATION,
				CaseVariables.METRIC_DIRECTION, CaseVariables.BASELINE_VALUE, CaseVariables.TARGET_VALUE,
				CaseVariables.VERIFICATION_WINDOW, CaseVariables.OBSERVED_VALUE, CaseVariables.VERIFICATION_VERDICT,
				CaseVariables.DELIVERY_REF, CaseVariables.DELIVERY_URL, CaseVariables.REVISIT_ON,
				// computed by the application from checked numbers, and the reason from
				// the ReportersVerdict table
				CaseVariables.TOTAL_PEOPLE_AFFECTED_PER_WEEK, CaseVariables.TOTAL_HOURS_LOST_PER_WEEK,
				CaseVariables.COMBINED_VERDICT_REASON, CaseVariables.EVIDENCE_RETURN_REASON);
		this.forms.forEach((id, form) -> {
			List<String> used = new ArrayList<>();
			collectTemplateVariables(form.path("components"), used);
			// labels and links the application made from checked values
			// (FormDisplayValues) are safe too
			assertThat(used).as("{{variables}} in texts of " + id)
				.allSatisfy(
						name -> assertThat(checked.contains(name) || FormDisplayValues.NAMES.contains(name)).as(name)
							.isTrue());
		});
	}

	/**
	 * A form shows a coded value by its label, not its code: {{area}} would read
	 * TRUST_SAFETY, {{areaLabel}} reads "Trust & safety".
	 */
	@Test
	void textViewsShowLabelsNotCodes() {
		this.forms.forEach((id, form) -> {
			List<String> used = new ArrayList<>();
			collectTemplateVariables(form.path("components"), used);
			assertThat(used).as("{{variables}} in texts of " + id)
				.doesNotContainAnyElementsOf(FormDisplayValues.LABELLED);
		});
	}

	/**
	 * Every field a person fills in is labelled as labels.properties says (errors name
	 * fields by those labels, and Tasklist places each error next to the field with that
	 * label); every choice reads as its label there too.
	 */
	@Test
	void editableFieldsUseTheirLabels() {
		this.forms.forEach((id, form) -> forEachField(form.path("components"), field -> {
			if (field.path("disabled").asBoolean(false) || !field.hasNonNull("key")) {
				return;
			}
			String key = field.get("key").asText();
			String label = field.has("label") ? field.get("label").asText() : field.path("dateLabel").asText();
			assertThat(label).as("label of " + key + " in " + id).isEqualTo(Labels.field(key));
			for (JsonNode value : field.path("values")) {
				assertThat(value.path("label").asText()).as("choice " + value.path("value").asText() + " of " + key)
					.isEqualTo(Labels.value(key, value.path("value").asText(), ZoneOffset.UTC));
			}
		}));
	}

	private static void forEachField(JsonNode components, Consumer<JsonNode> action) {
		for (JsonNode component : components) {
			action.accept(component);
			forEachField(component.path("components"), action);
		}
	}

	@Test
	void formsAreForTasklistOfCamunda7() {
		this.forms.values().forEach(form -> {
			assertThat(form.path("executionPlatform").asText()).isEqualTo("Camunda Platform");
			// form-js 1.8 in Tasklist 7.24
			assertThat(form.path("schemaVersion").asInt()).isLessThanOrEqualTo(16);
		});
	}

	private static final Pattern TEMPLATE = Pattern.compile("\\{\\{\\s*([A-Za-z_]\\w*)");

	private static void collectTemplateVariables(JsonNode components, List<String> names) {
		for (JsonNode component : components) {
			Matcher matcher = TEMPLATE.matcher(component.path("text").asText(""));
			while (matcher.find()) {
				names.add(matcher.group(1));
			}
			collectTemplateVariables(component.path("components"), names);
		}
	}

	private static void collectKeys(JsonNode components, List<String> keys) {
		for (JsonNode component : components) {
			if (component.hasNonNull("key")) {
				keys.add(component.get("key").asText());
			}
			collectKeys(component.path("components"), keys);
		}
	}

	private static Map<String, JsonNode> readForms() {
		Map<String, JsonNode> forms = new HashMap<>();
		ObjectMapper json = new ObjectMapper();
		try (Stream<Path> files = Files.list(FORMS)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".form")).toList()) {
				JsonNode form = json.readTree(file.toFile());
				assertThat(file.getFileName().toString()).isEqualTo(form.get("id").asText() + ".form");
				forms.put(form.get("id").asText(), form);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return forms;
	}

}
