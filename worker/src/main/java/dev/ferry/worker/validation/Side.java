package dev.ferry.worker.validation;

/** Which end of the migration a statement runs on. */
enum Side {
  SOURCE,
  TARGET
}
