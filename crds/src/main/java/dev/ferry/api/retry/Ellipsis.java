package dev.ferry.api.retry;

/** Shortens text to a bound, marking the cut with an ellipsis and never splitting a character. */
final class Ellipsis {

  static final String MARK = "…";

  private Ellipsis() {}

  /** {@code text} itself when it has at most {@code maxChars} chars, else a prefix ending in …. */
  static String shorten(String text, int maxChars) {
    if (text == null || text.length() <= maxChars) {
      return text;
    }
    return prefix(text, maxChars - MARK.length()) + MARK;
  }

  /** The first {@code chars} chars of {@code text}, one less if that would split a pair. */
  static String prefix(String text, int chars) {
    int end = Math.max(0, Math.min(chars, text.length()));
    if (end > 0 && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end);
  }
}
