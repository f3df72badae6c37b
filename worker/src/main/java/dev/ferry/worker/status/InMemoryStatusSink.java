package dev.ferry.worker.status;

import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A status sink in memory, for tests and embedding: keeps every stored version so tests can
 * check, for example, that checkpoints never went backwards.
 */
public final class InMemoryStatusSink implements StatusSink {

  private volatile MigrationTaskSpec spec;
  private MigrationTaskStatus status;
  private final List<MigrationTaskStatus> history = new ArrayList<>();

  public InMemoryStatusSink(MigrationTaskSpec spec, MigrationTaskStatus status) {
    this.spec = spec;
    this.status = status == null ? new MigrationTaskStatus() : status;
  }

  @Override
  public MigrationTaskSpec spec() {
    return spec;
  }

  /** Replaces the spec, as a user editing the task would. */
  public void setSpec(MigrationTaskSpec spec) {
    this.spec = spec;
  }

  @Override
  public synchronized MigrationTaskStatus status() {
    return copy(status);
  }

  @Override
  public synchronized void update(Consumer<MigrationTaskStatus> change) {
    status = StatusChange.apply(status, change);
    history.add(copy(status));
  }

  /** Every status stored so far, oldest first. */
  public synchronized List<MigrationTaskStatus> history() {
    return List.copyOf(history);
  }

  private static MigrationTaskStatus copy(MigrationTaskStatus status) {
    return Serialization.clone(status);
  }
}
