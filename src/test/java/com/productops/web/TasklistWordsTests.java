package com.productops.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.productops.loop.Labels;
import org.junit.jupiter.api.Test;

class TasklistWordsTests {

	@Test
	void tasklistSaysWhatPeopleDoInTheProductsWordsAndKeepsItsOwnElsewhere() throws Exception {
		ObjectNode words = TasklistWords.withOurs(new ObjectMapper(), Labels.all());
		assertThat(words.at("/labels/START_PROCESS").asText()).isEqualTo("Report a problem");
		assertThat(words.at("/labels/PROCESS_START_ERROR").asText()).isEqualTo("The report could not be filed.");
		// Camunda's own words and its dates' locale stay as they ship
		assertThat(words.at("/labels/CLAIM_TASK").asText()).isEqualTo("Claim");
		assertThat(words.has("dateLocales")).isTrue();
		// only the tasklist.* labels go in
		assertThat(TasklistWords.withOurs(new ObjectMapper(), Map.of("field.title", "Title"))
			.at("/labels/field.title")
			.isMissingNode()).isTrue();
	}

}
