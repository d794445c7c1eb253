package com.productops.loop;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The human stages of the loop, in order, each with its user task: their deadlines and
 * escalations ({@link TaskDeadlines}), their durations on the scorecard. {@link #code()}
 * is how BPMN, the audit API and labels.properties ({@code stage.<code>}) name a stage.
 */
public enum Stage {

	TRIAGE(ProductOpsLoop.TASK_TRIAGE), DECISION(ProductOpsLoop.TASK_DECIDE),
	BUILD(ProductOpsLoop.TASK_CONFIRM_SHIPPED), VERIFICATION(ProductOpsLoop.TASK_VERIFY);

	/** The stages' user tasks, in order. */
	public static final List<String> TASK_IDS = Arrays.stream(values()).map(Stage::taskId).toList();

	private final String taskId;

	Stage(String taskId) {
		this.taskId = taskId;
	}

	/** The stage's user task (its BPMN id). */
	public String taskId() {
		return this.taskId;
	}

	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The stage of a code; "delivery" is the build stage's name in process definitions
	 * deployed before 2026-12-01, which cases started then still run.
	 */
	public static Stage of(String code) {
		String known = "delivery".equals(code) ? BUILD.code() : code;
		return Arrays.stream(values())
			.filter(stage -> stage.code().equals(known))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No stage " + code));
	}

}
