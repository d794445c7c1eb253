package com.productops.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScorecardCsvTests {

	@Test
	void textThatASpreadsheetWouldRunIsWrittenAsText() {
		assertThat(ScorecardCsv.cell("=HYPERLINK(\"http://evil.example\",\"x\")"))
			.isEqualTo("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"");
		assertThat(ScorecardCsv.cell("+1+cmd|' /C calc'!A0")).isEqualTo("'+1+cmd|' /C calc'!A0");
		assertThat(ScorecardCsv.cell("-2+3")).isEqualTo("'-2+3");
		assertThat(ScorecardCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
		assertThat(ScorecardCsv.cell("\tTAB")).isEqualTo("'\tTAB");
	}

	@Test
	void plainTextAndNumbersStayAsTheyAre() {
		assertThat(ScorecardCsv.cell("DISPATCH")).isEqualTo("DISPATCH");
		assertThat(ScorecardCsv.cell(-3)).isEqualTo("-3");
		assertThat(ScorecardCsv.cell(12.5)).isEqualTo("12.5");
		assertThat(ScorecardCsv.cell(null)).isEmpty();
		assertThat(ScorecardCsv.cell("a, b")).isEqualTo("\"a, b\"");
	}

}
