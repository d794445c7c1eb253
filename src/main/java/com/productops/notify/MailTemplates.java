package com.productops.notify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Mail texts in files: notifications/&lt;EVENT&gt;.txt (first line "Subject: ...", then
 * the plain text) and notifications/&lt;EVENT&gt;.html, with {{placeholders}} filled from
 * the case. Values are HTML-escaped in the HTML part.
 */
@Component
public class MailTemplates {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");

	/** The templates read so far: they come with the application and never change. */
	private static final Map<String, String> TEMPLATES = new ConcurrentHashMap<>();

	public record Mail(String subject, String text, String html) {
	}

	public Mail render(CaseEvent event, Map<String, String> values) {
		String text = fill(read(event + ".txt"), values, false);
		int newline = text.indexOf('\n');
		String firstLine = text.substring(0, newline).strip();
		if (!firstLine.startsWith("Subject:")) {
			throw new IllegalStateException("notifications/" + event + ".txt must start with a Subject: line");
		}
		return new Mail(firstLine.substring("Subject:".length()).strip(), text.substring(newline + 1).strip() + "\n",
				fill(read(event + ".html"), values, true));
	}

	/** The template with its {{placeholders}} filled (escaped for HTML when html). */
	static String fill(String template, Map<String, String> values, boolean html) {
		Matcher matcher = PLACEHOLDER.matcher(template);
		StringBuilder filled = new StringBuilder();
		while (matcher.find()) {
			String value = values.getOrDefault(matcher.group(1), "");
			matcher.appendReplacement(filled, Matcher.quoteReplacement(html ? HtmlUtils.htmlEscape(value) : value));
		}
		matcher.appendTail(filled);
		return filled.toString();
	}

	private static String read(String name) {
		return TEMPLATES.computeIfAbsent(name, MailTemplates::load);
	}

	private static String load(String name) {
		try (InputStream in = new ClassPathResource("notifications/" + name).getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Missing mail template notifications/" + name, ex);
		}
	}

}
