package dev.ferry.testing;

/** Which side of a {@link DatabasePair} a server plays; shared servers are kept per role. */
enum Role {
  SOURCE,
  TARGET
}
