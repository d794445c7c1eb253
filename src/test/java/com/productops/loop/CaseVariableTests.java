package com.productops.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Date;
import java.util.List;
import java.util.Map;

import com.productops.intake.AlsoAffected;
import org.junit.jupiter.api.Test;

class CaseVariableTests {

	@Test
	void aVariableIsReadAsItsType() {
		Map<String, Object> variables = Map.of("title", "Refunds are late", "iteration", 2L, "shippedAt", new Date(0));

		assertThat(CaseData.TITLE.from(variables)).isEqualTo("Refunds are late");
		assertThat(CaseData.ITERATION.from(variables).intValue()).isEqualTo(2);
		assertThat(CaseData.SHIPPED_AT.from(variables)).isEqualTo(new Date(0));
	}

	@Test
	void aVariableNotSetIsNullOrTheFallback() {
		assertThat(CaseData.CASE_OUTCOME.from(Map.of())).isNull();
		assertThat(CaseData.ITERATION.from(Map.of(), 1)).isEqualTo(1);
		assertThat(CaseData.ITERATION.from(Map.of("iteration", 3), 1)).isEqualTo(3);
	}

	@Test
	void aValueOfAnotherTypeIsABrokenCaseNamedByItsVariable() {
		assertThatThrownBy(() -> CaseData.ITERATION.from(Map.of("iteration", "two")))
			.isInstanceOf(IllegalStateException.class)
			.hasMessage("Case variable iteration holds a String, not a Number");
	}

	@Test
	void aPageReadsWhatItCanAndSaysWhatItCannot() {
		Map<String, Object> handWritten = Map.of("iteration", "two", "alsoAffected", "[{\"person\":null}]");

		assertThat(CaseVariable.readableOr(() -> CaseData.ITERATION.from(handWritten), 1)).isEqualTo(1);
		assertThat(CaseVariable.readableOr(() -> AlsoAffected.of(handWritten), List.of())).isEmpty();
		assertThat(AlsoAffected.describe("not a list")).isEqualTo(Labels.unreadable())
			.isEqualTo("(a value that cannot be read: it was changed by hand)");
		assertThat(CaseVariable.readableOr(() -> CaseData.ITERATION.from(Map.of("iteration", 2L)), 1)).isEqualTo(2L);
	}

}
