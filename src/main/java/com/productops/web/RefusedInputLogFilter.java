package com.productops.web;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import com.productops.input.CaseInputException;
import org.slf4j.Marker;

/**
 * Input the loop refused is the client's mistake, answered with 400 and the problems
 * (RefusedInputResponses), not a fault of the server: the engine logs it as an error with
 * a stack trace (ENGINE-16004, and its REST API ENGINE-REST-HTTP500 for a refused start),
 * which buried real errors under every mistyped form. Such an error is logged at debug
 * level instead, as the engine logs its own BadUserRequestException. Registered in
 * logback-spring.xml.
 */
public class RefusedInputLogFilter extends TurboFilter {

	/** The logger of the engine's REST API for the errors it answers. */
	static final String REST_ERRORS = "org.camunda.bpm.engine.rest.exception";

	@Override
	public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
			Throwable thrown) {
		if (level == null || !level.isGreaterOrEqual(Level.WARN)) {
			return FilterReply.NEUTRAL; // cheap for the many calls below a warning
		}
		CaseInputException refused = CaseInputException.in((thrown != null) ? thrown : lastThrowable(params));
		String refusal = (refused != null) ? refused.getMessage() : null;
		if (refusal == null && REST_ERRORS.equals(logger.getName())) {
			// a refused start, logged as text: the boundary remembered the refusal in
			// this request (text that reads like a refusal must not hide a real error)
			refusal = RefusedInput.inCurrentRequest();
		}
		if (refusal == null) {
			return FilterReply.NEUTRAL;
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Refused input: {}", refusal);
		}
		return FilterReply.DENY;
	}

	/** SLF4J's convention: a throwable passed as the last argument is the one logged. */
	private static Throwable lastThrowable(Object[] params) {
		return (params != null && params.length > 0 && params[params.length - 1] instanceof Throwable t) ? t : null;
	}

}
