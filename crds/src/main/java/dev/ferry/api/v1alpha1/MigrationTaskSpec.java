package dev.ferry.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole mission of a migration: from where, to where, what, and how. The class-level rules
 * are the cross-field checks of {@code SpecValidator} that the API server runs at apply time.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.sources.all(s, self.sources.exists_one(t, t.name == s.name))",
    fieldPath = ".sources", message = "every source needs a unique name")
@ValidationRule(value = "self.sources.all(s, !has(s.serverId) || self.sources.exists_one(t,"
    + " has(t.serverId) && t.serverId == s.serverId))", fieldPath = ".sources",
    message = "every binlog reader needs its own serverId")
@ValidationRule(value = "self.sources.all(s, self.sources.exists_one(t, t.host.lowerAscii() =="
    + " s.host.lowerAscii() && t.port == s.port))", fieldPath = ".sources",
    message = "list each source server (host and port) once")
@ValidationRule(value = "!self.sources.exists(s, s.host.lowerAscii() =="
    + " self.target.host.lowerAscii() && s.port == self.target.port)",
    fieldPath = ".target.host", message = "the target cannot be one of the sources")
@ValidationRule(value = "self.mode == 'Incremental' || self.sources.all(s,"
    + " !has(s.startPosition))", fieldPath = ".sources",
    message = "startPosition is only used in mode Incremental")
@ValidationRule(value = "self.mode != 'Full' || !has(self.cutover) ||"
    + " !has(self.cutover.requested) || !self.cutover.requested",
    fieldPath = ".cutover.requested", message = "cutover.requested has no effect in mode Full")
@ValidationRule(value = "self.mode != 'Full' || !has(self.cutover) ||"
    + " !has(self.cutover.reverse) || !self.cutover.reverse",
    fieldPath = ".cutover.reverse", message = "cutover.reverse has no effect in mode Full")
@ValidationRule(value = "self.mode == 'Full' || !has(self.cutover) || !has(self.cutover.reverse)"
    + " || !self.cutover.reverse || size(self.sources) == 1", fieldPath = ".cutover.reverse",
    message = "cutover.reverse needs exactly one source")
@ValidationRule(value = "self.mode == 'Full' || !has(self.cutover) || !has(self.cutover.reverse)"
    + " || !self.cutover.reverse || !has(self.target.writeBinlog) || self.target.writeBinlog",
    fieldPath = ".cutover.reverse", message = "cutover.reverse reads the target's binlog: set"
    + " target.writeBinlog true")
public class MigrationTaskSpec {

  @Required
  @JsonPropertyDescription("What to migrate: Full (schema + existing data, then validation), "
      + "Incremental (binlog changes only, until cutover) or All (schema + existing data + "
      + "changes, until cutover).")
  private Mode mode;

  @Default("false")
  @JsonPropertyDescription("Pause the task: the running worker stops after saving its "
      + "checkpoint and no new worker starts until this is false again.")
  private boolean suspend;

  @Default("Delete")
  @JsonPropertyDescription("What happens to the state this task keeps on the target (ledgers and "
      + "checkpoints of this run in the ferry_meta schema) when the task is deleted: Delete "
      + "(default: a short-lived cleanup pod removes it before the task goes) or Keep (it stays; "
      + "ferry cleanup lists and removes it later).")
  private CleanupPolicy cleanup = CleanupPolicy.Delete;

  @Default("StartOver")
  @JsonPropertyDescription("When the target holds state of another run of this task name (the "
      + "task was deleted and applied again, or run again after its state file was removed): "
      + "StartOver (default: this run ignores it and copies everything again; the precheck warns) "
      + "or Refuse (the precheck fails, naming the stale state and how to clear it).")
  private StaleStatePolicy onStaleState = StaleStatePolicy.StartOver;

  @Required
  @Size(min = 1, max = StatusLimits.MAX_SOURCES)
  @JsonPropertyDescription("Source databases. Several sources are merged into the one target "
      + "(shard merge); each has its own binlog reader and checkpoint.")
  private List<SourceSpec> sources = new ArrayList<>();

  @Required
  @JsonPropertyDescription("The target database that receives schema, data and changes.")
  private TargetSpec target;

  @Default("{}")
  @JsonPropertyDescription("Which schemas and tables to migrate, and per-table rules (renames, "
      + "row filters, replicated operations).")
  private ObjectsSpec objects = new ObjectsSpec();

  @Default("{}")
  @JsonPropertyDescription("Schema migration: create the migrated schemas and tables on the "
      + "target, and what to do when they already exist.")
  private SchemaSpec schema = new SchemaSpec();

  @Default("{}")
  @JsonPropertyDescription("Precheck settings: which check items to skip.")
  private PrecheckSpec precheck = new PrecheckSpec();

  @Default("{}")
  @JsonPropertyDescription("Full data load: parallelism, chunking and throttling.")
  private FullLoadSpec fullLoad = new FullLoadSpec();

  @Default("{}")
  @JsonPropertyDescription("Incremental (binlog) replication: parallel apply, throttling, "
      + "online DDL, heartbeat, safe mode and DDL handling.")
  private IncrementalSpec incremental = new IncrementalSpec();

  @Default("{}")
  @JsonPropertyDescription("Validation that the target holds exactly the source's data.")
  private ValidationSpec validation = new ValidationSpec();

  @Default("{}")
  @JsonPropertyDescription("Cutover: switch from the source to the target with a short write "
      + "pause.")
  private CutoverSpec cutover = new CutoverSpec();

  @Default("{}")
  @JsonPropertyDescription("How long failed phases are retried, per failure class, before the "
      + "task fails.")
  private RetrySpec retry = new RetrySpec();

  @Default("{}")
  @JsonPropertyDescription("The worker pods that run each phase.")
  private WorkerSpec worker = new WorkerSpec();

  public Mode getMode() {
    return mode;
  }

  public void setMode(Mode mode) {
    this.mode = mode;
  }

  public boolean isSuspend() {
    return suspend;
  }

  public void setSuspend(boolean suspend) {
    this.suspend = suspend;
  }

  public CleanupPolicy getCleanup() {
    return cleanup;
  }

  public void setCleanup(CleanupPolicy cleanup) {
    this.cleanup = cleanup == null ? CleanupPolicy.Delete : cleanup;
  }

  public StaleStatePolicy getOnStaleState() {
    return onStaleState;
  }

  public void setOnStaleState(StaleStatePolicy onStaleState) {
    this.onStaleState = onStaleState == null ? StaleStatePolicy.StartOver : onStaleState;
  }

  public List<SourceSpec> getSources() {
    return sources;
  }

  public void setSources(List<SourceSpec> sources) {
    this.sources = sources == null ? new ArrayList<>() : sources;
  }

  public TargetSpec getTarget() {
    return target;
  }

  public void setTarget(TargetSpec target) {
    this.target = target;
  }

  public ObjectsSpec getObjects() {
    return objects;
  }

  public void setObjects(ObjectsSpec objects) {
    this.objects = objects == null ? new ObjectsSpec() : objects;
  }

  public SchemaSpec getSchema() {
    return schema;
  }

  public void setSchema(SchemaSpec schema) {
    this.schema = schema == null ? new SchemaSpec() : schema;
  }

  public PrecheckSpec getPrecheck() {
    return precheck;
  }

  public void setPrecheck(PrecheckSpec precheck) {
    this.precheck = precheck == null ? new PrecheckSpec() : precheck;
  }

  public FullLoadSpec getFullLoad() {
    return fullLoad;
  }

  public void setFullLoad(FullLoadSpec fullLoad) {
    this.fullLoad = fullLoad == null ? new FullLoadSpec() : fullLoad;
  }

  public IncrementalSpec getIncremental() {
    return incremental;
  }

  public void setIncremental(IncrementalSpec incremental) {
    this.incremental = incremental == null ? new IncrementalSpec() : incremental;
  }

  public ValidationSpec getValidation() {
    return validation;
  }

  public void setValidation(ValidationSpec validation) {
    this.validation = validation == null ? new ValidationSpec() : validation;
  }

  public CutoverSpec getCutover() {
    return cutover;
  }

  public void setCutover(CutoverSpec cutover) {
    this.cutover = cutover == null ? new CutoverSpec() : cutover;
  }

  public RetrySpec getRetry() {
    return retry;
  }

  public void setRetry(RetrySpec retry) {
    this.retry = retry == null ? new RetrySpec() : retry;
  }

  public WorkerSpec getWorker() {
    return worker;
  }

  public void setWorker(WorkerSpec worker) {
    this.worker = worker == null ? new WorkerSpec() : worker;
  }
}
