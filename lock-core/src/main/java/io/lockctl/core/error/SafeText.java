package io.lockctl.core.error;

/**
 * Makes text from a caller or a policy file safe to put in a message, a log line or error metadata:
 * control characters become {@code \\uXXXX} (so one line stays one line and nothing can forge a log
 * entry), a backslash is doubled (so the escaping is unambiguous), and anything longer than the
 * limit is cut with {@code ...}.
 */
public final class SafeText {
  /** How much of a caller's bad value an error quotes. */
  public static final int EXCERPT_CHARS = 64;

  private static final String CUT = "...";

  private SafeText() {}

  /** The short, escaped prefix of a caller's value that an error message or field path quotes. */
  public static String excerpt(String text) {
    return escape(text, EXCERPT_CHARS, false);
  }

  /**
   * {@code text} escaped and at most {@code maxChars} long; with {@code quotes}, a {@code "} is
   * escaped too, for text shown between quotes.
   */
  public static String escape(String text, int maxChars, boolean quotes) {
    if (text.length() <= maxChars && isPlain(text, quotes)) {
      return text;
    }
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    int cutAt = -1;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      String piece = piece(codePoint, quotes);
      if (cutAt < 0 && escaped.length() + piece.length() > maxChars - CUT.length()) {
        cutAt = escaped.length();
      }
      escaped.append(piece);
      if (cutAt >= 0 && escaped.length() > maxChars) {
        return escaped.substring(0, cutAt) + CUT;
      }
      i += Character.charCount(codePoint);
    }
    return escaped.toString();
  }

  private static String piece(int codePoint, boolean quotes) {
    if (codePoint == '\\') {
      return "\\\\";
    }
    if (quotes && codePoint == '"') {
      return "\\\"";
    }
    if (Character.isISOControl(codePoint)) {
      return String.format("\\u%04x", codePoint);
    }
    return new String(Character.toChars(codePoint));
  }

  private static boolean isPlain(String text, boolean quotes) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' || (quotes && c == '"') || Character.isISOControl(c)) {
        return false;
      }
    }
    return true;
  }
}
