package com.productops.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import java.util.Map;
import java.util.Optional;

import com.productops.input.StepInput.CaseContext;
import com.productops.loop.CaseDirectory;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

class TriageReportInputTests {

	private final CaseDirectory cases = mock(CaseDirectory.class);

	private final TriageReportInput input = new TriageReportInput(this.cases);

	private final CaseContext context = new CaseContext("1", "OPS-2026-0009");

	@Test
	void acceptNeedsNoNote() {
		assertThat(this.input.accept(Map.of("triageOutcome", "accept"), this.context)).containsEntry("triageOutcome",
				"ACCEPT");
	}

	@Test
	void rejectAndQuestionsNeedANote() {
		assertThatThrownBy(() -> this.input.accept(Map.of("triageOutcome", "REJECT", "triageNote", "  "), this.context))
			.hasMessage("Note to the reporter: required to reject a report (the reporter is told why)");
		assertThatThrownBy(() -> this.input.accept(Map.of("triageOutcome", "NEEDS_INFO"), this.context)).hasMessage(
				"Note to the reporter: required to ask for more information (it is the question to the reporter)");
	}

	@Test
	void duplicateNeedsAnOpenOriginal() {
		given(this.cases.findOpen("OPS-2026-0001")).willReturn(Optional.of(mock(ProcessInstance.class)));
		given(this.cases.findOpen("OPS-2026-0002")).willReturn(Optional.empty());
		given(this.cases.exists("OPS-2026-0002")).willReturn(true);
		given(this.cases.findOpen("OPS-2026-0003")).willReturn(Optional.empty());

		assertThat(
				this.input.accept(Map.of("triageOutcome", "DUPLICATE", "duplicateOf", "ops-2026-0001"), this.context))
			.containsEntry("duplicateOf", "OPS-2026-0001");
		assertThatThrownBy(() -> this.input.accept(Map.of("triageOutcome", "DUPLICATE"), this.context))
			.hasMessage("Duplicate of case: required for a duplicate: the case number of the original");
		assertThatThrownBy(
				() -> this.input.accept(Map.of("triageOutcome", "DUPLICATE", "duplicateOf", "#42"), this.context))
			.hasMessage("Duplicate of case: must be a case number like OPS-2026-0042");
		assertThatThrownBy(() -> this.input.accept(Map.of("triageOutcome", "DUPLICATE", "duplicateOf", "OPS-2026-0002"),
				this.context))
			.hasMessage("Duplicate of case: OPS-2026-0002 is closed: a duplicate can only be merged into an open case");
		assertThatThrownBy(() -> this.input.accept(Map.of("triageOutcome", "DUPLICATE", "duplicateOf", "OPS-2026-0003"),
				this.context))
			.hasMessage("Duplicate of case: there is no case OPS-2026-0003");
		assertThatThrownBy(() -> this.input.accept(Map.of("triageOutcome", "DUPLICATE", "duplicateOf", "OPS-2026-0009"),
				this.context))
			.hasMessage("Duplicate of case: cannot be this case itself");
	}

	@Test
	void mergedEvidenceKeepsEachLinkOnce() {
		assertThat(DuplicateMerger.mergeLines("https://a\nhttps://b", "https://b\n\nhttps://c"))
			.isEqualTo("https://a\nhttps://b\nhttps://c");
		assertThat(DuplicateMerger.mergeLines(null, null)).isNull();
	}

}
