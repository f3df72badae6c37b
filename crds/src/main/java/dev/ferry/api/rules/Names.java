package dev.ferry.api.rules;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Naming rules: MySQL identifiers used in renames, and Kubernetes object names.
 * Each method returns what is wrong with a name, or empty when it is valid.
 */
public final class Names {

  /** Longest MySQL schema, table or column name. */
  public static final int MAX_IDENTIFIER_LENGTH = 64;

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern HOST_NAME = Pattern.compile(
      "[A-Za-z0-9]([-A-Za-z0-9_]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([-A-Za-z0-9_]*[A-Za-z0-9])?)*\\.?");
  private static final Pattern IPV6 = Pattern.compile(
      "\\[?[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7}(:\\d+(\\.\\d+){3})?(%[\\w.]+)?]?");

  private Names() {}

  /** A schema or table name: 1–64 characters, no {@code / \ .}, no trailing space. */
  public static Optional<String> tableIdentifierProblem(String name) {
    Optional<String> common = identifierProblem(name);
    if (common.isPresent()) {
      return common;
    }
    for (char c : new char[] {'/', '\\', '.'}) {
      if (name.indexOf(c) >= 0) {
        return Optional.of("contains '" + c + "', which schema and table names cannot hold");
      }
    }
    return Optional.empty();
  }

  /** A column name: 1–64 characters of the Basic Multilingual Plane, no trailing space. */
  public static Optional<String> identifierProblem(String name) {
    if (name == null || name.isEmpty()) {
      return Optional.of("is empty");
    }
    if (name.codePointCount(0, name.length()) > MAX_IDENTIFIER_LENGTH) {
      return Optional.of("is longer than " + MAX_IDENTIFIER_LENGTH + " characters");
    }
    if (name.endsWith(" ")) {
      return Optional.of("ends with a space, which MySQL does not allow");
    }
    if (name.indexOf('\0') >= 0) {
      return Optional.of("contains a NUL character");
    }
    if (name.codePoints().anyMatch(Character::isSupplementaryCodePoint)) {
      return Optional.of("contains a character outside the Basic Multilingual Plane (such as an"
          + " emoji), which MySQL identifiers cannot hold");
    }
    return Optional.empty();
  }

  /** A Kubernetes DNS-1123 label (source names): lower-case alphanumerics and '-', max 63. */
  public static Optional<String> dnsLabelProblem(String name) {
    if (name == null || name.isEmpty()) {
      return Optional.of("is empty");
    }
    if (name.length() > 63) {
      return Optional.of("is longer than 63 characters");
    }
    if (!DNS_LABEL.matcher(name).matches()) {
      return Optional.of("must consist of lower-case letters, digits and '-', and start and end"
          + " with a letter or digit");
    }
    return Optional.empty();
  }

  /** A Kubernetes DNS-1123 subdomain (Secret and service account names), max 253. */
  public static Optional<String> dnsSubdomainProblem(String name) {
    if (name == null || name.isEmpty()) {
      return Optional.of("is empty");
    }
    if (name.length() > 253) {
      return Optional.of("is longer than 253 characters");
    }
    if (!DNS_SUBDOMAIN.matcher(name).matches()) {
      return Optional.of("must consist of lower-case letters, digits, '-' and '.', and start and"
          + " end with a letter or digit");
    }
    return Optional.empty();
  }

  /** A host: a DNS name or an IP address, without scheme, port or path. */
  public static Optional<String> hostProblem(String host) {
    if (host == null || host.isBlank()) {
      return Optional.of("is empty");
    }
    if (host.contains("://")) {
      return Optional.of("contains a scheme; give only the host name, without mysql://");
    }
    if (IPV6.matcher(host).matches()) {
      return Optional.empty();
    }
    if (host.contains(":")) {
      return Optional.of("contains ':'; give the port in the port field, not in host");
    }
    if (host.length() > 253 || !HOST_NAME.matcher(host).matches()) {
      return Optional.of("is not a valid host name or IP address");
    }
    return Optional.empty();
  }
}
