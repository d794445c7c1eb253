package com.productops.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.productops.input.CaseInputException;
import com.productops.loop.BusinessClock;
import com.productops.loop.CaseVariables;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.NativeHistoricActivityInstanceQuery;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * One row per case (table ops_case) with what lists of cases show: number, title, area,
 * reporter, priority, outcome, followers and dates. Kept by {@link CaseRecordsPlugin} as
 * the case changes; read by the audit search and "My reports" with one query, however
 * many cases the database holds. Records of cases filed before the records had these
 * columns are filled from the engine's history at start-up.
 */
@Service
@Order(1)
public class CaseRecords implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(CaseRecords.class);

	private static final String COLUMNS = "case_number, process_instance_id, title, area, reporter, priority, outcome, "
			+ "followers, duplicate_of, reported_at, closed_at, ended_at";

	private static final int CHUNK = 500;

	private final JdbcTemplate jdbc;

	private final HistoryService history;

	private final ManagementService management;

	private final BusinessClock clock;

	public CaseRecords(JdbcTemplate jdbc, HistoryService history, ManagementService management, BusinessClock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.history = history;
		this.management = management;
	}

	/**
	 * A case as lists show it.
	 *
	 * @param followers people following the case (merged reports, "me too"), as
	 * ",otto,sam,"
	 * @param endedAt when the case's process ended (a case closed as working is still
	 * watched for a while)
	 */
	public record CaseRecord(String caseNumber, String processInstanceId, String title, String area, String reporter,
			String priority, String outcome, String followers, String duplicateOf, Date reportedAt, Date closedAt,
			Date endedAt) {

		/** Open: neither closed with an outcome nor ended. */
		public boolean open() {
			return this.endedAt == null && this.outcome == null;
		}

		public boolean running() {
			return this.endedAt == null;
		}

		public boolean followedBy(String user) {
			return this.followers != null && this.followers.contains("," + user + ",");
		}

	}

	/**
	 * The newest cases matching the criteria (null or blank: any), at most {@code limit}.
	 */
	public List<CaseRecord> search(CaseSearch.Criteria criteria, int limit) {
		StringBuilder where = new StringBuilder(" WHERE title IS NOT NULL");
		List<Object> arguments = new ArrayList<>();
		if (present(criteria.caseNumber())) {
			where.append(" AND case_number LIKE ? ESCAPE '\\'");
			arguments.add("%" + literal(criteria.caseNumber().strip().toUpperCase()) + "%");
		}
		if (present(criteria.title())) {
			where.append(" AND LOWER(title) LIKE ? ESCAPE '\\'");
			arguments.add("%" + literal(criteria.title().strip().toLowerCase()) + "%");
		}
		equalsIgnoringCase(where, arguments, "area", criteria.area());
		if (present(criteria.reporter())) {
			// the login, or a part of the name the pages show
			String reporter = criteria.reporter().strip().toUpperCase();
			where.append(" AND (UPPER(reporter) = ? OR reporter IN (SELECT ID_ FROM ")
				.append(this.management.getTableName(UserEntity.class))
				.append(" WHERE UPPER(CONCAT(FIRST_, ' ', LAST_)) LIKE ? ESCAPE '\\'))");
			arguments.add(reporter);
			arguments.add("%" + literal(reporter) + "%");
		}
		equalsIgnoringCase(where, arguments, "outcome", criteria.outcome());
		if ("open".equalsIgnoreCase(criteria.state())) {
			where.append(" AND outcome IS NULL AND ended_at IS NULL");
		}
		else if ("closed".equalsIgnoreCase(criteria.state())) {
			// closed: the case has its outcome (a case closed as working stays watched
			// for a while before it ends)
			where.append(" AND outcome IS NOT NULL");
		}
		else if (present(criteria.state())) {
			throw new CaseInputException(List.of("state must be open or closed (got '" + criteria.state() + "')"));
		}
		if (criteria.from() != null) {
			where.append(" AND reported_at >= ?");
			arguments.add(Timestamp.from(this.clock.startOf(criteria.from())));
		}
		if (criteria.to() != null) {
			where.append(" AND reported_at < ?");
			arguments.add(Timestamp.from(this.clock.startOf(criteria.to())));
		}
		arguments.add(limit);
		return this.jdbc.query("SELECT " + COLUMNS + " FROM ops_case" + where + " ORDER BY reported_at DESC LIMIT ?",
				CaseRecords::record, arguments.toArray());
	}

	/**
	 * Every case reported from {@code from} until before {@code to}, oldest first (for
	 * the scorecard).
	 */
	public List<CaseRecord> reportedBetween(Date from, Date to) {
		return this.jdbc.query(
				"SELECT " + COLUMNS + " FROM ops_case WHERE title IS NOT NULL AND reported_at >= ? "
						+ "AND reported_at < ? ORDER BY reported_at",
				CaseRecords::record, new Timestamp(from.getTime()), new Timestamp(to.getTime()));
	}

	/**
	 * The person's own reports and the cases they follow, newest first, at most
	 * {@code limit}.
	 */
	public List<CaseRecord> ofPerson(String user, int limit) {
		return this.jdbc.query(
				"SELECT " + COLUMNS + " FROM ops_case WHERE title IS NOT NULL AND (reporter = ? "
						+ "OR followers LIKE ? ESCAPE '\\') ORDER BY reported_at DESC LIMIT ?",
				CaseRecords::record, user, "%," + literal(user) + ",%", limit);
	}

	/**
	 * Text to find as it is, not as a pattern of LIKE ... ESCAPE '\': "o_to" must not
	 * find otto's cases, nor "%" every case.
	 */
	static String literal(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	/**
	 * Where the problem of each given case lives now: the case itself, or, if it was
	 * merged as a duplicate, the case it was merged into, followed to the end of the
	 * chain (0003 merged into 0002, merged in turn into 0001: 0001). One query per link.
	 */
	public Map<String, String> survivors(Collection<String> caseNumbers) {
		Map<String, String> mergedInto = new HashMap<>();
		Set<String> asked = new HashSet<>(caseNumbers);
		Set<String> next = Set.copyOf(caseNumbers);
		while (!next.isEmpty()) {
			List<String> numbers = List.copyOf(next);
			Set<String> found = new HashSet<>();
			for (int from = 0; from < numbers.size(); from += CHUNK) {
				List<String> chunk = numbers.subList(from, Math.min(numbers.size(), from + CHUNK));
				this.jdbc.query("SELECT case_number, duplicate_of FROM ops_case WHERE duplicate_of IS NOT NULL "
						+ "AND case_number IN (" + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")",
						row -> {
							mergedInto.put(row.getString(1), row.getString(2));
							found.add(row.getString(2));
						}, chunk.toArray());
			}
			// each case asked once: a case is only merged into an open one, so there are
			// no
			// cycles, but a record written by hand must not loop
			next = found.stream().filter(asked::add).collect(Collectors.toSet());
		}
		Map<String, String> survivor = new HashMap<>();
		for (String number : caseNumbers) {
			String now = number;
			Set<String> passed = new HashSet<>();
			while (mergedInto.containsKey(now) && passed.add(now)) {
				now = mergedInto.get(now);
			}
			survivor.put(number, now);
		}
		return survivor;
	}

	/**
	 * Where each running case waits: its unfinished activities, oldest first, for all
	 * cases in one query.
	 */
	public Map<String, List<HistoricActivityInstance>> waitingAt(Collection<String> processInstanceIds) {
		Map<String, List<HistoricActivityInstance>> waiting = new HashMap<>();
		List<String> ids = List.copyOf(processInstanceIds);
		for (int from = 0; from < ids.size(); from += CHUNK) {
			List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
			NativeHistoricActivityInstanceQuery query = this.history.createNativeHistoricActivityInstanceQuery();
			String in = bind(query, chunk);
			query
				.sql("SELECT * FROM " + this.management.getTableName(HistoricActivityInstance.class)
						+ " WHERE END_TIME_ IS NULL AND PROC_INST_ID_ IN (" + in + ") ORDER BY START_TIME_")
				.list()
				.forEach(activity -> waiting.computeIfAbsent(activity.getProcessInstanceId(), id -> new ArrayList<>())
					.add(activity));
		}
		return waiting;
	}

	/**
	 * Binds the ids as parameters p0, p1, ... of a native query; returns them for its IN
	 * list: "#{p0}, #{p1}".
	 */
	static String bind(NativeHistoricActivityInstanceQuery query, List<String> ids) {
		StringBuilder in = new StringBuilder();
		for (int i = 0; i < ids.size(); i++) {
			in.append(i == 0 ? "" : ", ").append("#{p").append(i).append('}');
			query.parameter("p" + i, ids.get(i));
		}
		return in.toString();
	}

	private static void equalsIgnoringCase(StringBuilder where, List<Object> arguments, String column, String value) {
		if (present(value)) {
			where.append(" AND UPPER(").append(column).append(") = ?");
			arguments.add(value.strip().toUpperCase());
		}
	}

	private static CaseRecord record(ResultSet row, int index) throws SQLException {
		return new CaseRecord(row.getString("case_number"), row.getString("process_instance_id"),
				row.getString("title"), row.getString("area"), row.getString("reporter"), row.getString("priority"),
				row.getString("outcome"), row.getString("followers"), row.getString("duplicate_of"),
				date(row, "reported_at"), date(row, "closed_at"), date(row, "ended_at"));
	}

	private static Date date(ResultSet row, String column) throws SQLException {
		Timestamp value = row.getTimestamp(column);
		return (value == null) ? null : new Date(value.getTime());
	}

	private static boolean present(String value) {
		return value != null && !value.isBlank();
	}

	/**
	 * Fills the records of cases filed before the records had their columns, from the
	 * engine's history.
	 */
	@Override
	public void run(ApplicationArguments arguments) {
		int filled = 0;
		while (true) {
			List<String> ids = this.jdbc.queryForList(
					"SELECT process_instance_id FROM ops_case WHERE reported_at IS NULL ORDER BY case_number LIMIT ?",
					String.class, CHUNK);
			if (ids.isEmpty()) {
				break;
			}
			Map<String, Map<String, Object>> values = new LinkedHashMap<>();
			ids.forEach(id -> values.put(id, new LinkedHashMap<>()));
			for (HistoricVariableInstance variable : this.history.createHistoricVariableInstanceQuery()
				.processInstanceIdIn(ids.toArray(String[]::new))
				.variableNameIn(CaseRecordsPlugin.COLUMNS.keySet().toArray(String[]::new))
				.disableCustomObjectDeserialization()
				.list()) {
				values.get(variable.getProcessInstanceId())
					.put(CaseRecordsPlugin.COLUMNS.get(variable.getName()),
							column(variable.getName(), variable.getValue()));
			}
			Map<String, HistoricProcessInstance> instances = this.history.createHistoricProcessInstanceQuery()
				.processInstanceIds(Set.copyOf(ids))
				.list()
				.stream()
				.collect(Collectors.toMap(HistoricProcessInstance::getId, instance -> instance));
			values.forEach((id, columns) -> {
				HistoricProcessInstance instance = instances.get(id);
				// a case whose history was cleaned up keeps an empty record, dated by
				// nothing: it is not listed
				columns.putIfAbsent("reported_at",
						(instance == null) ? new Timestamp(0) : new Timestamp(instance.getStartTime().getTime()));
				if (instance != null && instance.getEndTime() != null) {
					columns.put("ended_at", new Timestamp(instance.getEndTime().getTime()));
				}
				update(this.jdbc, id, columns, false);
			});
			filled += ids.size();
		}
		if (filled > 0) {
			log.info("Filled the case records of {} cases filed by an earlier version", filled);
		}
	}

	private static Object column(String variable, Object value) {
		if (value instanceof Date date) {
			return new Timestamp(date.getTime());
		}
		if (CaseVariables.FOLLOWERS.equals(variable) && value instanceof String text) {
			return followersColumn(text);
		}
		return (value == null) ? null : value.toString();
	}

	/**
	 * Followers as the record keeps them, ",otto,sam,": a search for ",otto," finds otto,
	 * not "ottoline".
	 */
	static String followersColumn(String followers) {
		return followers.isBlank() ? null : "," + String.join(",", List.of(followers.split("\\s*,\\s*"))) + ",";
	}

	/**
	 * Sets these columns of one case's record; and counts up its figures' version when
	 * they changed.
	 */
	static void update(JdbcTemplate jdbc, String processInstanceId, Map<String, Object> columns,
			boolean figuresChanged) {
		List<String> sets = new ArrayList<>(columns.keySet().stream().map(c -> c + " = ?").toList());
		// the scorecard's days count it again (ScorecardDays)
		sets.add("rollup_dirty = TRUE");
		if (figuresChanged) {
			sets.add("figures_version = figures_version + 1");
		}
		List<Object> arguments = new ArrayList<>(columns.values());
		arguments.add(processInstanceId);
		jdbc.update("UPDATE ops_case SET " + String.join(", ", sets) + " WHERE process_instance_id = ?",
				arguments.toArray());
	}

}
