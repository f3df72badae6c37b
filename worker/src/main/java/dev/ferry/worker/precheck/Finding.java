package dev.ferry.worker.precheck;

import dev.ferry.api.v1alpha1.CheckResult;

/**
 * What one check found: its result, what was seen, and (when it did not pass) how to fix it.
 *
 * @param remedy null when the check passed
 */
record Finding(CheckResult result, String message, String remedy) {

  static Finding pass(String message) {
    return new Finding(CheckResult.Pass, message, null);
  }

  static Finding warn(String message, String remedy) {
    return new Finding(CheckResult.Warn, message, remedy);
  }

  static Finding fail(String message, String remedy) {
    return new Finding(CheckResult.Fail, message, remedy);
  }

  static Finding skipped(String message) {
    return new Finding(CheckResult.Skipped, message, null);
  }

  /** This finding with its message prefixed, to say which server it is about. */
  Finding about(String subject) {
    return new Finding(result, subject + ": " + message, remedy);
  }
}
