package dev.ferry.api.v1alpha1;

/** How changes made by online schema change tools (gh-ost and the like) are replicated. */
public enum OnlineDdlPolicy {
  /** Replicate everything as is, shadow tables included. */
  Migrate,
  /** Do not replicate shadow and helper tables; apply the ALTER to the real table when the tool swaps the shadow table in. */
  SkipGhost
}
