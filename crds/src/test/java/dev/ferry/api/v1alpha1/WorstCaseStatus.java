package dev.ferry.api.v1alpha1;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.util.stream.IntStream;

/**
 * The largest status a task of {@value #TABLES} tables and {@value StatusLimits#MAX_SOURCES}
 * sources can hold before {@link StatusLimits#trim}: every detail list ten times over its bound
 * (the table lists {@value #TABLES} long), every text twice its limit in three-byte characters,
 * every number at its maximum, table names of two 64-character identifiers, and GTID sets of
 * {@value StatusLimits#GTID_SET_CHARS} characters in every position.
 */
public final class WorstCaseStatus {

  /** Tables of the task. */
  public static final int TABLES = 10_000;
  /** A character that takes three bytes in UTF-8, as any character of a MySQL identifier. */
  private static final String WIDE = "€";
  private static final String TIME = "2026-12-07T17:23:00.123456789Z";
  private static final long BIG = Long.MAX_VALUE;

  private WorstCaseStatus() {}

  /** Every list and text of a status at (and far over) its limit. */
  public static MigrationTaskStatus build() {
    MigrationTaskStatus status = new MigrationTaskStatus();
    status.setObservedGeneration(BIG);
    status.setPhase(Phase.Incremental);
    status.setProgress(over(StatusLimits.MAX_TEXT));
    IntStream.range(0, StatusLimits.MAX_CONDITIONS).forEach(i -> status.getConditions().add(
        new ConditionBuilder().withType("Milestone" + i).withStatus("Unknown")
            .withReason("R".repeat(64)).withMessage(over(StatusLimits.MAX_TEXT))
            .withLastTransitionTime(TIME).withObservedGeneration(BIG).build()));
    for (Phase phase : Phase.values()) {
      PhaseRecord record = new PhaseRecord();
      record.setPhase(phase);
      record.setOutcome(PhaseOutcome.Succeeded);
      record.setStartedAt(TIME);
      record.setCompletedAt(TIME);
      status.getPhases().add(record);
    }
    status.setPrecheck(precheck());
    status.setFullLoad(fullLoad());
    IntStream.range(0, StatusLimits.MAX_SOURCES)
        .forEach(i -> status.getCheckpoints().add(checkpoint(i)));
    status.setReplication(replication());
    status.setValidation(validation());
    status.setCutover(cutover());
    status.setReverse(reverse());
    status.setRetry(retry());
    WorkerStatus worker = new WorkerStatus();
    worker.setPhase(Phase.FullLoad);
    worker.setAttempt(Integer.MAX_VALUE);
    worker.setStartedAt(TIME);
    IntStream.range(0, StatusLimits.MAX_WORKER_PODS)
        .forEach(i -> worker.getPods().add(String.format("%s-%02d", "p".repeat(60), i)));
    status.setWorker(worker);
    return status;
  }

  private static PrecheckStatus precheck() {
    PrecheckStatus precheck = new PrecheckStatus();
    precheck.setCheckedAt(TIME);
    IntStream.range(0, 10 * StatusLimits.MAX_PRECHECK_ITEMS).forEach(i -> {
      PrecheckItem item = new PrecheckItem();
      item.setName("BinlogRowValueOptions");
      item.setResult(CheckResult.Fail);
      item.setMessage(over(StatusLimits.MAX_TEXT));
      item.setRemedy(over(StatusLimits.MAX_TEXT));
      precheck.getItems().add(item);
    });
    return precheck;
  }

  private static FullLoadStatus fullLoad() {
    FullLoadStatus fullLoad = new FullLoadStatus();
    fullLoad.setStartedAt(TIME);
    fullLoad.setCompletedAt(TIME);
    fullLoad.setTablesTotal(TABLES);
    fullLoad.setTablesDone(TABLES);
    fullLoad.setChunksTotal(BIG);
    fullLoad.setChunksDone(BIG);
    fullLoad.setRowsEstimated(BIG);
    fullLoad.setRowsCopied(BIG);
    fullLoad.setBytesCopied(BIG);
    fullLoad.setRowsPerSecond(Double.MAX_VALUE);
    IntStream.range(0, TABLES).forEach(i -> {
      TableProgress table = new TableProgress();
      table.setTable(table(i));
      table.setRowsEstimated(BIG);
      table.setRowsCopied(BIG);
      table.setChunksTotal(Integer.MAX_VALUE);
      table.setChunksDone(Integer.MAX_VALUE);
      fullLoad.getTables().add(table);
      fullLoad.getSingleStreamTables().add(table(i));
    });
    return fullLoad;
  }

  private static SourceCheckpoint checkpoint(int source) {
    SourceCheckpoint checkpoint = new SourceCheckpoint();
    checkpoint.setSource(String.format("%s-%02d", "s".repeat(60), source));
    checkpoint.setFile(binlogFile());
    checkpoint.setPosition(BIG);
    checkpoint.setGtidSet(gtidSet());
    checkpoint.setEventTime(TIME);
    checkpoint.setUpdatedAt(TIME);
    checkpoint.setSafeModeUntil(position());
    return checkpoint;
  }

  private static ReplicationStatus replication() {
    ReplicationStatus replication = new ReplicationStatus();
    replication.setLagSeconds(BIG);
    replication.setEventsPerSecond(Double.MAX_VALUE);
    replication.setRowsPerSecond(Double.MAX_VALUE);
    replication.setEventsApplied(BIG);
    replication.setSafeMode(true);
    replication.setBinlogAtRisk(over(StatusLimits.MAX_TEXT));
    replication.setConflictsOverwritten(BIG);
    replication.setConflictsSkipped(BIG);
    replication.setUpdatedAt(TIME);
    IntStream.range(0, 10 * StatusLimits.MAX_CONFLICT_TABLES).forEach(i -> {
      TableConflicts table = new TableConflicts();
      table.setTable(table(i));
      table.setOverwritten(BIG);
      table.setSkipped(BIG);
      table.setLast(over(StatusLimits.MAX_ENTRY_TEXT));
      replication.getConflicts().add(table);
    });
    return replication;
  }

  private static ValidationStatus validation() {
    ValidationStatus validation = new ValidationStatus();
    validation.setStage(ValidationStage.Continuous);
    validation.setStartedAt(TIME);
    validation.setCompletedAt(TIME);
    validation.setPassed(false);
    validation.setTablesTotal(TABLES);
    validation.setTablesChecked(TABLES);
    validation.setChunksMatched(BIG);
    validation.setChunksMismatched(BIG);
    validation.setChunksRechecked(BIG);
    validation.setChunksUnsettled(BIG);
    validation.setPasses(Integer.MAX_VALUE);
    IntStream.range(0, 10 * StatusLimits.MAX_MISMATCHES).forEach(i -> {
      ChunkMismatch mismatch = new ChunkMismatch();
      mismatch.setTable(table(i));
      mismatch.setLowerKey(over(StatusLimits.MAX_KEY_TEXT));
      mismatch.setUpperKey(over(StatusLimits.MAX_KEY_TEXT));
      IntStream.range(0, 10 * StatusLimits.MAX_KEYS_PER_MISMATCH)
          .forEach(k -> mismatch.getKeys().add(over(StatusLimits.MAX_KEY_TEXT)));
      validation.getMismatches().add(mismatch);
    });
    return validation;
  }

  private static CutoverStatus cutover() {
    CutoverStatus cutover = new CutoverStatus();
    cutover.setRequestedAt(TIME);
    cutover.setFencedAt(TIME);
    cutover.setFenceMethod(FenceMethod.WriteBlockingTriggers);
    cutover.setDrainedAt(TIME);
    cutover.setWriteDowntimeSeconds(Double.MAX_VALUE);
    cutover.setTargetPosition(position());
    return cutover;
  }

  private static ReverseStatus reverse() {
    ReverseStatus reverse = new ReverseStatus();
    reverse.setState(ReverseState.Streaming);
    reverse.setSource(checkpoint(0).getSource());
    reverse.setStartedAt(TIME);
    reverse.setFrom(position());
    reverse.setSafeModeUntil(position());
    reverse.setCheckpoint(checkpoint(0));
    reverse.setLagSeconds(BIG);
    reverse.setEventsApplied(BIG);
    reverse.setEventsPerSecond(Double.MAX_VALUE);
    reverse.setStoppedAt(TIME);
    reverse.setUpdatedAt(TIME);
    return reverse;
  }

  private static RetryStatus retry() {
    RetryStatus retry = new RetryStatus();
    retry.setPhase(Phase.Incremental);
    retry.setFailureClass(FailureClass.Connection);
    retry.setAttempt(Integer.MAX_VALUE);
    retry.setFirstFailureAt(TIME);
    retry.setConnectionFailuresSince(TIME);
    retry.setOtherFailuresSince(TIME);
    retry.setLastFailureAt(TIME);
    retry.setNextAttemptAt(TIME);
    retry.setWindowEndsAt(TIME);
    retry.setLastError(over(StatusLimits.MAX_TEXT));
    return retry;
  }

  private static BinlogPosition position() {
    BinlogPosition position = new BinlogPosition();
    position.setFile(binlogFile());
    position.setPosition(BIG);
    position.setGtidSet(gtidSet());
    return position;
  }

  /** A qualified table name of two 64-character identifiers, unique per {@code i}. */
  public static String table(int i) {
    return WIDE.repeat(64) + "." + WIDE.repeat(59) + String.format("%05d", i);
  }

  private static String binlogFile() {
    return "m".repeat(57) + ".000001";
  }

  /** MySQL GTID intervals of server UUIDs, {@link StatusLimits#GTID_SET_CHARS} long. */
  private static String gtidSet() {
    String interval = "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-9223372036854775807,";
    String set = interval.repeat(StatusLimits.GTID_SET_CHARS / interval.length() + 1);
    return set.substring(0, StatusLimits.GTID_SET_CHARS);
  }

  /** Text of three-byte characters, twice as long as {@code limit}. */
  private static String over(int limit) {
    return WIDE.repeat(2 * limit);
  }
}
