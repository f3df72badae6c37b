package dev.ferry.api.rules;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks that a row filter ({@code spec.objects.rules[].where}) is one SQL boolean expression
 * that can be placed inside {@code WHERE (...)} and nothing more: no statement separator, no
 * comment, no subquery or UNION, no assignment, balanced parentheses and quotes.
 */
public final class WhereClause {

  private static final Set<String> FORBIDDEN_WORDS =
      Set.of("SELECT", "UNION", "INTO", "INSERT", "UPDATE", "DELETE", "REPLACE", "DROP",
          "ALTER", "CREATE", "TRUNCATE", "GRANT", "REVOKE", "CALL", "HANDLER", "LOCK", "UNLOCK",
          "SET", "LOAD_FILE", "SLEEP", "BENCHMARK", "GET_LOCK");

  private WhereClause() {}

  /** What is wrong with {@code expression}, or empty when it is an acceptable filter. */
  public static Optional<String> problem(String expression) {
    if (expression == null || expression.isBlank()) {
      return Optional.of("is empty; write a boolean expression such as region = 'eu'");
    }
    int depth = 0;
    int i = 0;
    int length = expression.length();
    while (i < length) {
      char c = expression.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        int end = endOfQuoted(expression, i);
        if (end < 0) {
          return Optional.of("has an unterminated " + c + " quote");
        }
        i = end + 1;
        continue;
      }
      if (c == ';') {
        return Optional.of("contains ';': only one expression is allowed, not statements");
      }
      if (c == '#' || startsWith(expression, i, "/*") || isDashComment(expression, i)) {
        return Optional.of("contains a comment; remove it");
      }
      if (startsWith(expression, i, ":=")) {
        return Optional.of("contains an assignment ':='; use = to compare");
      }
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth < 0) {
        return Optional.of("closes a parenthesis that was never opened");
      }
      if (Character.isLetter(c) || c == '_') {
        int end = i;
        while (end < length && isWordChar(expression.charAt(end))) {
          end++;
        }
        String word = expression.substring(i, end).toUpperCase(Locale.ROOT);
        if (FORBIDDEN_WORDS.contains(word)) {
          return Optional.of("contains " + word + ": subqueries, statements and side-effecting"
              + " functions are not allowed in a row filter");
        }
        i = end;
        continue;
      }
      i++;
    }
    if (depth != 0) {
      return Optional.of("has " + depth + " unclosed parenthesis(es)");
    }
    return Optional.empty();
  }

  private static int endOfQuoted(String text, int start) {
    char quote = text.charAt(start);
    int i = start + 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\' && quote != '`') {
        i += 2;
        continue;
      }
      if (c == quote) {
        if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i;
      }
      i++;
    }
    return -1;
  }

  private static boolean isDashComment(String text, int i) {
    if (!startsWith(text, i, "--")) {
      return false;
    }
    return i + 2 >= text.length() || Character.isWhitespace(text.charAt(i + 2))
        || Character.isISOControl(text.charAt(i + 2));
  }

  private static boolean startsWith(String text, int i, String prefix) {
    return text.startsWith(prefix, i);
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }
}
