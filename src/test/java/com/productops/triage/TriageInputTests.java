package com.productops.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import java.util.Map;
import java.util.Optional;

import com.productops.loop.CaseDirectory;
import com.productops.loop.StepInput.CaseContext;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

class TriageInputTests {

	private final CaseDirectory cases = mock(CaseDirectory.class);

	private final TriageInput input = new TriageInput(this.cases);

	private final CaseContext context = new CaseContext("1", "OPS-2026-0009");

	@Test
	void acceptNeedsNoNote() {
		assertThat(this.input.accept(Map.of("triageOutcome", "accept"), this.context))
			.containsEntry("triageOutcome", "ACCEPT");
	}

	@Test
	void rejectAndQuestionsNeedANote() {
		assertThatThrownBy(() -> this.input.accept(Map.of("triageOutcome", "REJECT", "triageNote", "  "), this.context))
			.hasMessage("triageNote is required when the outcome is REJECT (the reporter is told why)");
		assertThatThrownBy(() -> this.input.accept(Map.of("triageOutcome", "NEEDS_INFO"), this.context))
			.hasMessage("triageNote is required when the outcome is NEEDS_INFO (it is the question to the reporter)");
	}

	@Test
	void duplicateNeedsAnOpenOriginal() {
		given(this.cases.findOpen("OPS-2026-0001")).willReturn(Optional.of(mock(ProcessInstance.class)));
		given(this.cases.findOpen("OPS-2026-0002")).willReturn(Optional.empty());
		given(this.cases.exists("OPS-2026-0002")).willReturn(true);
		given(this.cases.findOpen("OPS-2026-0003")).willReturn(Optional.empty());

		assertThat(this.input.accept(Map.of("triageOutcome", "DUPLICATE", "duplicateOf", "ops-2026-0001"), this.context))
			.containsEntry("duplicateOf", "OPS-2026-0001");
		assertThatThrownBy(() -> this.input.accept(Map.of("triageOutcome", "DUPLICATE"), this.context))
			.hasMessage("duplicateOf is required when the outcome is DUPLICATE (the case number of the original)");
		assertThatThrownBy(
				() -> this.input.accept(Map.of("triageOutcome", "DUPLICATE", "duplicateOf", "#42"), this.context))
			.hasMessage("duplicateOf must be a case number like OPS-2026-0042 (got '#42')");
		assertThatThrownBy(() -> this.input
			.accept(Map.of("triageOutcome", "DUPLICATE", "duplicateOf", "OPS-2026-0002"), this.context))
			.hasMessage("duplicateOf OPS-2026-0002 is closed; a duplicate can only be merged into an open case");
		assertThatThrownBy(() -> this.input
			.accept(Map.of("triageOutcome", "DUPLICATE", "duplicateOf", "OPS-2026-0003"), this.context))
			.hasMessage("duplicateOf OPS-2026-0003 does not exist");
		assertThatThrownBy(() -> this.input
			.accept(Map.of("triageOutcome", "DUPLICATE", "duplicateOf", "OPS-2026-0009"), this.context))
			.hasMessage("duplicateOf cannot be the case itself (OPS-2026-0009)");
	}

	@Test
	void mergedEvidenceKeepsEachLinkOnce() {
		assertThat(DuplicateMerger.mergeLines("https://a\nhttps://b", "https://b\n\nhttps://c"))
			.isEqualTo("https://a\nhttps://b\nhttps://c");
		assertThat(DuplicateMerger.mergeLines(null, null)).isNull();
	}

}
