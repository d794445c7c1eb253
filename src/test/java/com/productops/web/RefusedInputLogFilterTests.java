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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RefusedInputLogFilterTests {

	private final LoggerContext context = new LoggerContext();

	private final ListAppender<ILoggingEvent> events = new ListAppender<>();

	private Logger logger;

	@BeforeEach
	void logToAList() {
		RefusedInputLogFilter filter = new RefusedInputLogFilter();
		filter.start();
		this.context.addTurboFilter(filter);
		this.events.setContext(this.context);
		this.events.start();
		this.logger = this.context.getLogger("org.camunda.bpm.engine.context");
		this.logger.addAppender(this.events);
		this.logger.setLevel(Level.DEBUG);
	}

	@Test
	void refusedInputIsOneLineAtDebugLevelNotAnErrorWithItsStackTrace() {
		CaseInputException refusal = new CaseInputException(List.of("title: must be 8 to 120 characters (it has 3)"));
		// as the engine logs it (the throwable as the last argument), and as its REST API
		// does (wrapped)
		this.logger.error("ENGINE-16004 Exception while closing command context: {}", refusal.getMessage(), refusal);
		this.logger.error("ENGINE-REST-HTTP500 Cannot instantiate process definition",
				new ProcessEngineException("Cannot instantiate process definition 3f2a: ...", refusal));
		// the REST API logs a 500 with the stack trace as text, in the message
		this.logger.warn("ENGINE-REST-HTTP500 " + ExceptionUtil.getExceptionStacktrace(
				new ProcessEngineException("Cannot instantiate process definition 3f2a: ...", refusal)));

		assertThat(this.events.list).extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
			.containsOnly(tuple(Level.DEBUG, "Refused input: title: must be 8 to 120 characters (it has 3)"))
			.hasSize(3);
		assertThat(this.events.list).allSatisfy(event -> assertThat(event.getThrowableProxy()).isNull());
	}

	@Test
	void everyOtherErrorStaysAnError() {
		this.logger.error("ENGINE-16004 Exception while closing command context: {}", "boom",
				new ProcessEngineException("boom", new IllegalStateException("database gone")));
		this.logger.warn("a warning without a throwable");
		this.logger.warn("ENGINE-REST-HTTP500 {}",
				ExceptionUtil.getExceptionStacktrace(new ProcessEngineException("Cannot instantiate: database gone")));

		assertThat(this.events.list).extracting(ILoggingEvent::getLevel)
			.containsExactly(Level.ERROR, Level.WARN, Level.WARN);
		assertThat(this.events.list.get(0).getThrowableProxy()).isNotNull();
	}

}
