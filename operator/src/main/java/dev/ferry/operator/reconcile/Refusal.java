package dev.ferry.operator.reconcile;

/**
 * Why the operator will not run a task as it is: the Stalled condition's reason and message.
 *
 * @param reason CamelCase reason: InvalidSpec, WorkerNotAllowed, MissingSecret or
 *     UnsafeSpecChange
 * @param message every problem, each with what to do about it
 */
public record Refusal(String reason, String message) {}
