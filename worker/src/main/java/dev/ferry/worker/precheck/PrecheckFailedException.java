package dev.ferry.worker.precheck;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;

/** The precheck found items that Fail; the task cannot run until they are fixed. */
public class PrecheckFailedException extends FerryException {

  public PrecheckFailedException(String message) {
    super(FailureClass.Fatal, message);
  }
}
