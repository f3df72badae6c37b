package dev.ferry.worker.cdc;

import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.SourceCheckpoint;
import dev.ferry.worker.status.InMemoryStatusSink;
import dev.ferry.worker.status.StatusSink;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A status sink that records every checkpoint the engine PROPOSES, before the sink's own
 * monotonic guard could hide a step backwards.
 */
final class RecordingSink implements StatusSink {

  private final InMemoryStatusSink delegate;
  private final List<SourceCheckpoint> proposed = new ArrayList<>();

  RecordingSink(InMemoryStatusSink delegate) {
    this.delegate = delegate;
  }

  @Override
  public MigrationTaskSpec spec() {
    return delegate.spec();
  }

  @Override
  public MigrationTaskStatus status() {
    return delegate.status();
  }

  @Override
  public synchronized void update(Consumer<MigrationTaskStatus> change) {
    MigrationTaskStatus probe = delegate.status();
    change.accept(probe);
    probe.getCheckpoints().forEach(c -> proposed.add(Serialization.clone(c)));
    delegate.update(change);
  }

  synchronized List<SourceCheckpoint> proposed() {
    return List.copyOf(proposed);
  }
}
