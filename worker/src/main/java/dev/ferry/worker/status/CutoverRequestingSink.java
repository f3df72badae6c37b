package dev.ferry.worker.status;

import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.function.Consumer;

/**
 * A sink whose spec always requests the cutover ({@code ferry run --cutover-when-caught-up}):
 * replication stops as soon as it has caught up and drained.
 */
public final class CutoverRequestingSink implements StatusSink {

  private final StatusSink delegate;

  public CutoverRequestingSink(StatusSink delegate) {
    this.delegate = delegate;
  }

  @Override
  public MigrationTaskSpec spec() {
    MigrationTaskSpec spec = Serialization.clone(delegate.spec());
    spec.getCutover().setRequested(true);
    return spec;
  }

  @Override
  public MigrationTaskStatus status() {
    return delegate.status();
  }

  @Override
  public void update(Consumer<MigrationTaskStatus> change) {
    delegate.update(change);
  }
}
