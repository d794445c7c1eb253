package com.productops.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.productops.decision.PmDecision;
import com.productops.input.StepInput;
import com.productops.notify.CaseEvent;
import com.productops.triage.TriageOutcome;
import com.productops.verification.VerificationOutcome;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.objenesis.ObjenesisStd;

/**
 * The process and the code name the same things: every value a condition of the BPMN
 * compares with is a constant of its enum, every outcome, event and stage it names is one
 * of the code's, and every BPMN id the code names is in the process. Renaming one side
 * without the other fails here, not in a running case.
 */
class BpmnContractTests {

	private static final Path BPMN = Path.of("processes", "ProductOpsLoop.bpmn");

	/** How the code spells a BPMN id: by the naming rule's prefixes. */
	private static final String BPMN_ID = "(?:Task|Gateway|StartEvent|EndEvent|Timer|Event|SubProcess|Message|Flow)"
			+ "_\\w+";

	/** The variables the process branches on, with the enum of their values. */
	private static final Map<String, Class<? extends Enum<?>>> BRANCHED_ON = Map.of( //
			CaseVariables.TRIAGE_OUTCOME, TriageOutcome.class, //
			CaseVariables.PM_DECISION, PmDecision.class, //
			CaseVariables.VERIFICATION_OUTCOME, VerificationOutcome.class,
			// the regression watch's verdict (DMN VerificationVerdict): its INCONCLUSIVE
			// is no branch of its own
			CaseVariables.WATCH_VERDICT, VerificationOutcome.class);

	private final BpmnModelInstance process = Bpmn.readModelFromFile(BPMN.toFile());

	private final String xml = read(BPMN);

	/** Every id of the process. */
	private final Set<String> ids = this.process.getModelElementsByType(BaseElement.class)
		.stream()
		.map(BaseElement::getId)
		.filter(id -> id != null)
		.collect(Collectors.toSet());

	@Test
	void everyValueAConditionComparesWithIsAConstantOfItsEnum() {
		List<String> comparisons = new ArrayList<>();
		int operators = 0;
		for (ConditionExpression condition : this.process.getModelElementsByType(ConditionExpression.class)) {
			String text = condition.getTextContent();
			// the variables it names (any spacing, quotes or order)
			List<String> variables = BRANCHED_ON.keySet()
				.stream()
				.filter(variable -> Pattern.compile("\\b" + variable + "\\b").matcher(text).find())
				.toList();
			Set<String> known = variables.stream()
				.flatMap(variable -> constants(BRANCHED_ON.get(variable)).stream())
				.collect(Collectors.toSet());
			Matcher literal = Pattern.compile("['\"](\\w+)['\"]").matcher(text);
			while (literal.find()) {
				assertThat(variables).as("the variable %s compares with a value", text).isNotEmpty();
				assertThat(known).as(text).contains(literal.group(1));
				comparisons.add(literal.group(1));
			}
			operators += Pattern.compile("[!=]=").matcher(text).results().count();
		}
		// every comparison was read: one value per == or !=
		assertThat(comparisons).hasSize(operators).isNotEmpty();
	}

	/**
	 * The process tests reach each flow as a case does: a test that moves a case into a
	 * flow by hand would cover it without its condition ever being evaluated.
	 */
	@Test
	void theProcessTestsNeverMoveACaseByHand() {
		String tests = read(
				Path.of("src", "test", "java", "com", "productops", "loop", "ProductOpsLoopProcessTests.java"));
		assertThat(tests).doesNotContain("createProcessInstanceModification", "startTransition", "startBeforeActivity",
				"startAfterActivity", "createModification");
	}

	@Test
	void everyOutcomeEventAndStageTheProcessNamesIsTheCodes() {
		assertThat(named("setVariable\\('caseOutcome', '(\\w+)'\\)")).isNotEmpty()
			.allSatisfy(outcome -> assertThat(constants(CaseOutcome.class)).contains(outcome));
		assertThat(named("caseEvents\\.publish\\(execution, '(\\w+)'\\)")).hasSizeGreaterThanOrEqualTo(5)
			.allSatisfy(event -> assertThat(constants(CaseEvent.class)).contains(event));
		assertThat(named("taskDeadlines\\.escalation\\('(\\w+)'\\)"))
			.containsExactlyInAnyOrderElementsOf(Arrays.stream(Stage.values()).map(Stage::code).toList());
		Set<String> userTasks = this.process.getModelElementsByType(UserTask.class)
			.stream()
			.map(BaseElement::getId)
			.collect(Collectors.toSet());
		assertThat(named("caseEvents\\.(?:remind|escalate)\\(execution, '(\\w+)'\\)")).isNotEmpty()
			.allSatisfy(task -> assertThat(userTasks).contains(task));
		for (Stage stage : Stage.values()) {
			assertThat(userTasks).as("the user task of stage %s", stage).contains(stage.taskId());
		}
	}

	@Test
	void everyBpmnIdTheCodeNamesIsInTheProcess() throws Exception {
		List<String> named = new ArrayList<>();
		for (Field field : ProductOpsLoop.class.getFields()) {
			if (Modifier.isStatic(field.getModifiers()) && field.get(null) instanceof String id
					&& id.matches(BPMN_ID)) {
				named.add(id);
			}
		}
		try (Stream<Path> sources = Files.walk(Path.of("src", "main", "java"))) {
			for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
				Matcher id = Pattern.compile("\"(" + BPMN_ID + ")\"").matcher(Files.readString(source));
				while (id.find()) {
					named.add(id.group(1));
				}
			}
		}
		assertThat(named).hasSizeGreaterThanOrEqualTo(10).allSatisfy(id -> assertThat(this.ids).contains(id));
	}

	/**
	 * The words for each step (labels.properties: step.*, now.*, next.*, waiting.*,
	 * question.*) name steps the process has, and the messages the code correlates and
	 * the process it starts are the BPMN's.
	 */
	@Test
	void everyLabelledStepMessageAndTheProcessKeyAreInTheProcess() throws Exception {
		List<String> labelled = Labels.all()
			.keySet()
			.stream()
			.map(key -> Pattern.compile("(?:step|now|next|waiting|question)\\.(\\w+_\\w+)").matcher(key))
			.filter(Matcher::matches)
			.map(key -> key.group(1))
			.toList();
		assertThat(labelled).hasSizeGreaterThan(50)
			.allSatisfy(id -> assertThat(this.ids).as("a step labels.properties names").contains(id));
		Set<String> messages = this.process.getModelElementsByType(Message.class)
			.stream()
			.map(Message::getName)
			.collect(Collectors.toSet());
		List<String> correlated = new ArrayList<>();
		for (Field field : ProductOpsLoop.class.getFields()) {
			if (field.getName().startsWith("MESSAGE_")) {
				correlated.add((String) field.get(null));
			}
		}
		assertThat(correlated).isNotEmpty().allSatisfy(message -> assertThat(messages).contains(message));
		assertThat(this.ids).contains(ProductOpsLoop.PROCESS_KEY);
	}

	@Test
	void everyStepOfTheProcessHasItsBusinessName() {
		// a gateway is no step of its own: the timeline shows where its flows lead
		for (FlowNode step : this.process.getModelElementsByType(FlowNode.class)) {
			if (step instanceof Gateway) {
				continue;
			}
			// as the timeline names it: its label, else its name in the diagram, never
			// its id
			assertThat(Labels.step(step.getId(), step.getName())).as("name of step %s", step.getId())
				.isNotBlank()
				.isNotEqualTo(step.getId());
		}
	}

	/**
	 * The naming rule: a step's code is named after its BPMN id without the prefix.
	 * Task_TriageReport's input rules are TriageReportInput; Task_FindDuplicates's
	 * delegate is the bean findDuplicatesDelegate (FindDuplicatesDelegate).
	 */
	@Test
	void everyStepsCodeIsNamedAfterIt() throws Exception {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AssignableTypeFilter(StepInput.class));
		Map<String, String> inputsByStep = new HashMap<>();
		for (BeanDefinition candidate : scanner.findCandidateComponents("com.productops")) {
			Class<?> type = Class.forName(candidate.getBeanClassName());
			inputsByStep.put(stepOf(type), type.getSimpleName());
		}
		for (UserTask task : this.process.getModelElementsByType(UserTask.class)) {
			assertThat(inputsByStep).as("input rules of %s", task.getId())
				.containsEntry(task.getId(), nameOf(task.getId()) + "Input");
		}
		assertThat(inputsByStep).containsEntry(ProductOpsLoop.START_EVENT, "ProblemReportedInput");
		List<String> delegates = new ArrayList<>();
		for (ServiceTask task : this.process.getModelElementsByType(ServiceTask.class)) {
			String delegate = task.getCamundaDelegateExpression();
			if (delegate != null) {
				String name = nameOf(task.getId());
				assertThat(delegate)
					.isEqualTo("${" + Character.toLowerCase(name.charAt(0)) + name.substring(1) + "Delegate}");
				delegates.add(delegate);
			}
		}
		assertThat(delegates).hasSizeGreaterThanOrEqualTo(5);
	}

	/**
	 * README's layout table names every task of the process, and only classes that exist.
	 */
	@Test
	void theReadmeLeadsFromEveryStepToCodeThatExists() throws Exception {
		String readme = Files.readString(Path.of("README.md"));
		String table = readme.substring(readme.indexOf("### From a BPMN step to its code"));
		for (Activity task : this.process.getModelElementsByType(Activity.class)) {
			if (!(task instanceof SubProcess)) {
				assertThat(table).as("README's row of %s", task.getId()).contains("`" + task.getId() + "`");
			}
		}
		// classes, and decisions by their file's name
		Set<String> known;
		try (Stream<Path> files = Stream.concat(Files.walk(Path.of("src")), Files.walk(Path.of("processes")))) {
			known = files.map(path -> path.getFileName().toString())
				.filter(name -> name.endsWith(".java") || name.endsWith(".dmn"))
				.map(name -> name.substring(0, name.lastIndexOf('.')))
				.collect(Collectors.toSet());
		}
		Matcher named = Pattern.compile("`(?:[a-z]+/)?([A-Z][A-Za-z]+)`").matcher(table);
		int found = 0;
		while (named.find()) {
			if (!named.group(1).equals(named.group(1).toUpperCase())) {
				assertThat(known).as("%s named in README", named.group(1)).contains(named.group(1));
				found++;
			}
		}
		assertThat(found).isGreaterThan(20);
	}

	/** The step an input class checks: what its step() answers. */
	private static String stepOf(Class<?> type) {
		// step() reads nothing the constructor sets: an instance without its
		// collaborators answers it
		return ((StepInput) new ObjenesisStd().newInstance(type)).step();
	}

	private static String nameOf(String id) {
		return id.substring(id.indexOf('_') + 1);
	}

	private List<String> named(String regex) {
		List<String> found = new ArrayList<>();
		Matcher matcher = Pattern.compile(regex).matcher(this.xml);
		while (matcher.find()) {
			found.add(matcher.group(1));
		}
		return found;
	}

	private static Set<String> constants(Class<? extends Enum<?>> type) {
		return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.toSet());
	}

	private static String read(Path path) {
		try {
			return Files.readString(path);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
