package com.productops.loop;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A case held for the rest of the transaction: whoever else holds it at the same moment
 * waits until this one commits, and then reads what it wrote. The engine has no lock of
 * its own: two people moving one case at once (two reporters answering, a delivery tool
 * and the PM confirming the same release, a claim and a completion, ten duplicates merged
 * into one case) would each read the case as it was and all but one fail on the conflict.
 * The case's row in {@code ops_case} is the lock, in H2 and PostgreSQL alike. A case that
 * is not the loop's (no row) is not held.
 */
@Component
public class CaseLock {

	private static final String HOLD = "SELECT case_number FROM ops_case WHERE ";

	private final JdbcTemplate jdbc;

	public CaseLock(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public void hold(String processInstanceId) {
		select(HOLD + "process_instance_id = ? FOR UPDATE", processInstanceId);
	}

	/**
	 * The case of an open task (none when the task is gone), in a command of the engine.
	 */
	public void holdCaseOfTask(String taskId) {
		// with the engine's table prefix, if one is configured
		String tasks = Context.getCommandContext().getTableDataManager().getTableName(TaskEntity.class, true);
		select(HOLD + "process_instance_id = (SELECT PROC_INST_ID_ FROM " + tasks + " WHERE ID_ = ?) FOR UPDATE",
				taskId);
	}

	/** The case a message names, by its process instance or its case number. */
	public void holdCase(String processInstanceId, String caseNumber) {
		if (processInstanceId != null) {
			hold(processInstanceId);
		}
		else if (caseNumber != null) {
			select(HOLD + "case_number = ? FOR UPDATE", caseNumber);
		}
	}

	/**
	 * Two commands that hold two cases each in turn (two cases merged into each other at
	 * once) can wait for each other: the database gives up one of them, having stored
	 * nothing. That is a conflict like the engine's own, run again by whoever runs the
	 * command (security/LoopBoundary), and logged as one.
	 */
	private void select(String sql, String value) {
		try {
			this.jdbc.queryForList(sql, String.class, value);
		}
		catch (ConcurrencyFailureException ex) {
			throw new OptimisticLockingException("The case is held by another change: " + ex.getMessage());
		}
	}

}
