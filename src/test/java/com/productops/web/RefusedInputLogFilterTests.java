package com.productops.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.productops.input.CaseInputException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.util.ExceptionUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

class RefusedInputLogFilterTests {

	private static final CaseInputException REFUSAL = new CaseInputException(
			List.of("title: must be 5 to 120 characters (it has 3)"));

	private final LoggerContext context = new LoggerContext();

	private final ListAppender<ILoggingEvent> events = new ListAppender<>();

	@BeforeEach
	void logToAList() {
		RefusedInputLogFilter filter = new RefusedInputLogFilter();
		filter.start();
		this.context.addTurboFilter(filter);
		this.events.setContext(this.context);
		this.events.start();
		Logger root = this.context.getLogger(Logger.ROOT_LOGGER_NAME);
		root.addAppender(this.events);
		root.setLevel(Level.DEBUG);
	}

	@AfterEach
	void noRequest() {
		RequestContextHolder.resetRequestAttributes();
	}

	@Test
	void aRefusalTheEngineLogsIsOneLineAtDebugLevel() {
		// as the engine logs it: the throwable as the last argument
		this.context.getLogger("org.camunda.bpm.engine.context")
			.error("ENGINE-16004 Exception while closing command context: {}", REFUSAL.getMessage(), REFUSAL);

		assertThat(this.events.list).extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
			.containsExactly(tuple(Level.DEBUG, "Refused input: title: must be 5 to 120 characters (it has 3)"));
		assertThat(this.events.list.get(0).getThrowableProxy()).isNull();
	}

	@Test
	void aRefusedStartTheRestApiLogsAsTextIsOneLineAtDebugLevel() {
		inARequestWhoseInputWasRefused();

		this.context.getLogger(RefusedInputLogFilter.REST_ERRORS)
			.warn("ENGINE-REST-HTTP500 " + ExceptionUtil.getExceptionStacktrace(
					new ProcessEngineException("Cannot instantiate process definition 3f2a: ...", REFUSAL)));

		assertThat(this.events.list).extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
			.containsExactly(tuple(Level.DEBUG, "Refused input: title: must be 5 to 120 characters (it has 3)"));
	}

	@Test
	void everyOtherErrorStaysAnErrorWhateverItsTextSays() {
		this.context.getLogger("org.camunda.bpm.engine.context")
			.error("ENGINE-16004 Exception while closing command context: {}", "boom",
					new ProcessEngineException("boom", new IllegalStateException("database gone")));
		// input that reads like a refusal, in a request that was not refused
		this.context.getLogger(RefusedInputLogFilter.REST_ERRORS)
			.warn("ENGINE-REST-HTTP500 " + ExceptionUtil.getExceptionStacktrace(new ProcessEngineException(
					"Cannot instantiate: \nCaused by: " + CaseInputException.class.getName() + ": forged")));
		inARequestWhoseInputWasRefused();
		this.context.getLogger("com.productops.notify").warn("a webhook failed", new IllegalStateException("503"));

		assertThat(this.events.list).extracting(ILoggingEvent::getLevel)
			.containsExactly(Level.ERROR, Level.WARN, Level.WARN);
		assertThat(this.events.list.get(0).getThrowableProxy()).isNotNull();
	}

	private static void inARequestWhoseInputWasRefused() {
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
		RefusedInput.remember(REFUSAL);
	}

}
