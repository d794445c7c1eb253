package com.productops.story;

import java.util.Map;

import com.productops.loop.Labels;
import com.productops.security.ApiCaller;
import com.productops.web.ApiErrors;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The case page: {@code /cases} (my reports and the cases I follow) and
 * {@code /cases/{caseNumber}} (one case's story), a page of the application
 * (static/case.html) that reads {@code GET /api/cases/{caseNumber}/story} and
 * {@code GET /api/labels}. Mails link to it.
 */
@Controller
class CaseStoryController {

	private final CaseStory stories;

	CaseStoryController(CaseStory stories) {
		this.stories = stories;
	}

	@GetMapping({ "/cases", "/cases/", "/cases/{caseNumber}" })
	String page() {
		return "forward:/case.html";
	}

	@GetMapping("/api/cases/{caseNumber}/story")
	@ResponseBody
	ResponseEntity<?> story(@PathVariable String caseNumber, HttpServletRequest request) {
		try {
			return this.stories.of(caseNumber, ApiCaller.of(request))
				.<ResponseEntity<?>>map(ResponseEntity::ok)
				.orElseGet(() -> notFound(caseNumber));
		}
		catch (CaseStory.NotYours ex) {
			// whether someone else's case exists is none of the caller's business
			return notFound(caseNumber);
		}
	}

	/**
	 * Every label of labels.properties, for the web apps' pages (one place for the words
	 * people read).
	 */
	@GetMapping("/api/labels")
	@ResponseBody
	Map<String, String> labels() {
		return Labels.all();
	}

	private static ResponseEntity<?> notFound(String caseNumber) {
		return ApiErrors.of(HttpStatus.NOT_FOUND, "There is no case " + caseNumber + " that you follow");
	}

}
