package com.productops.loop;

import org.springframework.stereotype.Component;

/**
 * Tasklist priority of a case's tasks (0-100, higher first) from the case priority P1-P4,
 * so that queues sorted by priority put P1 cases on top. Used by the BPMN as
 * {@code camunda:priority="${taskPriorities.of(priority)}"}.
 */
@Component("taskPriorities")
public class TaskPriorities {

	public int of(String casePriority) {
		if (casePriority == null) {
			return 50;
		}
		return switch (casePriority) {
			case "P1" -> 90;
			case "P2" -> 70;
			case "P3" -> 50;
			default -> 30;
		};
	}

}
