package dev.ferry.worker.precheck;

import dev.ferry.api.retry.FailureClassifier;
import dev.ferry.api.v1alpha1.CheckResult;
import dev.ferry.api.v1alpha1.FailureClass;
import dev.ferry.api.v1alpha1.PrecheckItem;
import dev.ferry.api.v1alpha1.PrecheckItemName;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Collects the results of one precheck run. Items named in {@code spec.precheck.ignore} are
 * reported as Skipped without running. A check that cannot run because of an SQL error (other
 * than a lost connection, which aborts the run) is reported as Fail with the server's message.
 */
final class PrecheckItems {

  /** One check; throws when the server cannot answer. */
  @FunctionalInterface
  interface Check {
    Finding run() throws SQLException;
  }

  private final Set<PrecheckItemName> ignored;
  private final List<PrecheckItem> items = new ArrayList<>();

  PrecheckItems(Set<PrecheckItemName> ignored) {
    this.ignored = Set.copyOf(ignored);
  }

  /** Runs {@code check} unless ignored; {@code subject} names the server in the message. */
  void check(PrecheckItemName name, String subject, Check check) throws SQLException {
    if (ignored.contains(name)) {
      add(name.name(), Finding.skipped("skipped: listed in spec.precheck.ignore").about(subject));
      return;
    }
    Finding finding;
    try {
      finding = check.run();
    } catch (SQLException e) {
      if (FailureClassifier.classify(e) == FailureClass.Connection) {
        throw e;
      }
      finding = Finding.fail("the check could not run: " + e.getMessage(),
          "give the user the privileges this check needs, or skip it with spec.precheck.ignore: ["
              + name + "]");
    }
    add(name.name(), finding.about(subject));
  }

  /** Adds a result of an item that cannot be skipped, such as a connection check. */
  void add(String name, Finding finding) {
    PrecheckItem item = new PrecheckItem();
    item.setName(name);
    item.setResult(finding.result());
    item.setMessage(finding.message());
    item.setRemedy(finding.remedy());
    items.add(item);
  }

  /**
   * The items, failures first and warnings next (so the status limit on the number of items never
   * hides them), otherwise in the order they ran.
   */
  List<PrecheckItem> items() {
    List<PrecheckItem> sorted = new ArrayList<>(items);
    sorted.sort(Comparator.comparingInt(item -> severity(item.getResult())));
    return sorted;
  }

  /** The items that failed. */
  List<PrecheckItem> failures() {
    return items.stream().filter(item -> item.getResult() == CheckResult.Fail).toList();
  }

  private static int severity(CheckResult result) {
    return switch (result) {
      case Fail -> 0;
      case Warn -> 1;
      case Pass, Skipped -> 2;
    };
  }
}
