package dev.ferry.operator.reconcile;

import dev.ferry.api.plan.PhasePlanner;
import dev.ferry.api.plan.PhaseRecorder;
import dev.ferry.api.plan.PlanDecision;
import dev.ferry.api.rules.Deprecations;
import dev.ferry.api.rules.Durations;
import dev.ferry.api.rules.SpecProblem;
import dev.ferry.api.status.ConditionType;
import dev.ferry.api.status.Conditions;
import dev.ferry.api.status.CutoverAdvice;
import dev.ferry.api.status.Readiness;
import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.Phase;
import dev.ferry.api.v1alpha1.WorkerStatus;
import dev.ferry.operator.metrics.TaskMetrics;
import dev.ferry.operator.pod.WorkerPods;
import dev.ferry.operator.status.StatusRecorder;
import dev.ferry.operator.status.TaskEvents;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a MigrationTask into worker pods: observe (the current attempt's pods) → validate
 * (spec, Secrets, unsafe edits) → plan ({@link PhasePlanner}) → act (create or stop pods, record
 * status and events). Everything it needs is in the task's status and the pods, so a restarted
 * operator carries on where the last one stopped. A deleted task keeps its finalizer
 * ({@link Cleaner}) until its workers stopped and its run's state left the target
 * ({@link TaskDeletion}); then its metrics and bookkeeping are dropped, and its pods go with it
 * (owner references).
 */
public final class MigrationTaskReconciler implements Reconciler<MigrationTask>,
    Cleaner<MigrationTask> {

  /**
   * The finalizer on every task (JOSDK's default name for the CRD, pinned): a deleted task stays
   * until {@link TaskDeletion} is done. {@code kubectl patch} can remove it by hand.
   */
  public static final String FINALIZER = "migrationtasks.ferry.dev/finalizer";

  /** How often a running phase is looked at even without events (lag, metrics). */
  static final Duration WHILE_RUNNING = Duration.ofSeconds(10);
  /** How often a stopping worker is looked at. */
  static final Duration WHILE_STOPPING = Duration.ofSeconds(2);

  private static final Logger LOG = LoggerFactory.getLogger(MigrationTaskReconciler.class);

  private final SpecCheck specCheck;
  private final WorkerLauncher launcher;
  private final StatusRecorder recorder;
  private final TaskEvents events;
  private final TaskMetrics metrics;
  private final AttemptOutcomes outcomes;
  private final WorkerHealth health;
  private final TaskDeletion deletion;
  private final Clock clock;

  public MigrationTaskReconciler(SpecCheck specCheck, WorkerLauncher launcher,
      StatusRecorder recorder, TaskEvents events, TaskMetrics metrics, Clock clock) {
    this.specCheck = specCheck;
    this.launcher = launcher;
    this.recorder = recorder;
    this.events = events;
    this.metrics = metrics;
    this.outcomes = new AttemptOutcomes(events, metrics);
    this.health = new WorkerHealth(events);
    this.deletion = new TaskDeletion(launcher, specCheck, events);
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, MigrationTask>> prepareEventSources(
      EventSourceContext<MigrationTask> context) {
    InformerEventSourceConfiguration<Pod> pods = InformerEventSourceConfiguration
        .from(Pod.class, MigrationTask.class)
        .withName("worker-pods")
        .withLabelSelector(WorkerPods.SELECTOR)
        .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(MigrationTask.class))
        .build();
    return List.of(new InformerEventSource<>(pods, context), SecretWatch.of(context));
  }

  @Override
  public UpdateControl<MigrationTask> reconcile(MigrationTask cached,
      Context<MigrationTask> context) {
    MigrationTask task = recorder.latest(cached);
    Instant now = clock.instant();
    Long generation = task.getMetadata().getGeneration();
    MigrationTaskStatus status = task.getStatus() == null ? new MigrationTaskStatus()
        : Serialization.clone(task.getStatus());
    Collection<Pod> pods = context.getSecondaryResources(Pod.class);
    ReconcileStep step = new ReconcileStep(task, status, now, generation);

    if (!Objects.equals(status.getObservedGeneration(), generation)) {
      warnDeprecated(task);
    }
    Optional<Refusal> refusal = status.getPhase() == Phase.Completed ? Optional.empty()
        : specCheck.refusal(task);
    Optional<Duration> next = refusal.isPresent() ? refuse(step, refusal.get())
        : proceed(step, pods);
    status.setObservedGeneration(generation);
    MigrationTask written = recorder.record(task, status, context);
    metrics.observe(written, status);
    return next.map(delay -> UpdateControl.<MigrationTask>noUpdate().rescheduleAfter(delay))
        .orElseGet(UpdateControl::noUpdate);
  }

  @Override
  public DeleteControl cleanup(MigrationTask cached, Context<MigrationTask> context) {
    MigrationTask task = recorder.latest(cached);
    MigrationTaskStatus status = task.getStatus() == null ? new MigrationTaskStatus()
        : Serialization.clone(task.getStatus());
    ReconcileStep step = new ReconcileStep(task, status, clock.instant(),
        task.getMetadata().getGeneration());
    Optional<Duration> pending = deletion.pending(step, context.getSecondaryResources(Pod.class));
    if (pending.isPresent()) {
      recorder.record(task, status, context);
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(pending.get().toMillis());
    }
    metrics.forget(task);
    recorder.forget(task);
    LOG.info("{}/{} deleted: its metrics are removed", task.getMetadata().getNamespace(),
        task.getMetadata().getName());
    return DeleteControl.defaultDelete();
  }

  /** A Warning event per deprecated value, once per generation of the spec. */
  private void warnDeprecated(MigrationTask task) {
    for (SpecProblem deprecated : Deprecations.of(task.getSpec())) {
      events.record(task, TaskEvents.WARNING, "DeprecatedValue", deprecated.toString());
    }
  }

  private Optional<Duration> refuse(ReconcileStep step, Refusal refusal) {
    MigrationTaskStatus status = step.status();
    boolean known = Conditions.find(status, ConditionType.Stalled)
        .map(c -> "True".equals(c.getStatus()) && refusal.message().equals(c.getMessage()))
        .orElse(false);
    if (status.getPhase() == null) {
      status.setPhase(Phase.Pending);
    }
    step.condition(ConditionType.Stalled, true, refusal.reason(), refusal.message());
    step.condition(ConditionType.Reconciling, false, refusal.reason(),
        "waiting for the spec to be fixed");
    step.condition(ConditionType.Ready, false, refusal.reason(), refusal.message());
    if (!known) {
      LOG.info("{} refused: {}", step.name(), refusal.message());
      events.record(step.task(), TaskEvents.WARNING, refusal.reason(), refusal.message());
    }
    return Optional.empty();
  }

  private Optional<Duration> proceed(ReconcileStep step, Collection<Pod> pods) {
    MigrationTaskStatus status = step.status();
    Conditions.find(status, ConditionType.Stalled)
        .filter(c -> "True".equals(c.getStatus()))
        .filter(c -> List.of("InvalidSpec", "WorkerNotAllowed", "MissingSecret",
            "UnsafeSpecChange")
            .contains(c.getReason()))
        .ifPresent(c -> step.condition(ConditionType.Stalled, false, "SpecAccepted", ""));
    launcher.stopStrays(step.task(), pods, status.getWorker());
    WorkerStatus worker = status.getWorker();
    WorkerObservation observed = WorkerObservation.of(worker, pods,
        name -> launcher.fetch(step.task(), name));
    health.binlogRetention(step);
    health.replicatingValidation(step);
    if (observed.state() != WorkerObservation.State.RUNNING) {
      health.clearCannotStart(step);
    }
    switch (observed.state()) {
      case RUNNING -> {
        return Optional.of(whileRunning(step, pods));
      }
      case SUCCEEDED -> outcomes.succeeded(step, worker.getPhase());
      case FAILED -> {
        launcher.stop(step.task(), pods, worker.getPods());
        status.setWorker(null);
        if (step.task().getSpec().isSuspend()) {
          LOG.info("{}: worker of phase {} stopped for the suspension", step.name(),
              worker.getPhase());
        } else {
          outcomes.failed(step, worker, observed.failure(), pods);
        }
      }
      default -> { }
    }
    PlanDecision decision = PhasePlanner.decide(step.withStatus(), step.now());
    boolean starts = decision instanceof PlanDecision.RunPhase
        || decision instanceof PlanDecision.Resume;
    if (starts && pods.stream().anyMatch(WorkerLauncher::alive)) {
      step.condition(ConditionType.Reconciling, true, "WaitingForWorkerToStop",
          "a worker pod of this task is still stopping; the next one starts after it");
      return Optional.of(WHILE_STOPPING);
    }
    return carryOut(step, decision);
  }

  private Duration whileRunning(ReconcileStep step, Collection<Pod> pods) {
    MigrationTaskStatus status = step.status();
    WorkerStatus worker = status.getWorker();
    if (step.task().getSpec().isSuspend()) {
      launcher.stop(step.task(), pods, worker.getPods());
      step.condition(ConditionType.Reconciling, true, "Suspending",
          "spec.suspend is true: stopping the worker after its checkpoint");
      return WHILE_STOPPING;
    }
    health.workerStart(step, pods);
    boolean cutover = worker.getPhase() == Phase.Incremental
        && step.task().getSpec().getCutover().isRequested();
    if (!cutover && workerRunning(pods, worker)
        && !Conditions.isTrue(status, ConditionType.Stalled)) {
      step.condition(ConditionType.Reconciling, false, "PhaseRunning", "phase "
          + worker.getPhase() + " runs in pod(s) " + String.join(", ", worker.getPods()));
    }
    if (worker.getPhase() == Phase.Incremental) {
      watchIncremental(step);
    }
    return WHILE_RUNNING;
  }

  /** Whether a pod of the current worker runs: the phase transition is done. */
  private static boolean workerRunning(Collection<Pod> pods, WorkerStatus worker) {
    return pods.stream()
        .filter(pod -> worker.getPods().contains(pod.getMetadata().getName()))
        .anyMatch(pod -> pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase()));
  }

  private void watchIncremental(ReconcileStep step) {
    MigrationTaskStatus status = step.status();
    Long lag = status.getReplication() == null ? null : status.getReplication().getLagSeconds();
    Readiness readiness = Readiness.whileReplicating(lag,
        Conditions.isTrue(status, ConditionType.BinlogAtRisk));
    step.condition(ConditionType.Ready, readiness.ready(), readiness.reason(),
        readiness.message());
    if (lag != null) {
      boolean caughtUp = lag <= Math.max(1, maxLagSeconds(step.task()));
      step.condition(ConditionType.CaughtUp, caughtUp, caughtUp ? "LagWithinMaxLag"
          : "Lagging", "replication lag " + lag + "s");
    }
    boolean requested = step.task().getSpec().getCutover().isRequested();
    boolean noted = Conditions.find(status, ConditionType.Reconciling)
        .map(c -> "CutoverInProgress".equals(c.getReason())).orElse(false);
    if (requested && !noted) {
      events.record(step.task(), TaskEvents.NORMAL, "CutoverRequested",
          "cutover requested: the worker waits for the lag, fences, drains and completes");
    }
    if (requested) {
      step.condition(ConditionType.Reconciling, true, "CutoverInProgress",
          "cutover requested: waiting for the worker to drain and complete");
    }
  }

  private static long maxLagSeconds(MigrationTask task) {
    return Durations.parseValid(task.getSpec().getCutover().getMaxLag()).toSeconds();
  }

  private Optional<Duration> carryOut(ReconcileStep step, PlanDecision decision) {
    MigrationTaskStatus status = step.status();
    MigrationTask task = step.task();
    if (decision instanceof PlanDecision.Complete) {
      if (status.getPhase() != Phase.Completed) {
        events.record(task, TaskEvents.NORMAL, "Completed", "the migration completed");
        if (CutoverAdvice.applies(status)) {
          events.record(task, TaskEvents.WARNING, "RevokeTargetWrites",
              CutoverAdvice.REVOKE_TARGET_WRITES);
        }
      }
      status.setPhase(Phase.Completed);
      step.condition(ConditionType.Ready, true, "Completed", "the migration completed");
      step.condition(ConditionType.Reconciling, false, "Completed", "the migration completed");
      step.condition(ConditionType.Stalled, false, "Completed", "");
      return Optional.empty();
    }
    if (decision instanceof PlanDecision.Fail fail) {
      status.setPhase(Phase.Failed);
      if (!Conditions.isTrue(status, ConditionType.Stalled)) {
        step.condition(ConditionType.Stalled, true, "Failed", fail.reason());
      }
      step.condition(ConditionType.Reconciling, false, "Failed", fail.reason());
      step.condition(ConditionType.Ready, false, "Failed", fail.reason());
      return Optional.empty();
    }
    if (decision instanceof PlanDecision.Suspend) {
      if (status.getPhase() != Phase.Suspended) {
        events.record(task, TaskEvents.NORMAL, "Suspended",
            "spec.suspend is true: no worker runs until it is false again");
      }
      status.setPhase(Phase.Suspended);
      step.condition(ConditionType.Reconciling, false, "Suspended", "spec.suspend is true");
      step.condition(ConditionType.Ready, false, "Suspended", "spec.suspend is true");
      return Optional.empty();
    }
    if (decision instanceof PlanDecision.WaitForRetry wait) {
      status.setPhase(wait.phase());
      Duration delay = Duration.between(step.now(), wait.until());
      return Optional.of(delay.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
          : delay);
    }
    if (decision instanceof PlanDecision.Resume resume) {
      status.setRetry(null);
      events.record(task, TaskEvents.NORMAL, "Resumed",
          "the spec was edited after the task failed: resuming phase " + resume.phase());
      return start(step, resume.phase(), 0);
    }
    PlanDecision.RunPhase run = (PlanDecision.RunPhase) decision;
    if (status.getPhase() == Phase.Suspended) {
      events.record(task, TaskEvents.NORMAL, "Resumed", "spec.suspend is false: resuming");
    }
    return start(step, run.phase(), run.attempt());
  }

  private Optional<Duration> start(ReconcileStep step, Phase phase, int attempt) {
    MigrationTaskStatus status = step.status();
    MigrationTask task = step.task();
    if (phase != Phase.Precheck) {
      specCheck.rememberEndpoints(task).ifPresent(recorder::wrote);
    }
    WorkerStatus worker = launcher.start(step.withStatus(), phase, attempt, step.now());
    status.setWorker(worker);
    PhaseRecorder.started(status, phase, step.now());
    status.setPhase(phase);
    String running = "running phase " + phase + (attempt > 0 ? ", attempt " + (attempt + 1)
        : "");
    step.condition(ConditionType.Reconciling, true, phase.name(), running);
    Readiness readiness = Readiness.whileRunning(phase);
    step.condition(ConditionType.Ready, readiness.ready(), readiness.reason(),
        readiness.message());
    events.record(task, TaskEvents.NORMAL, "PhaseStarted", running + " in pod(s) "
        + String.join(", ", worker.getPods()));
    return Optional.of(WHILE_RUNNING);
  }
}
