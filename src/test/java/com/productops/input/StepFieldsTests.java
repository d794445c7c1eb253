package com.productops.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import com.productops.loop.ProductOpsLoop;
import org.junit.jupiter.api.Test;

class StepFieldsTests {

	private final StepFields fields = new StepFields();

	@Test
	void aStepAcceptsTheFieldsItsFormLetsAPersonFillIn() {
		assertThat(this.fields.of(ProductOpsLoop.START_EVENT)).hasValue(Set.of("title", "area", "description",
				"frequency", "peopleAffectedPerWeek", "hoursLostPerWeek", "urgency", "workaround", "evidenceLinks"));
		// the triage form shows the report (disabled fields) and lets Product Ops fill in
		// three
		assertThat(this.fields.of(ProductOpsLoop.TASK_TRIAGE))
			.hasValue(Set.of("triageOutcome", "duplicateOf", "duplicateOfOther", "triageNote"));
		assertThat(this.fields.of(ProductOpsLoop.TASK_CONFIRM_SHIPPED)).hasValue(Set.of("deliveryRef"));
	}

	@Test
	void unknownFieldsAreNamedInOrder() {
		assertThat(this.fields.unknown(ProductOpsLoop.TASK_TRIAGE,
				Set.of("triageOutcome", "pmGroup", "priority", "title")))
			.containsExactly("pmGroup", "priority", "title");
		assertThat(this.fields.unknown("Task_NotOfTheLoop", Set.of("anything"))).containsExactly("anything");
		assertThat(this.fields.of("Task_NotOfTheLoop")).isEmpty();
	}

}
