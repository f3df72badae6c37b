package dev.ferry.worker.db;

import dev.ferry.api.retry.FerryException;
import dev.ferry.api.v1alpha1.FailureClass;

/** A Secret or one of its keys is missing; the message names where it was looked for. */
public class MissingSecretException extends FerryException {

  public MissingSecretException(String message) {
    super(FailureClass.Other, message);
  }
}
