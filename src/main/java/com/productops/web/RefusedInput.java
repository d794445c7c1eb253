package com.productops.web;

import java.util.List;
import java.util.stream.Collectors;

import com.productops.input.CaseInputException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * What the engine's boundary refused in the current HTTP request, for
 * {@link RefusedInputResponses} to answer in the words of the form. The engine's REST API
 * prefixes the message with engine ids ("Cannot submit task form 3f2a…: ") and answers a
 * refused {@code /start} with 500; people and API clients get a plain 400 instead.
 */
public final class RefusedInput {

	static final String ATTRIBUTE = RefusedInput.class.getName();

	private RefusedInput() {
	}

	/** Remembers the refusal when there is an HTTP request (a Java API call has none). */
	public static void remember(CaseInputException refusal) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request != null) {
			request.setAttribute(ATTRIBUTE, refusal.problems(), RequestAttributes.SCOPE_REQUEST);
		}
	}

	/** The refusal of the current HTTP request, if the boundary refused its input. */
	static String inCurrentRequest() {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		Object problems = (request != null) ? request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) : null;
		return (problems instanceof List<?> list) ? list.stream().map(String::valueOf).collect(Collectors.joining("; "))
				: null;
	}

	@SuppressWarnings("unchecked")
	static List<String> of(HttpServletRequest request) {
		return (List<String>) request.getAttribute(ATTRIBUTE);
	}

}
