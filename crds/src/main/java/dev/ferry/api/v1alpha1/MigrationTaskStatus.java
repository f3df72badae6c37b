package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a migration stands. The operator writes phase, conditions, phases, retry and worker; the
 * worker writes precheck, fullLoad, checkpoints, replication, validation, cutover, reverse and
 * progress.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MigrationTaskStatus {

  @JsonPropertyDescription("The spec generation the operator last acted on.")
  private Long observedGeneration;

  @JsonPropertyDescription("Current phase.")
  private Phase phase;

  @JsonPropertyDescription("One-line progress of the current phase (for example 42% or lag "
      + "0s).")
  private String progress;

  @JsonPropertyDescription("Conditions: Ready, Reconciling, Stalled, and milestones "
      + "PrecheckPassed, SchemaMigrated, FullLoadComplete, CaughtUp, Validated, "
      + "BinlogAtRisk.")
  @SchemaFrom(type = UpstreamSchemas.ConditionList.class)
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("Phases started so far, in the order they first started, one record "
      + "per phase, with their outcome and timing.")
  private List<PhaseRecord> phases = new ArrayList<>();

  @JsonPropertyDescription("Results of the last precheck.")
  private PrecheckStatus precheck;

  @JsonPropertyDescription("Full-load summary.")
  private FullLoadStatus fullLoad;

  @JsonPropertyDescription("Binlog checkpoint per source: every change before it is committed "
      + "on the target. Never moves backwards.")
  private List<SourceCheckpoint> checkpoints = new ArrayList<>();

  @JsonPropertyDescription("Incremental replication health.")
  private ReplicationStatus replication;

  @JsonPropertyDescription("Validation summary.")
  private ValidationStatus validation;

  @JsonPropertyDescription("Cutover progress.")
  private CutoverStatus cutover;

  @JsonPropertyDescription("The reverse stream from the new target back to the old source "
      + "after the cutover (spec.cutover.reverse).")
  private ReverseStatus reverse;

  @JsonPropertyDescription("Retry state while a phase is failing.")
  private RetryStatus retry;

  @JsonPropertyDescription("Worker pods of the current phase.")
  private WorkerStatus worker;

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public Phase getPhase() {
    return phase;
  }

  public void setPhase(Phase phase) {
    this.phase = phase;
  }

  public String getProgress() {
    return progress;
  }

  public void setProgress(String progress) {
    this.progress = progress;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions == null ? new ArrayList<>() : conditions;
  }

  public List<PhaseRecord> getPhases() {
    return phases;
  }

  public void setPhases(List<PhaseRecord> phases) {
    this.phases = phases == null ? new ArrayList<>() : phases;
  }

  public PrecheckStatus getPrecheck() {
    return precheck;
  }

  public void setPrecheck(PrecheckStatus precheck) {
    this.precheck = precheck;
  }

  public FullLoadStatus getFullLoad() {
    return fullLoad;
  }

  public void setFullLoad(FullLoadStatus fullLoad) {
    this.fullLoad = fullLoad;
  }

  public List<SourceCheckpoint> getCheckpoints() {
    return checkpoints;
  }

  public void setCheckpoints(List<SourceCheckpoint> checkpoints) {
    this.checkpoints = checkpoints == null ? new ArrayList<>() : checkpoints;
  }

  public ReplicationStatus getReplication() {
    return replication;
  }

  public void setReplication(ReplicationStatus replication) {
    this.replication = replication;
  }

  public ValidationStatus getValidation() {
    return validation;
  }

  public void setValidation(ValidationStatus validation) {
    this.validation = validation;
  }

  public CutoverStatus getCutover() {
    return cutover;
  }

  public void setCutover(CutoverStatus cutover) {
    this.cutover = cutover;
  }

  public ReverseStatus getReverse() {
    return reverse;
  }

  public void setReverse(ReverseStatus reverse) {
    this.reverse = reverse;
  }

  public RetryStatus getRetry() {
    return retry;
  }

  public void setRetry(RetryStatus retry) {
    this.retry = retry;
  }

  public WorkerStatus getWorker() {
    return worker;
  }

  public void setWorker(WorkerStatus worker) {
    this.worker = worker;
  }
}
