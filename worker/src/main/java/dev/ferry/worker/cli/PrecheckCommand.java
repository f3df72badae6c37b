package dev.ferry.worker.cli;

import dev.ferry.api.v1alpha1.CheckResult;
import dev.ferry.api.v1alpha1.MigrationTaskStatus;
import dev.ferry.api.v1alpha1.PrecheckItem;
import dev.ferry.worker.engine.EnginePhases;
import dev.ferry.worker.local.LocalStatusSink;
import dev.ferry.worker.precheck.PrecheckFailedException;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code ferry precheck}: runs only the precheck and prints every item. */
@Command(name = "precheck", mixinStandardHelpOptions = true,
    description = "Check sources, target and settings without migrating anything.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:no item failed", "2:invalid manifest", "3:an item failed"})
final class PrecheckCommand extends LocalTaskCommand {

  @Override
  int run(LocalTask task, PrintWriter out, PrintWriter err) {
    LocalStatusSink sink = task.sink();
    int code = ExitCodes.DONE;
    try {
      new EnginePhases().precheck(task.context(sink));
    } catch (PrecheckFailedException e) {
      code = ExitCodes.PRECHECK_FAILED;
    }
    out.print(describe(sink.status(), false));
    out.flush();
    return code;
  }

  /** The items that did not pass, for the message of a failed run. */
  static String describeFailures(MigrationTaskStatus status) {
    return "Precheck failed:" + System.lineSeparator() + describe(status, true);
  }

  private static String describe(MigrationTaskStatus status, boolean onlyProblems) {
    StringBuilder text = new StringBuilder();
    if (status.getPrecheck() == null) {
      return "no precheck result" + System.lineSeparator();
    }
    for (PrecheckItem item : status.getPrecheck().getItems()) {
      if (onlyProblems && item.getResult() != CheckResult.Fail
          && item.getResult() != CheckResult.Warn) {
        continue;
      }
      text.append(String.format("%-8s %-20s %s%n", item.getResult(), item.getName(),
          item.getMessage()));
      if (item.getRemedy() != null && item.getResult() != CheckResult.Pass) {
        text.append(String.format("%-8s %-20s remedy: %s%n", "", "", item.getRemedy()));
      }
    }
    return text.toString();
  }
}
