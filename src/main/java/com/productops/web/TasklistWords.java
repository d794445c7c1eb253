package com.productops.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.productops.loop.Labels;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/**
 * Tasklist's own words, with the product's where the engine's would show through: "Report
 * a problem" instead of "Start process" ({@code tasklist.<key>} in labels.properties, the
 * one place for words). Served at the path Tasklist loads its English words from; the
 * rest of Camunda's file stays as it ships.
 */
@RestController
public class TasklistWords {

	static final String CAMUNDA_WORDS = "META-INF/resources/webjars/camunda/app/tasklist/locales/en.json";

	private static final String PREFIX = "tasklist.";

	private final String words;

	/** Fetched again only when the words changed (a new version of the application). */
	private final String version;

	public TasklistWords(ObjectMapper json) throws IOException {
		this.words = json.writeValueAsString(withOurs(json, Labels.all()));
		this.version = "\"" + Integer.toHexString(this.words.hashCode()) + "\"";
	}

	@GetMapping(path = "/camunda/app/tasklist/locales/en.json", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<String> words(WebRequest request) {
		if (request.checkNotModified(this.version)) {
			return null; // 304
		}
		return ResponseEntity.ok().eTag(this.version).cacheControl(CacheControl.noCache()).body(this.words);
	}

	static ObjectNode withOurs(ObjectMapper json, Map<String, String> labels) throws IOException {
		try (InputStream in = new ClassPathResource(CAMUNDA_WORDS).getInputStream()) {
			// Camunda's file starts with a byte order mark
			String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\uFEFF", "");
			ObjectNode words = (ObjectNode) json.readTree(text);
			ObjectNode tasklist = (ObjectNode) words.get("labels");
			labels.forEach((key, value) -> {
				if (key.startsWith(PREFIX)) {
					tasklist.put(key.substring(PREFIX.length()), value);
				}
			});
			return words;
		}
	}

}
