package com.productops.security;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.productops.input.CaseInputException;
import com.productops.input.StepFields;
import com.productops.input.StepInput;
import com.productops.input.StepInputs;
import com.productops.intake.DuplicateFinder;
import com.productops.loop.CaseData;
import com.productops.loop.CaseLock;
import com.productops.loop.CaseVariables;
import com.productops.loop.Conflicts;
import com.productops.loop.FormDisplayValues;
import com.productops.loop.PeopleNames;
import com.productops.loop.ProductOpsLoop;
import com.productops.verification.MetricReadings;
import com.productops.verification.ReportersVerdict;
import com.productops.web.RefusedInput;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricFormField;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.AbstractVariableQueryImpl;
import org.camunda.bpm.engine.impl.ActivityStatisticsQueryImpl;
import org.camunda.bpm.engine.impl.DeploymentStatisticsQueryImpl;
import org.camunda.bpm.engine.impl.ExecutionQueryImpl;
import org.camunda.bpm.engine.impl.HistoricActivityInstanceQueryImpl;
import org.camunda.bpm.engine.impl.HistoricActivityStatisticsQueryImpl;
import org.camunda.bpm.engine.impl.HistoricDetailQueryImpl;
import org.camunda.bpm.engine.impl.HistoricIdentityLinkLogQueryImpl;
import org.camunda.bpm.engine.impl.HistoricProcessInstanceQueryImpl;
import org.camunda.bpm.engine.impl.HistoricTaskInstanceQueryImpl;
import org.camunda.bpm.engine.impl.HistoricVariableInstanceQueryImpl;
import org.camunda.bpm.engine.impl.MessageCorrelationBuilderImpl;
import org.camunda.bpm.engine.impl.ProcessDefinitionStatisticsQueryImpl;
import org.camunda.bpm.engine.impl.ProcessInstanceQueryImpl;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.QueryEntityRelationCondition;
import org.camunda.bpm.engine.impl.QueryOrderingProperty;
import org.camunda.bpm.engine.impl.QueryVariableValue;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.UserOperationLogQueryImpl;
import org.camunda.bpm.engine.impl.VariableInstanceQueryImpl;
import org.camunda.bpm.engine.impl.batch.RestartProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.bpmn.behavior.MultiInstanceActivityBehavior;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.*;
import org.camunda.bpm.engine.impl.cmd.batch.CorrelateAllMessageBatchCmd;
import org.camunda.bpm.engine.impl.cmd.batch.DeleteProcessInstanceBatchCmd;
import org.camunda.bpm.engine.impl.cmd.batch.variables.SetVariablesToProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.ListQueryParameterObject;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobListener;
import org.camunda.bpm.engine.impl.metrics.MetricsQueryImpl;
import org.camunda.bpm.engine.impl.migration.AbstractMigrationCmd;
import org.camunda.bpm.engine.impl.migration.batch.MigrateProcessInstanceBatchCmd;
import org.camunda.bpm.engine.impl.persistence.entity.ActivityInstanceImpl;
import org.camunda.bpm.engine.impl.persistence.entity.AttachmentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricTaskInstanceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.Attachment;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The loop's rules, inside the engine: every command from every door (engine REST,
 * Tasklist's API, the application's /api, the Java API) passes here before it runs, with
 * the user who sent it.
 *
 * <ul>
 * <li><b>Only the loop moves a case.</b> People other than admins start a case only at
 * its report form and move it only by completing the task in front of them: no start at a
 * step, no skipped listeners, no instance modification, restart or migration, no variable
 * writes, no job or incident changes, no messages except the one their role owns
 * ({@code DeliveryShipped}: integration accounts). Refused with 403.</li>
 * <li><b>Each step accepts exactly its own fields</b> ({@link StepFields}) and checks
 * them with its input rules ({@link StepInputs}); anything else is refused with 400,
 * every problem listed, before the engine changes anything.</li>
 * <li>Leads read; they write no comments.</li>
 * <li><b>Duplicate suggestions are for Product Ops</b> (and admins): they name other
 * reporters' cases, so they are in no variable anyone could read or search by; they are
 * made for the triage form's variables when Product Ops opens it.</li>
 * </ul>
 * The application itself (no logged-in user: the job executor, the delegates, tracker
 * webhooks after their signature check) is not restricted, and commands the engine runs
 * inside an allowed command are not checked again.
 */
class LoopBoundary extends CommandInterceptor {

	/**
	 * Commands that move a case, its data or its jobs outside the loop's own steps: for
	 * admins only, by what they do.
	 */
	private static final Map<String, List<Class<?>>> ADMIN_ONLY = Map.of(
			"moving a case to another step, restarting, migrating, suspending or deleting it",
			List.of(StartProcessInstanceAtActivitiesCmd.class, ModifyProcessInstanceCmd.class,
					ModifyProcessInstanceAsyncCmd.class, AbstractModificationCmd.class,
					AbstractRestartProcessInstanceCmd.class, RestartProcessInstancesBatchCmd.class,
					AbstractMigrationCmd.class, MigrateProcessInstanceBatchCmd.class,
					AbstractDeleteProcessInstanceCmd.class, DeleteProcessInstanceBatchCmd.class,
					AbstractSetProcessInstanceStateCmd.class, AbstractUpdateProcessInstancesSuspendStateCmd.class,
					HandleTaskBpmnErrorCmd.class, HandleTaskEscalationCmd.class, SignalCmd.class,
					SignalEventReceivedCmd.class, MessageEventReceivedCmd.class, CorrelateAllMessageBatchCmd.class,
					EvaluateStartConditionCmd.class),
			"changing which groups or people a task is offered to",
			List.of(AbstractAddIdentityLinkCmd.class, DeleteIdentityLinkCmd.class),
			"changing a case's data outside its forms",
			List.of(AbstractSetVariableCmd.class, AbstractRemoveVariableCmd.class, AbstractPatchVariablesCmd.class,
					SetVariablesToProcessInstancesBatchCmd.class),
			"running or changing scheduled jobs and incidents",
			// a refused job execution's failure handling too: it would count the refusal
			// as a failed try
			List.of(ExecuteJobsCmd.class, FailedJobListener.class, SetJobRetriesCmd.class,
					AbstractSetJobsRetriesBatchCmd.class, SetJobDuedateCmd.class, RecalculateJobDuedateCmd.class,
					SetJobPriorityCmd.class, SetJobDefinitionPriorityCmd.class, AbstractSetJobStateCmd.class,
					AbstractSetJobDefinitionStateCmd.class, DeleteJobCmd.class, DeleteJobsCmd.class, UnlockJobCmd.class,
					CreateIncidentCmd.class, ResolveIncidentCmd.class, SetAnnotationForIncidentCmd.class,
					AbstractSetExternalTaskRetriesCmd.class, SetExternalTaskPriorityCmd.class));

	/** Notes on a case: written by the people who work it, on tasks they can see. */
	private static final List<Class<?>> NOTES = List.of(AddCommentCmd.class, UpdateCommentCmd.class,
			DeleteTaskCommentCmd.class, DeleteProcessInstanceCommentCmd.class, CreateAttachmentCmd.class,
			SaveAttachmentCmd.class, DeleteAttachmentCmd.class);

	/**
	 * What a delivery tool may say with DeliveryShipped: the ticket, nothing else about
	 * the case.
	 */
	private static final Set<String> SHIPPED_FIELDS = Set.of(CaseVariables.DELIVERY_REF, CaseVariables.DELIVERY_URL);

	/**
	 * What someone changing a task (its follow-up date) that changed meanwhile is told.
	 */
	private static final String CHANGED_MEANWHILE = "This task changed at the same moment (it was taken, given "
			+ "back or done): open it again and set the date again; nothing was changed now";

	/** What someone completing or taking a task that is not open (to them) is told. */
	private static final String NO_SUCH_OPEN_TASK = "There is no such open task (it is done, or the link is wrong); "
			+ "nothing was changed now";

	/** What a delivery tool is told when it reports a release nobody waits for. */
	private static final String NOT_WAITING_FOR_DELIVERY = "This case is not waiting for a delivery: its shipping "
			+ "was confirmed already (or it is not being built); nothing was changed now";

	/**
	 * Variables (and form values) about other people, for the people who work the case:
	 * see withoutStaffOnlyVariables.
	 */
	static final Set<String> STAFF_ONLY_VARIABLES = Set.of(CaseVariables.REPORTER_ANSWERS, CaseVariables.ALSO_AFFECTED,
			CaseVariables.FOLLOWERS, CaseVariables.DUPLICATE_REPORTS, CaseVariables.FIX_ANSWER,
			CaseVariables.HOURS_LOST_NOW, CaseVariables.FIX_NOTE, CaseVariables.ASKED_PERSON,
			CaseVariables.COMBINED_VERDICT, CaseVariables.COMBINED_VERDICT_REASON,
			FormDisplayValues.REPORTER_ANSWERS_MARKDOWN, FormDisplayValues.AFFECTED_MARKDOWN,
			CaseVariables.COMBINED_VERDICT + "Label",
			// the hours before and after a change working, summed from the answers: less
			// one's own, they tell the others'
			CaseVariables.HOURS_LOST_BEFORE, CaseVariables.HOURS_LOST_AFTER, CaseVariables.HOURS_SOURCE,
			// how the metric is read, and why it could not be: the company's systems;
			// readings, which only the people who work the case list
			CaseVariables.METRIC_QUERY, CaseVariables.METRIC_PROBLEM, FormDisplayValues.LATER_READING_TEXT,
			// the engine's counts of the people asked "Is it fixed for you?", and of
			// answers
			MultiInstanceActivityBehavior.NUMBER_OF_INSTANCES, MultiInstanceActivityBehavior.NUMBER_OF_ACTIVE_INSTANCES,
			MultiInstanceActivityBehavior.NUMBER_OF_COMPLETED_INSTANCES, MultiInstanceActivityBehavior.LOOP_COUNTER);

	private static final Set<String> STAFF_ONLY_NAMES = STAFF_ONLY_VARIABLES.stream()
		.map(name -> name.toLowerCase(Locale.ROOT))
		.collect(Collectors.toSet());

	/**
	 * The groups whose members work cases (and may comment on them); everyone else only
	 * reads.
	 */
	private static final Set<String> WORKERS = workers();

	private static final String JAVA_SERIALIZATION = Variables.SerializationDataFormats.JAVA.getName();

	private final ProcessEngineConfigurationImpl engine;

	private final Supplier<StepInputs> inputs;

	private final StepFields fields;

	private final Map<String, String> keysByDefinitionId = new ConcurrentHashMap<>();

	private final Supplier<DuplicateFinder> suggestions;

	private final Supplier<ZoneId> zone;

	private final Supplier<PeopleNames> people;

	private final Supplier<CaseLock> lock;

	private final Supplier<MetricReadings> readings;

	LoopBoundary(ProcessEngineConfigurationImpl engine, Supplier<StepInputs> inputs, StepFields fields,
			Supplier<DuplicateFinder> suggestions, Supplier<ZoneId> zone, Supplier<PeopleNames> people,
			Supplier<CaseLock> lock, Supplier<MetricReadings> readings) {
		this.readings = readings;
		this.lock = lock;
		this.people = people;
		this.engine = engine;
		this.inputs = inputs;
		this.fields = fields;
		this.suggestions = suggestions;
		this.zone = zone;
	}

	@Override
	public <T> T execute(Command<T> command) {
		if (Context.getCommandContext() != null) {
			// run by the engine inside a command that passed here
			return next.execute(command);
		}
		Authentication user = this.engine.getIdentityService().getCurrentAuthentication();
		Caller caller = (user == null || user.getUserId() == null) ? Caller.APPLICATION
				: new Caller(user.getUserId(), (user.getGroupIds() == null) ? List.of() : user.getGroupIds());
		try {
			if (!caller.isApplication() && !caller.isAdmin()) {
				refuseOutsideTheLoop(command, caller);
			}
			checkInput(command, caller);
		}
		catch (CaseInputException ex) {
			RefusedInput.remember(ex);
			throw ex;
		}
		if (!caller.isApplication()) {
			refuseSearchesTheEngineCannotRun(command);
		}
		if (!caller.isApplication() && !caller.isStaff()) {
			if (isStatistics(command)) {
				// counts of the steps cases are at (who has answered, and when)
				throw refused("Statistics and metrics of the cases are for the people who work them");
			}
			refuseSearchByStaffOnlyVariables(command);
			// a Tasklist filter runs its query inside its own command
			if (command instanceof AbstractExecuteFilterCmd) {
				refuseSearchByStaffOnlyVariables(read(command, "extendingQuery", Object.class));
			}
			if (command instanceof SaveFilterCmd) {
				Filter filter = read(command, "filter", Filter.class);
				refuseSearchByStaffOnlyVariables((filter == null) ? null : filter.getQuery());
			}
		}
		if (!caller.isApplication() && !caller.isStaff() && isAboutOtherPeople(command)) {
			return (T) readableRows((AbstractQuery<?, ?>) command, caller);
		}
		T result = movesACase(command) ? runOnHeldCase(command, caller) : next.execute(command);
		if (command instanceof GetTaskFormVariablesCmd form && result instanceof VariableMap variables) {
			addDisplayValues(form, variables, caller);
		}
		return caller.isApplication() || caller.isStaff() ? result : withoutOthersQuestions(
				withoutOthersNotes(command, withoutStaffOnlyVariables(command, result), caller), caller);
	}

	private static boolean isStatistics(Object command) {
		return command instanceof ProcessDefinitionStatisticsQueryImpl || command instanceof ActivityStatisticsQueryImpl
				|| command instanceof MetricsQueryImpl
				|| MetricsQueryImpl.class.equals(command.getClass().getEnclosingClass())
				|| command instanceof DeploymentStatisticsQueryImpl
				|| command instanceof HistoricActivityStatisticsQueryImpl;
	}

	/**
	 * Comments and files on a case's tasks are for whoever does the task and the people
	 * who work the case: a reporter reads those on her own tasks, not Product Ops' notes
	 * on theirs (her grant on the case lets the engine answer them).
	 */
	@SuppressWarnings("unchecked")
	private <T> T withoutOthersNotes(Command<T> command, T result, Caller caller) {
		if (result instanceof Comment comment) {
			return isOwnTask(comment.getTaskId(), caller) ? result : null;
		}
		if (result instanceof Attachment attachment) {
			return isOwnTask(attachment.getTaskId(), caller) ? result : null;
		}
		if (result instanceof List<?> list && !list.isEmpty()
				&& (list.get(0) instanceof Comment || list.get(0) instanceof Attachment)) {
			Map<String, Boolean> own = new HashMap<>(); // the task of each, looked up
														// once
			return (T) list.stream()
				.filter(item -> own.computeIfAbsent(
						(item instanceof Comment comment) ? comment.getTaskId() : ((Attachment) item).getTaskId(),
						taskId -> isOwnTask(taskId, caller)))
				.toList();
		}
		if ((command instanceof GetTaskAttachmentContentCmd || command instanceof GetAttachmentContentCmd)
				&& result instanceof InputStream content && !isOwnTask(attachmentsTask(command), caller)) {
			try {
				content.close();
			}
			catch (IOException ignored) {
				// nothing was read from it
			}
			return null;
		}
		return result;
	}

	/** The task of the attachment whose content is asked for. */
	private String attachmentsTask(Command<?> command) {
		String taskId = readOrNull(command, "taskId");
		String attachmentId = readOrNull(command, "attachmentId");
		if (taskId != null || attachmentId == null) {
			return taskId;
		}
		Attachment attachment = next
			.execute(context -> context.getDbEntityManager().selectById(AttachmentEntity.class, attachmentId));
		return (attachment == null) ? null : attachment.getTaskId();
	}

	private boolean isOwnTask(String taskId, Caller caller) {
		HistoricTaskInstance task = (taskId == null) ? null : next
			.execute(context -> context.getHistoricTaskInstanceManager().findHistoricTaskInstanceById(taskId));
		return task != null && caller.user().equals(task.getAssignee());
	}

	/**
	 * Where a case is, without the other people's "Is it fixed for you?" in it: how many
	 * wait, and when one goes, would tell a reporter who else was asked and when they
	 * answered.
	 */
	private <T> T withoutOthersQuestions(T result, Caller caller) {
		if (result instanceof ActivityInstanceImpl tree) {
			Set<String> others = next.execute(context -> context.getTaskManager()
				.findTasksByProcessInstanceId(tree.getProcessInstanceId())
				.stream()
				.filter(task -> ProductOpsLoop.TASK_CONFIRM_FIX.equals(task.getTaskDefinitionKey())
						&& !caller.user().equals(task.getAssignee()))
				.map(task -> task.getExecution().getActivityInstanceId())
				.collect(Collectors.toSet()));
			if (!others.isEmpty()) {
				withoutSteps(tree, others);
			}
		}
		return result;
	}

	private static void withoutSteps(ActivityInstanceImpl step, Set<String> ids) {
		step.setChildActivityInstances(Arrays.stream(step.getChildActivityInstances())
			.filter(child -> !ids.contains(child.getId()))
			.toArray(ActivityInstance[]::new));
		// a question just answered, on its way out
		step.setChildTransitionInstances(Arrays.stream(step.getChildTransitionInstances())
			.filter(child -> !ProductOpsLoop.TASK_CONFIRM_FIX.equals(child.getActivityId()))
			.toArray(TransitionInstance[]::new));
		for (ActivityInstance child : step.getChildActivityInstances()) {
			withoutSteps((ActivityInstanceImpl) child, ids);
		}
	}

	/**
	 * Completing, taking or changing a task (its follow-up date), or a message to a case.
	 */
	private static boolean movesACase(Command<?> command) {
		return command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd
				|| command instanceof ClaimTaskCmd || command instanceof AssignTaskCmd || command instanceof SaveTaskCmd
				|| command instanceof AbstractCorrelateMessageCmd;
	}

	private static String taskIdOf(Command<?> command) {
		if (command instanceof SaveTaskCmd) {
			TaskEntity task = read(command, "task", TaskEntity.class);
			return (task == null) ? null : task.getId();
		}
		return readOrNull(command, "taskId");
	}

	/**
	 * A command that moves a case first holds the case ({@link CaseLock}): people moving
	 * one case at the same moment (two reporters answering "Is it fixed for you?", the
	 * delivery tool and the PM confirming one release, a claim and a completion) take
	 * turns, and the later one sees what the earlier did: the task done, the case moved
	 * on. What still meets a concurrent change - a timer the job executor fires, two
	 * cases merged into each other (each holds its own case, then the other) - the engine
	 * refuses with an optimistic-locking conflict, or the database with a deadlock,
	 * having stored nothing: it is simply run again after a short, random pause (so that
	 * the losers do not collide again in step). A person never sees the conflict. Inside
	 * a transaction of the application's own, that whole transaction is what would have
	 * to run again: the command runs once.
	 */
	private <T> T runOnHeldCase(Command<T> command, Caller caller) {
		String taskId = taskIdOf(command);
		Command<T> held = onHeldCase(command, taskId, caller);
		// a conflict inside the caller's own transaction has spoilt it: once only
		int attempts = TransactionSynchronizationManager.isActualTransactionActive() ? 1 : Conflicts.ATTEMPTS;
		try {
			return Conflicts.retried(attempts, () -> next.execute(held),
					(attempt, ex) -> CaseInputException.in(ex) == null && (Conflicts.isConflict(ex)
							? !(command instanceof SaveTaskCmd) : attempt == 1 && taskGone(taskId)));
		}
		catch (RuntimeException ex) {
			CaseInputException refusal = CaseInputException.in(ex);
			if (refusal == null && command instanceof SaveTaskCmd && Conflicts.isConflict(ex)) {
				// it carries the task as the client read it: it would fail again
				refusal = new CaseInputException(List.of(CHANGED_MEANWHILE));
			}
			if (refusal == null) {
				throw ex;
			}
			// also a listener's refusal, which the engine wraps
			RefusedInput.remember(refusal);
			throw refusal;
		}
	}

	/**
	 * The task has just been ended by a completion that met this one: this one failed on
	 * what went with it (the task's grants, its execution) and, run once more, learns
	 * that the task is done. Asked only of a failure that is no conflict; a task that
	 * never was is not run again.
	 */
	private boolean taskGone(String taskId) {
		return taskId != null && next.execute(context -> context.getTaskManager().findTaskById(taskId) == null
				&& context.getDbEntityManager().selectById(HistoricTaskInstanceEntity.class, taskId) != null);
	}

	/**
	 * The command, run after its case is held. A task completion first checks the
	 * submitted values with the step's input rules, in the completion's own command: the
	 * task and the case's variables are read once, for the rules and for the completion
	 * (two commands of their own would each open a transaction and check the caller's
	 * permissions again). A refusal throws before the command has changed anything.
	 */
	private <T> Command<T> onHeldCase(Command<T> command, String taskId, Caller caller) {
		if (command instanceof AbstractCorrelateMessageCmd) {
			MessageCorrelationBuilderImpl message = read(command, "builder", MessageCorrelationBuilderImpl.class);
			return context -> {
				this.lock.get().holdCase(message.getProcessInstanceId(), message.getBusinessKey());
				return correlate(command, context, message);
			};
		}
		Map<String, Object> submitted = (command instanceof CompleteTaskCmd) ? read(command, "variables", Map.class)
				: (command instanceof SubmitTaskFormCmd) ? read(command, "properties", Map.class) : null;
		return context -> {
			this.lock.get().holdCaseOfTask(taskId);
			// saving a task may also create one (a new id)
			if (!(command instanceof SaveTaskCmd) || wasATask(context, taskId)) {
				refuseIfNotOpen(context, taskId, caller);
			}
			if (submitted != null) {
				checkTask(context, taskId, submitted);
			}
			if (isGivingBack(command) && !caller.isApplication() && !caller.isAdmin()) {
				refuseGivingBackOthers(context, taskId, caller);
			}
			try {
				return command.execute(context);
			}
			catch (TaskAlreadyClaimedException ex) {
				throw new CaseInputException(List.of(this.people.get().of(ex.getTaskAssignee())
						+ " has already taken this task; it is in their list now"));
			}
		};
	}

	/**
	 * A delivery tool reporting a release the case no longer waits for (the PM confirmed
	 * it a moment before, or the tool sent it twice) is told so in words, and it is no
	 * server error in the log.
	 */
	private static <T> T correlate(Command<T> command, CommandContext context, MessageCorrelationBuilderImpl message) {
		try {
			return command.execute(context);
		}
		catch (MismatchingMessageCorrelationException ex) {
			if (!ProductOpsLoop.MESSAGE_DELIVERY_SHIPPED.equals(message.getMessageName())) {
				throw ex;
			}
			throw new CaseInputException(List.of(NOT_WAITING_FOR_DELIVERY));
		}
	}

	/**
	 * What other people said and who they are - the reporters' answers, everyone else who
	 * has the problem, the followers and merged reports - is for the people who work the
	 * case. A reporter who may read the case through the engine's API (its variables,
	 * their history, a task form) gets the case without them; the case page shows them
	 * what is theirs.
	 */
	@SuppressWarnings("unchecked")
	private static <T> T withoutStaffOnlyVariables(Command<T> command, T result) {
		if (result instanceof VariableMap variables) {
			STAFF_ONLY_VARIABLES.forEach(variables::remove);
			return result;
		}
		String single = variableName(result);
		if (isStaffOnly(single)) {
			return null; // one variable, asked for by its id
		}
		if (result instanceof TypedValue || command instanceof GetExecutionVariableCmd
				|| command instanceof GetTaskVariableCmd) {
			String name = readOrNull(command, "variableName");
			return isStaffOnly(name) ? null : result;
		}
		return result;
	}

	/**
	 * A query of someone who may not read about the other people on a case (its
	 * variables, the history of its tasks, steps and people): run whole, without what is
	 * about others, then counted or paged as asked. A count or a page cut before those
	 * rows are left out would tell that they exist, and where.
	 */
	private Object readableRows(AbstractQuery<?, ?> query, Caller caller) {
		// the engine's enum of what was asked is protected: by its name
		Object resultType = read(query, "resultType", Object.class);
		String asked = String.valueOf(resultType);
		int first = query.getFirstResult();
		int max = query.getMaxResults();
		// the engine's limit of results per query is for what is answered: the page
		Boolean limited = read(query, "maxResultsLimitEnabled", Boolean.class);
		List<?> all;
		try {
			query.setFirstResult(0);
			query.setMaxResults(Integer.MAX_VALUE);
			query.disableMaxResultsLimit();
			all = next.execute(context -> query.evaluateExpressionsAndExecuteList(context, null));
		}
		finally {
			query.setFirstResult(first);
			query.setMaxResults(max);
			if (Boolean.TRUE.equals(limited)) {
				query.enableMaxResultsLimit();
			}
		}
		List<?> readable = all.stream().filter(row -> !isAboutOthers(row, caller)).toList();
		return switch (asked) {
			case "COUNT" -> (long) readable.size();
			case "LIST_PAGE" -> page(readable, first, max);
			case "SINGLE_RESULT" -> {
				if (readable.size() > 1) {
					throw new ProcessEngineException("Query return " + readable.size() + " results instead of max 1");
				}
				yield readable.isEmpty() ? null : readable.get(0);
			}
			default -> readable;
		};
	}

	/** The page asked for, within the rows (negative pages are refused before). */
	static List<?> page(List<?> rows, int first, int max) {
		int from = Math.min(first, rows.size());
		return rows.subList(from, (int) Math.min((long) from + max, rows.size()));
	}

	private static boolean isAboutOtherPeople(Object command) {
		return isVariableQuery(command) || command instanceof ExecutionQueryImpl
				|| command instanceof HistoricTaskInstanceQueryImpl
				|| command instanceof HistoricActivityInstanceQueryImpl
				|| command instanceof HistoricIdentityLinkLogQueryImpl || command instanceof UserOperationLogQueryImpl;
	}

	/**
	 * A staff-only variable, or someone else's "Is it fixed for you?" (it names who else
	 * has the problem), or another person named in the history of a case's people or of
	 * what people did on it.
	 */
	private static boolean isAboutOthers(Object row, Caller caller) {
		if (row instanceof HistoricTaskInstance task) {
			return ProductOpsLoop.TASK_CONFIRM_FIX.equals(task.getTaskDefinitionKey())
					&& !caller.user().equals(task.getAssignee());
		}
		if (row instanceof HistoricActivityInstance step) {
			return ProductOpsLoop.TASK_CONFIRM_FIX.equals(step.getActivityId())
					&& !caller.user().equals(step.getAssignee());
		}
		if (row instanceof HistoricIdentityLinkLog link) {
			return link.getUserId() != null && !caller.user().equals(link.getUserId());
		}
		if (row instanceof UserOperationLogEntry operation) {
			return operation.getUserId() != null && !caller.user().equals(operation.getUserId());
		}
		if (row instanceof ExecutionEntity execution) {
			// one per person asked "Is it fixed for you?": how many, and when one answers
			return ProductOpsLoop.TASK_CONFIRM_FIX.equals(execution.getActivityId());
		}
		return isStaffOnly(variableName(row));
	}

	private static boolean isVariableQuery(Object command) {
		return command instanceof VariableInstanceQueryImpl || command instanceof HistoricVariableInstanceQueryImpl
				|| command instanceof HistoricDetailQueryImpl;
	}

	/**
	 * One of them, by its name in any case: queries may match names ignoring case
	 * ({@code variableNamesIgnoreCase}).
	 */
	static boolean isStaffOnly(String name) {
		// also as the database folds it (UPPER): a dotless ı or a long ſ becomes an I or
		// an S there
		return name != null && (STAFF_ONLY_NAMES.contains(name.toLowerCase(Locale.ROOT))
				|| STAFF_ONLY_NAMES.contains(name.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT)));
	}

	/**
	 * A search of cases or tasks by the value of one of them would tell, one guess at a
	 * time, what it holds: refused for people who may not read them.
	 */
	private static void refuseSearchByStaffOnlyVariables(Object query) {
		// its "or" queries' too
		for (QueryVariableValue value : searchValues(query)) {
			if (isStaffOnly(value.getName())) {
				throw refused("Searching cases by " + value.getName() + " is for the people who work them");
			}
		}
		// nor sorted by it
		List<QueryOrderingProperty> order = (query instanceof ListQueryParameterObject list)
				? list.getOrderingProperties() : List.of();
		for (QueryOrderingProperty property : order) {
			if (property.hasRelationConditions()) {
				for (QueryEntityRelationCondition condition : property.getRelationConditions()) {
					if (condition.getScalarValue() instanceof String name && isStaffOnly(name)) {
						throw refused("Sorting cases by " + name + " is for the people who work them");
					}
				}
			}
		}
	}

	/**
	 * Searches the database would fail with 500 (Camunda's own behaviour): answered with
	 * 400 and what to send instead. (A true or false compared with "greater than" is
	 * refused by the engine's query builder before any command runs: still 500.)
	 */
	private static void refuseSearchesTheEngineCannotRun(Object query) {
		if (query instanceof ListQueryParameterObject page && (page.getFirstResult() < 0 || page.getMaxResults() < 0)) {
			throw new BadUserRequestException("firstResult and maxResults are 0 or more");
		}
		for (QueryVariableValue value : searchValues(query)) {
			Object searched = value.getValue();
			boolean comparable = searched == null || searched instanceof String || searched instanceof Number
					|| searched instanceof Boolean || searched instanceof Date;
			if (!comparable) {
				throw new BadUserRequestException("Search " + value.getName()
						+ " by a text, a number, a date, true or false (not a list or an object)");
			}
		}
	}

	/**
	 * The values a query searches by, its "or" queries' too (the first of them is the
	 * query itself).
	 */
	private static List<QueryVariableValue> searchValues(Object query) {
		List<QueryVariableValue> values = new ArrayList<>();
		if (query instanceof AbstractVariableQueryImpl<?, ?> variables) {
			values.addAll(variables.getQueryVariableValues());
		}
		else if (query instanceof TaskQueryImpl tasks) {
			values.addAll(tasks.getVariables());
		}
		else if (query instanceof HistoricTaskInstanceQueryImpl done) {
			values.addAll(done.getVariables());
		}
		List<?> or = (query instanceof ProcessInstanceQueryImpl q) ? q.getQueries()
				: (query instanceof HistoricProcessInstanceQueryImpl q) ? q.getQueries()
						: (query instanceof TaskQueryImpl q) ? q.getQueries()
								: (query instanceof HistoricTaskInstanceQueryImpl q) ? q.getQueries() : List.of();
		or.stream().filter(other -> other != query).forEach(other -> values.addAll(searchValues(other)));
		return values;
	}

	private static String variableName(Object item) {
		if (item instanceof VariableInstance v) {
			return v.getName();
		}
		if (item instanceof HistoricVariableInstance v) {
			return v.getName();
		}
		if (item instanceof HistoricFormField field) {
			return field.getFieldId(); // a value as a form submitted it
		}
		return (item instanceof HistoricVariableUpdate u) ? u.getVariableName() : null;
	}

	/**
	 * A loop task's form shows labels instead of codes ({@link FormDisplayValues}). The
	 * triage form also shows the open cases that read like the case now, as text and as
	 * choices to merge into: made here for Product Ops and admins, never stored in a
	 * variable (which the reporter could read or search by).
	 */
	private void addDisplayValues(GetTaskFormVariablesCmd form, VariableMap variables, Caller caller) {
		if (form.formVariableNames != null) {
			return; // a client asking for named variables gets just those
		}
		Task task = this.engine.getTaskService().createTaskQuery().taskId(form.resourceId).singleResult();
		if (task == null || !isLoop(null, task.getProcessDefinitionId())) {
			return;
		}
		// who was asked "Is it fixed for you?" as the Verify outcome task began (read as
		// the application: the question tasks are the people's own)
		Set<String> asked = !ProductOpsLoop.TASK_VERIFY.equals(task.getTaskDefinitionKey()) ? null
				: next.execute(context -> {
					context.disableAuthorizationCheck();
					try {
						return ReportersVerdict.askedIn(context.getProcessEngineConfiguration().getHistoryService(),
								task.getProcessInstanceId(), task.getCreateTime());
					}
					finally {
						context.enableAuthorizationCheck();
					}
				});
		Map<String, Object> readable = CaseData.readable(variables);
		FormDisplayValues.of(readable, this.zone.get(), this.people.get(), asked).forEach(variables::putValue);
		if (asked != null) {
			// a reading of the change (measured since it shipped) recorded after the
			// window read the metric: the verdict above does not know it
			this.readings.get()
				.recordedAfter(CaseData.CASE_NUMBER.from(readable), task.getCreateTime().toInstant(),
						CaseData.SHIPPED_AT.from(readable).toInstant())
				.ifPresent(later -> variables.putValue(FormDisplayValues.LATER_READING_TEXT,
						FormDisplayValues.laterReading(later, this.zone.get(), this.people.get())));
		}
		if (caller.mayReadSuggestions() && ProductOpsLoop.TASK_TRIAGE.equals(task.getTaskDefinitionKey())) {
			List<DuplicateFinder.Suggestion> suggestions = this.suggestions.get()
				.suggest(task.getProcessInstanceId(), CaseData.TITLE.from(readable),
						CaseData.DESCRIPTION.from(readable));
			variables.putValue(CaseVariables.DUPLICATE_SUGGESTIONS, DuplicateFinder.text(suggestions));
			FormDisplayValues.duplicateOptions(suggestions).forEach(variables::putValue);
		}
	}

	private static Set<String> names(Map<String, Object> variables) {
		return (variables == null) ? Set.of() : variables.keySet();
	}

	private void refuseOutsideTheLoop(Command<?> command, Caller caller) {
		if (command instanceof AbstractCorrelateMessageCmd) {
			String message = read(command, "messageName", String.class);
			if (!(ProductOpsLoop.MESSAGE_DELIVERY_SHIPPED.equals(message)
					&& caller.groups().contains(AccessRules.INTEGRATIONS))) {
				throw refused("Only integration accounts and admins may report '" + message
						+ "'; people move a case by completing its tasks");
			}
			MessageCorrelationBuilderImpl builder = read(command, "builder", MessageCorrelationBuilderImpl.class);
			// one case, named: a message to all cases or by correlation keys would ship
			// every case that waits (and hold none of them)
			if (command instanceof CorrelateAllMessageCmd
					|| builder.getProcessInstanceId() == null && builder.getBusinessKey() == null) {
				throw new CaseInputException(List.of("DeliveryShipped names one case: by its processInstanceId or "
						+ "its case number as businessKey"));
			}
			// nor does it test guesses of the case's values: a wrong one changed nothing
			if (!names(builder.getCorrelationProcessInstanceVariables()).isEmpty()
					|| !names(builder.getCorrelationLocalVariables()).isEmpty()) {
				throw new CaseInputException(List.of("DeliveryShipped names its case by its processInstanceId or case "
						+ "number only, without correlation keys"));
			}
			// the case's variables are for the people who work it
			if (Boolean.TRUE.equals(read(command, "variablesInResultEnabled", Boolean.class))) {
				throw new CaseInputException(
						List.of("DeliveryShipped answers without the case's variables (variablesInResultEnabled)"));
			}
			// the ticket as process variables, nothing else (local variables land on a
			// step: none are needed)
			Set<String> others = new TreeSet<>(names(builder.getPayloadProcessInstanceVariables()));
			others.removeAll(SHIPPED_FIELDS);
			others.addAll(names(builder.getPayloadProcessInstanceVariablesLocal()));
			others.addAll(names(builder.getPayloadProcessInstanceVariablesToTriggeredScope()));
			if (!others.isEmpty()) {
				throw new CaseInputException(
						List.of("DeliveryShipped takes only " + String.join(", ", new TreeSet<>(SHIPPED_FIELDS))
								+ " as process variables (not " + String.join(", ", others) + ")"));
			}
		}
		refuseHandOver(command, caller);
		boolean givingBack = isGivingBack(command);
		ADMIN_ONLY.forEach((what, commands) -> {
			if (isA(command, commands) && !givingBack) {
				throw refused("Only the loop moves a case: " + what
						+ " is for admins; people move a case by completing its tasks");
			}
		});
		if (command instanceof StartProcessInstanceCmd) {
			ProcessInstantiationBuilderImpl start = read(command, "instantiationBuilder",
					ProcessInstantiationBuilderImpl.class);
			if (start.getModificationBuilder().isSkipCustomListeners()
					|| start.getModificationBuilder().isSkipIoMappings()) {
				throw refused("A case starts with all of its steps; skipping listeners or input/output "
						+ "mappings is for admins");
			}
		}
		if (isA(command, NOTES)) {
			String taskId = readOrNull(command, "taskId");
			if (caller.groups().stream().noneMatch(WORKERS::contains)
					|| (taskId != null && this.engine.getTaskService().createTaskQuery().taskId(taskId).count() == 0)) {
				throw refused("Comments and attachments are written by the people who work the case, on the tasks "
						+ "they see; leads read them");
			}
		}
	}

	/**
	 * People take a task for themselves (claim) and give back their own (unclaim);
	 * handing a task to someone else, delegating it, or changing its deadline, priority,
	 * name or people is for admins: a PM could otherwise pass a decision to the reporter,
	 * or erase an SLA breach from the leads' audit. Its follow-up date is theirs to set.
	 */
	private void refuseHandOver(Command<?> command, Caller caller) {
		if (command instanceof ClaimTaskCmd) {
			String userId = read(command, "userId", String.class);
			if (userId != null && !userId.equals(caller.user())) {
				throw refused("People claim tasks for themselves; handing a task to someone else is for admins");
			}
		}
		else if (command instanceof DelegateTaskCmd || command instanceof ResolveTaskCmd) {
			throw refused(
					"Delegating a task (or resolving a delegation) is for admins; the loop offers each task to the "
							+ "people who do it");
		}
		else if (command instanceof SaveTaskCmd) {
			TaskEntity changed = read(command, "task", TaskEntity.class);
			Task stored = (changed == null || changed.getId() == null) ? null
					: this.engine.getTaskService().createTaskQuery().taskId(changed.getId()).singleResult();
			if (stored != null && !sameExceptFollowUp(stored, changed)) {
				throw refused("Only a task's follow-up date may be changed; its deadline, priority, name and people "
						+ "are the loop's (admins may change them)");
			}
		}
	}

	private static boolean sameExceptFollowUp(Task stored, Task changed) {
		return Objects.equals(stored.getName(), changed.getName())
				&& Objects.equals(stored.getDescription(), changed.getDescription())
				&& stored.getPriority() == changed.getPriority()
				&& sameSecond(stored.getDueDate(), changed.getDueDate())
				&& Objects.equals(stored.getAssignee(), changed.getAssignee())
				&& Objects.equals(stored.getOwner(), changed.getOwner())
				&& Objects.equals(stored.getParentTaskId(), changed.getParentTaskId())
				&& Objects.equals(stored.getDelegationState(), changed.getDelegationState());
	}

	/** Tasklist sends a task's due date back to the second. */
	private static boolean sameSecond(Date a, Date b) {
		return (a == null || b == null) ? a == b : a.getTime() / 1000 == b.getTime() / 1000;
	}

	/**
	 * Unclaiming a task (Tasklist's "x" next to one's own name): giving it back to the
	 * queue. Whether it is the caller's own is checked once its case is held
	 * (refuseGivingBackOthers): a claim by someone else at the same moment must not be
	 * undone.
	 */
	private static boolean isGivingBack(Command<?> command) {
		return command instanceof AssignTaskCmd && readOrNull(command, "userId") == null;
	}

	/**
	 * Only the person who holds a task gives it back (admins may take anyone's). Told to
	 * a caller who may see the task; the engine refuses anyone else.
	 */
	private void refuseGivingBackOthers(CommandContext context, String taskId, Caller caller) {
		TaskEntity task = context.getTaskManager().findTaskById(taskId);
		if (task == null || caller.user().equals(task.getAssignee())) {
			return;
		}
		if (!mayRead(context, task)) {
			throw refused("People give back only the tasks they hold; taking a task from someone else is for admins");
		}
		throw new CaseInputException(List.of((task.getAssignee() == null)
				? "Nobody holds this task now; nothing was changed now" : this.people.get().of(task.getAssignee())
						+ " holds this task now; only they can give it back (nothing was changed now)"));
	}

	private void checkInput(Command<?> command, Caller caller) {
		if (command instanceof StartProcessInstanceCmd) {
			ProcessInstantiationBuilderImpl start = read(command, "instantiationBuilder",
					ProcessInstantiationBuilderImpl.class);
			if (isLoop(start.getProcessDefinitionKey(), start.getProcessDefinitionId())) {
				checkStart(start.getVariables(), caller);
			}
		}
		else if (command instanceof SubmitStartFormCmd) {
			if (isLoop(null, read(command, "processDefinitionId", String.class))) {
				checkStart(read(command, "variables", Map.class), caller);
			}
		}
		else if (command instanceof AbstractSetVariableCmd || command instanceof AbstractPatchVariablesCmd
				|| command instanceof SetVariablesToProcessInstancesBatchCmd) {
			// an admin's variable write: the engine would refuse Java serialization too,
			// with a server error (the types of case values:
			// CaseValuesKeptReadablePlugin)
			Map<String, Object> variables = read(command, "variables", Map.class);
			List<String> problems = problems(variables, Set.of(), "");
			if (command instanceof SetVariablesToProcessInstancesBatchCmd) {
				// its jobs write later: told now, not as an incident of each case
				values(variables).forEach(
						(name, value) -> CaseValuesKeptReadablePlugin.problem(name, value).ifPresent(problems::add));
			}
			check(() -> {
			}, problems);
		}
		if (command instanceof AbstractRemoveVariableCmd || command instanceof AbstractPatchVariablesCmd) {
			// what every case has stays: the pages and the loop's steps need it
			Object removed = read(command,
					(command instanceof AbstractRemoveVariableCmd) ? "variableNames" : "deletions", Object.class);
			List<String> problems = new ArrayList<>();
			if (removed instanceof Collection<?> names) {
				names.stream()
					.filter(CaseValuesKeptReadablePlugin.REQUIRED::contains)
					.forEach(name -> problems.add(CaseValuesKeptReadablePlugin.required(String.valueOf(name))));
			}
			check(() -> {
			}, problems);
		}
	}

	private void checkStart(Map<String, Object> variables, Caller caller) {
		Map<String, Object> submitted = values(variables);
		Set<String> unknown = this.fields.unknown(ProductOpsLoop.START_EVENT, submitted.keySet());
		// the reporter is whoever is logged in; the application itself names the reporter
		// of a report it files
		unknown.remove(CaseVariables.REPORTER);
		if (!caller.isApplication() && submitted.containsKey(CaseVariables.REPORTER)) {
			unknown.add(CaseVariables.REPORTER);
		}
		List<String> problems = new ArrayList<>(problems(variables, unknown, "the report form"));
		if (!caller.isApplication()) {
			submitted.put(CaseVariables.REPORTER, caller.user());
		}
		StepInput intake = this.inputs.get().forStep(ProductOpsLoop.START_EVENT).orElseThrow();
		check(() -> intake.accept(submitted, new StepInput.CaseContext(null, null)), problems);
	}

	/**
	 * A task completed twice (a second click, or two people at the same moment) is told
	 * so, in words, instead of the engine's "Cannot find task" (a server error): to
	 * whoever completed it and to staff, who may know. Anyone else, and a task id that
	 * never was, hear only that there is no such open task.
	 */
	private static void refuseIfNotOpen(CommandContext context, String taskId, Caller caller) {
		if (taskId == null || context.getTaskManager().findTaskById(taskId) != null) {
			return;
		}
		HistoricTaskInstanceEntity done = context.getDbEntityManager()
			.selectById(HistoricTaskInstanceEntity.class, taskId);
		if (done != null && done.getEndTime() != null
				&& (caller.isApplication() || caller.isStaff() || caller.user().equals(done.getAssignee()))) {
			throw new CaseInputException(List.of(TaskEntity.DELETE_REASON_COMPLETED.equals(done.getDeleteReason())
					? "This task is already done (by someone else, or by a second click); nothing was changed now"
					: "This task was closed before it was done (its time ran out, or the case moved on without it); "
							+ "nothing was changed now"));
		}
		throw new CaseInputException(List.of(NO_SUCH_OPEN_TASK));
	}

	private static boolean wasATask(CommandContext context, String taskId) {
		return taskId != null
				&& context.getDbEntityManager().selectById(HistoricTaskInstanceEntity.class, taskId) != null;
	}

	/**
	 * A task's submitted values against its step's input rules (tasks of the loop only).
	 */
	private void checkTask(CommandContext context, String taskId, Map<String, Object> variables) {
		TaskEntity task = (taskId == null) ? null : context.getTaskManager().findTaskById(taskId);
		if (task == null || task.getProcessDefinitionId() == null
				|| !ProductOpsLoop.PROCESS_KEY.equals(task.getProcessDefinition().getKey())) {
			return;
		}
		if (task.getExecution() == null) {
			// ended under this command by one that holds no case (a timer): run again,
			// it is told
			throw new OptimisticLockingException("Task " + taskId + " ended meanwhile");
		}
		var input = this.inputs.get().forStep(task.getTaskDefinitionKey());
		if (input.isEmpty()) {
			return;
		}
		Map<String, Object> submitted = values(variables);
		Set<String> unknown = this.fields.unknown(task.getTaskDefinitionKey(), submitted.keySet());
		List<String> problems = new ArrayList<>(problems(variables, unknown, "this form"));
		Map<String, Object> merged = new HashMap<>(task.getVariables());
		// what is not a field of the form is refused as such, not read by the rules
		submitted.forEach((name, value) -> {
			if (!unknown.contains(name)) {
				merged.put(name, value);
			}
		});
		try {
			check(() -> input.get()
				.accept(merged, new StepInput.CaseContext(task.getProcessInstanceId(),
						task.getExecution().getProcessBusinessKey())),
					problems);
		}
		catch (RuntimeException ex) {
			if (mayRead(context, task)) {
				throw ex;
			}
			// a task the caller may not see: the engine refuses the completion, telling
			// no more than that
		}
	}

	/**
	 * As the caller: a task they may not see is left to the engine to refuse (it tells no
	 * more than that).
	 */
	private static boolean mayRead(CommandContext context, TaskEntity task) {
		try {
			context.getProcessEngineConfiguration()
				.getCommandCheckers()
				.forEach(checker -> checker.checkReadTask(task));
			return true;
		}
		catch (AuthorizationException ex) {
			return false;
		}
	}

	private static List<String> problems(Map<String, Object> variables, Set<String> unknown, String form) {
		List<String> problems = new ArrayList<>();
		if (!unknown.isEmpty()) {
			problems.add("Not fields of " + form + ": " + String.join(", ", unknown));
		}
		if (variables != null) {
			variables.keySet().forEach(name -> {
				Object value = typed(variables, name);
				if (value instanceof SerializableValue serializable
						&& JAVA_SERIALIZATION.equals(serializable.getSerializationDataFormat())) {
					problems.add("Java-serialized variables are not accepted (" + name + "); send JSON");
				}
			});
		}
		return problems;
	}

	/**
	 * Runs the step's input rules and throws with their problems and the ones found
	 * before.
	 */
	private static void check(Runnable rules, List<String> problems) {
		try {
			rules.run();
		}
		catch (CaseInputException ex) {
			problems.addAll(ex.problems());
		}
		if (!problems.isEmpty()) {
			throw new CaseInputException(problems);
		}
	}

	/**
	 * Plain values, as the input rules read them; a value still serialized stays its
	 * typed self (and is refused).
	 */
	private static Map<String, Object> values(Map<String, Object> variables) {
		Map<String, Object> values = new HashMap<>();
		if (variables != null) {
			for (String name : variables.keySet()) {
				Object value = typed(variables, name);
				values.put(name, (value instanceof TypedValue typedValue
						&& !(typedValue instanceof SerializableValue serializable && !serializable.isDeserialized()))
								? typedValue.getValue() : value);
			}
		}
		return values;
	}

	/** A variable as sent: a VariableMap's own values would deserialize it. */
	private static Object typed(Map<String, Object> variables, String name) {
		return (variables instanceof VariableMap map) ? map.getValueTyped(name) : variables.get(name);
	}

	private boolean isLoop(String key, String definitionId) {
		if (key != null || definitionId == null) {
			return ProductOpsLoop.PROCESS_KEY.equals(key);
		}
		String known = this.keysByDefinitionId.get(definitionId);
		if (known == null) {
			// as the application, not the caller: what a caller may not read must not
			// decide the rules for others
			known = this.engine.getCommandExecutorTxRequired().execute(context -> {
				context.disableAuthorizationCheck();
				var definition = context.getProcessDefinitionManager().findLatestDefinitionById(definitionId);
				return (definition == null) ? null : definition.getKey();
			});
			if (known == null) {
				return false; // no such definition: the engine refuses the command itself
			}
			// a definition's key never changes
			this.keysByDefinitionId.put(definitionId, known);
		}
		return ProductOpsLoop.PROCESS_KEY.equals(known);
	}

	private static boolean isA(Command<?> command, List<Class<?>> types) {
		return types.stream().anyMatch(type -> type.isInstance(command));
	}

	private static AuthorizationException refused(String message) {
		return new AuthorizationException(message);
	}

	/**
	 * The engine's commands keep what they were given in protected fields; the boundary
	 * reads them.
	 */
	@SuppressWarnings("unchecked")
	private static <V> V read(Object command, String name, Class<? super V> type) {
		for (Class<?> c = command.getClass(); c != null; c = c.getSuperclass()) {
			try {
				Field field = c.getDeclaredField(name);
				field.setAccessible(true);
				return (V) type.cast(field.get(command));
			}
			catch (NoSuchFieldException ex) {
				// declared higher up
			}
			catch (IllegalAccessException ex) {
				throw new IllegalStateException("Cannot read " + name + " of " + c.getName(), ex);
			}
		}
		// an engine version that renamed the field: refuse rather than let the command
		// through unchecked
		throw new IllegalStateException(command.getClass().getName() + " has no field " + name);
	}

	/** A text field's value, or null when the command has no such field. */
	private static String readOrNull(Object command, String name) {
		try {
			return (read(command, name, Object.class) instanceof String value) ? value : null;
		}
		catch (IllegalStateException noSuchField) {
			return null;
		}
	}

	private static Set<String> workers() {
		Set<String> workers = new HashSet<>(AccessRules.PM_GROUPS);
		workers.add(AccessRules.OPS);
		workers.add(AccessRules.PRODUCT_OPS);
		return Set.copyOf(workers);
	}

	record Caller(String user, List<String> groups) {

		static final Caller APPLICATION = new Caller(null, List.of());

		boolean isApplication() {
			return this.user == null;
		}

		boolean isAdmin() {
			return this.groups.contains(AccessRules.ADMINS);
		}

		/** Works the case or audits it: Product Ops, the PMs, leads, admins. */
		boolean isStaff() {
			return AccessRules.worksCases(this.groups);
		}

		boolean mayReadSuggestions() {
			return isApplication() || isAdmin() || this.groups.contains(AccessRules.PRODUCT_OPS);
		}

	}

}
