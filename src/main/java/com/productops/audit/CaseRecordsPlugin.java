package com.productops.audit;

import static com.productops.loop.CaseVariables.AREA;
import static com.productops.loop.CaseVariables.CASE_OUTCOME;
import static com.productops.loop.CaseVariables.CLOSED_AT;
import static com.productops.loop.CaseVariables.DUPLICATE_OF;
import static com.productops.loop.CaseVariables.FOLLOWERS;
import static com.productops.loop.CaseVariables.PRIORITY;
import static com.productops.loop.CaseVariables.REPORTED_AT;
import static com.productops.loop.CaseVariables.REPORTER;
import static com.productops.loop.CaseVariables.TITLE;

import java.sql.Timestamp;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.productops.loop.ProductOpsLoop;
import com.productops.ops.EngineSessions;
import com.productops.ops.HistoryEventFollowers;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the case records (table ops_case, see {@link CaseRecords}) from the engine's
 * history events: whatever changes a case's title, area, reporter, priority, outcome,
 * followers or dates, through any API, changes its record in the same transaction;
 * whatever changes what its scorecard figures are computed from marks them stale
 * ({@link CaseFigures}). The changes of one command are collected and written when the
 * command flushes: one update per case. Variable events exist from history level "audit"
 * up; the application runs "full".
 */
@Component
public class CaseRecordsPlugin extends AbstractProcessEnginePlugin {

	/** Case variables and the record's columns. */
	static final Map<String, String> COLUMNS = Map.of(TITLE, "title", AREA, "area", REPORTER, "reporter", PRIORITY,
			"priority", CASE_OUTCOME, "outcome", FOLLOWERS, "followers", DUPLICATE_OF, "duplicate_of", REPORTED_AT,
			"reported_at", CLOSED_AT, "closed_at");

	private final JdbcTemplate jdbc;

	public CaseRecordsPlugin(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		EngineSessions.add(configuration, Changes.class, () -> new Changes(this.jdbc));
	}

	@Override
	public void postInit(ProcessEngineConfigurationImpl configuration) {
		HistoryEventFollowers.follow(configuration, CaseRecordsPlugin::record);
	}

	private static void record(HistoryEvent event) {
		if (!ProductOpsLoop.PROCESS_KEY.equals(event.getProcessDefinitionKey())) {
			return;
		}
		if (event instanceof HistoricVariableUpdateEventEntity update) {
			if (update.getTaskId() != null) {
				return; // a task's own variable, not the case's
			}
			if (COLUMNS.containsKey(update.getVariableName())) {
				boolean removed = HistoryEventTypes.VARIABLE_INSTANCE_DELETE.getEventName()
					.equals(update.getEventType());
				String column = COLUMNS.get(update.getVariableName());
				changes().set(update.getProcessInstanceId(), column, removed ? null : fitted(column, value(update)));
			}
			if (CaseFigures.VARIABLES.contains(update.getVariableName())) {
				changes().figuresChanged(update.getProcessInstanceId());
			}
		}
		else if (event instanceof HistoricActivityInstanceEventEntity step && CaseFigures.changesFigures(step)) {
			changes().figuresChanged(step.getProcessInstanceId());
		}
		else if (event instanceof HistoricProcessInstanceEventEntity instance && instance.getEndTime() != null) {
			changes().set(instance.getProcessInstanceId(), "ended_at", new Timestamp(instance.getEndTime().getTime()));
		}
	}

	/** Column widths of the record's text columns (schema.sql). */
	private static final Map<String, Integer> WIDTHS = Map.of("title", 255, "area", 32, "reporter", 64, "priority", 8,
			"outcome", 32, "followers", 4000, "duplicate_of", 32);

	/**
	 * A value cut to its column: the loop never writes a longer one, but a variable set
	 * through the API may be, and the record's update must not fail the step that set it.
	 */
	private static Object fitted(String column, Object value) {
		Integer width = WIDTHS.get(column);
		return (width != null && value instanceof String text && text.length() > width) ? text.substring(0, width)
				: value;
	}

	private static Object value(HistoricVariableUpdateEventEntity update) {
		if ("date".equals(update.getSerializerName())) {
			return (update.getLongValue() == null) ? null : new Timestamp(update.getLongValue());
		}
		String text = update.getTextValue();
		if (FOLLOWERS.equals(update.getVariableName()) && text != null) {
			return CaseRecords.followersColumn(text);
		}
		return text;
	}

	private static Changes changes() {
		return Context.getCommandContext().getSession(Changes.class);
	}

	/** The record changes of one command, written when it flushes. */
	static final class Changes implements Session {

		private final JdbcTemplate jdbc;

		private final Map<String, Map<String, Object>> byCase = new LinkedHashMap<>();

		private final Set<String> figuresChanged = new HashSet<>();

		Changes(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		void set(String processInstanceId, String column, Object value) {
			this.byCase.computeIfAbsent(processInstanceId, id -> new LinkedHashMap<>()).put(column, value);
		}

		/**
		 * What the case's scorecard figures are computed from changed: they are stale
		 * (see {@link CaseFigures}).
		 */
		void figuresChanged(String processInstanceId) {
			this.byCase.computeIfAbsent(processInstanceId, id -> new LinkedHashMap<>());
			this.figuresChanged.add(processInstanceId);
		}

		@Override
		public void flush() {
			this.byCase.forEach((processInstanceId, values) -> CaseRecords.update(this.jdbc, processInstanceId, values,
					this.figuresChanged.contains(processInstanceId)));
			this.byCase.clear();
			this.figuresChanged.clear();
		}

		@Override
		public void close() {
		}

	}

}
