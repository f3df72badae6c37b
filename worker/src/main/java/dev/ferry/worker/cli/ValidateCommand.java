package dev.ferry.worker.cli;

import dev.ferry.api.v1alpha1.ChunkMismatch;
import dev.ferry.api.v1alpha1.ValidationStatus;
import dev.ferry.worker.local.LocalStatusSink;
import dev.ferry.worker.validation.Validation;
import dev.ferry.worker.validation.ValidationResult;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code ferry validate}: compares source and target data chunk by chunk. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Compare the source and target data of a task, chunk by chunk, by checksums"
        + " computed in the databases.", "Uses spec.validation (chunkRows, repair)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:source and target are equal", "2:invalid manifest",
        "6:tables differ (named in the output)"})
final class ValidateCommand extends LocalTaskCommand {

  @Override
  int run(LocalTask task, PrintWriter out, PrintWriter err) throws InterruptedException {
    LocalStatusSink sink = task.sink();
    ValidationResult result = Validation.run(task.context(sink));
    out.printf("%d tables checked, %d chunks equal, %d chunks differ%s%n",
        result.tablesChecked(), result.chunksMatched(), result.chunksMismatched(),
        result.chunksRepaired() > 0 ? ", " + result.chunksRepaired() + " repaired" : "");
    if (!result.keylessTables().isEmpty()) {
      out.println("compared whole (no key): " + String.join(", ", result.keylessTables()));
    }
    if (result.passed()) {
      out.println("source and target are equal");
      out.flush();
      return ExitCodes.DONE;
    }
    err.println("tables that differ: " + String.join(", ", result.differingTables()));
    ValidationStatus status = sink.status().getValidation();
    if (status != null) {
      for (ChunkMismatch mismatch : status.getMismatches()) {
        err.println("  " + mismatch.getTable() + ", chunk between keys " + mismatch.getLowerKey()
            + " and " + mismatch.getUpperKey() + ": first differing keys " + mismatch.getKeys());
      }
    }
    out.flush();
    err.flush();
    return ExitCodes.DIFFERENCES;
  }
}
