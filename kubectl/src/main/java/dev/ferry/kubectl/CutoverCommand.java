package dev.ferry.kubectl;

import dev.ferry.api.rules.Durations;
import dev.ferry.api.v1alpha1.MigrationTask;
import dev.ferry.api.v1alpha1.Mode;
import dev.ferry.api.v1alpha1.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kubectl ferry cutover}: sets spec.cutover.requested and follows the gate (lag within
 * maxLag, fence, drain, validation) until the task completes, fails, or the timeout passes.
 */
@Command(name = "cutover", mixinStandardHelpOptions = true,
    description = {"Cut over (modes Incremental and All): sets spec.cutover.requested to true,"
        + " then follows the gate (lag within spec.cutover.maxLag, fence, drain, validation)"
        + " until the task completes.",
        "Setting spec.cutover.requested back to false before the fence cancels."})
final class CutoverCommand extends TaskCommand {

  private static final Duration POLL = Duration.ofSeconds(1);

  @Option(names = "--timeout", defaultValue = "30m", paramLabel = "DURATION",
      description = "How long to follow the cutover (default ${DEFAULT-VALUE}); the request"
          + " stays set after it.")
  String timeout;

  @Option(names = "--no-wait", description = "Set the request and return at once.")
  boolean noWait;

  @Override
  int run(MigrationTask task) throws InterruptedException {
    Duration limit = Durations.parse(timeout).orElseThrow(() -> new IllegalArgumentException(
        "--timeout: not a duration: " + timeout + " (use 90s, 30m, 1h)"));
    if (task.getSpec().getMode() == Mode.Full) {
      err().println("migrationtask " + namespace() + "/" + name + " is in mode Full: it has no"
          + " cutover (it completes after its validation); nothing set");
      return PluginExitCodes.NOT_APPLICABLE;
    }
    if (phase(task) == Phase.Completed) {
      out().println("migrationtask " + namespace() + "/" + name + " has completed; nothing set");
      return PluginExitCodes.DONE;
    }
    if (task.getSpec().getCutover().isRequested()) {
      out().println("spec.cutover.requested is already true on migrationtask " + namespace()
          + "/" + name);
    } else {
      setSpec("cutover.requested", "true");
    }
    return noWait ? PluginExitCodes.DONE : follow(Instant.now().plus(limit));
  }

  private int follow(Instant deadline) throws InterruptedException {
    String shown = null;
    while (Instant.now().isBefore(deadline)) {
      MigrationTask task = read();
      if (task == null) {
        err().println("migrationtask " + namespace() + "/" + name + " was deleted");
        return PluginExitCodes.ERROR;
      }
      String gate = CutoverGate.describe(task);
      if (!Objects.equals(gate, shown)) {
        out().println(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "  "
            + gate);
        out().flush();
        shown = gate;
      }
      if (phase(task) == Phase.Completed) {
        out().println("cutover done: the task completed");
        return PluginExitCodes.DONE;
      }
      if (phase(task) == Phase.Failed) {
        err().println("the task failed during the cutover; see kubectl ferry status " + name);
        return PluginExitCodes.FAILED;
      }
      Thread.sleep(POLL.toMillis());
    }
    err().println("timed out after " + timeout + "; spec.cutover.requested stays true (set it"
        + " to false to cancel before the fence)");
    return PluginExitCodes.TIMEOUT;
  }

  private static Phase phase(MigrationTask task) {
    return task.getStatus() == null ? null : task.getStatus().getPhase();
  }
}
