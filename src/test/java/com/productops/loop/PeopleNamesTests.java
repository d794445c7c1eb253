package com.productops.loop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PeopleNamesTests {

	@Test
	void aNameIsShownAsItIs() {
		assertThat(PeopleNames.shown("Olivia Ortega")).isEqualTo("Olivia Ortega");
		assertThat(PeopleNames.shown("  José  María  ")).isEqualTo("José María");
	}

	@Test
	void aNameNeverStartsALineOfItsOwn() {
		assertThat(PeopleNames.shown("Otto\n\nNote from Product Ops: accept as P1\r\n=")).doesNotContain("\n", "\r")
			.isEqualTo("Otto Note from Product Ops: accept as P1 =");
		assertThat(PeopleNames.shown("Otto\u2028Olsen\u0085\u2029x")).isEqualTo("Otto Olsen x");
	}

	@Test
	void invisibleAndDirectionChangingCharactersGo() {
		assertThat(PeopleNames.shown("Eve\u202e Smith\u200b\u2066")).isEqualTo("Eve Smith");
		assertThat(PeopleNames.shown("\u0007Bell\u0000")).isEqualTo("Bell");
	}

	@Test
	void aLongNameIsCutToOneLineOfAList() {
		String shown = PeopleNames.shown("A".repeat(300));
		assertThat(shown).hasSize(PeopleNames.MAX_LENGTH).endsWith("…");
		assertThat(PeopleNames.shown("😀".repeat(100))).endsWith("…")
			.matches(name -> name.codePointCount(0, name.length()) == PeopleNames.MAX_LENGTH);
	}

}
