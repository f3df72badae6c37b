package dev.ferry.worker.local;

import dev.ferry.api.manifest.ManifestReader;
import dev.ferry.api.manifest.ManifestResult;
import dev.ferry.api.v1alpha1.MigrationTaskSpec;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.worker.status.StatusChange;
import dev.ferry.worker.status.StatusSink;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status sink of {@code ferry run}: the spec comes from the manifest file, re-read at most
 * once a second so edits (a throttle, {@code spec.cutover.requested}) take effect while running;
 * the status lives in the state file, written atomically on every update, with checkpoints kept
 * monotonic.
 */
public final class LocalStatusSink implements StatusSink {

  private static final Logger LOG = LoggerFactory.getLogger(LocalStatusSink.class);
  private static final Duration SPEC_REFRESH = Duration.ofSeconds(1);

  private final Path manifest;
  private final StateFile stateFile;
  private final Clock clock;
  private MigrationTaskSpec spec;
  private Instant specReadAt;
  private MigrationTaskStatus status;

  public LocalStatusSink(Path manifest, MigrationTaskSpec spec, StateFile stateFile, Clock clock) {
    this.manifest = manifest;
    this.stateFile = stateFile;
    this.clock = clock;
    this.spec = spec;
    this.specReadAt = clock.instant();
    this.status = stateFile.read();
  }

  @Override
  public synchronized MigrationTaskSpec spec() {
    Instant now = clock.instant();
    if (Duration.between(specReadAt, now).compareTo(SPEC_REFRESH) >= 0) {
      specReadAt = now;
      reloadSpec();
    }
    return spec;
  }

  @Override
  public synchronized MigrationTaskStatus status() {
    return Serialization.clone(status);
  }

  @Override
  public synchronized void update(Consumer<MigrationTaskStatus> change) {
    MigrationTaskStatus next = StatusChange.apply(status, change);
    stateFile.write(next);
    status = next;
  }

  private void reloadSpec() {
    try {
      ManifestResult result = ManifestReader.read(Files.readString(manifest));
      if (result.isValid()) {
        spec = result.task().getSpec();
      } else {
        LOG.warn("{} has problems now, keeping the spec read before: {}", manifest,
            result.problems());
      }
    } catch (IOException e) {
      LOG.warn("cannot re-read {} ({}), keeping the spec read before", manifest, e.getMessage());
    }
  }
}
