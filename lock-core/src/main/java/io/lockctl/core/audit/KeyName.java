package io.lockctl.core.audit;

/**
 * A signed-note key name, which lockctl's checkpoint origin doubles as: non-empty, and without
 * Unicode spaces, "+" (which separates a verifier key's parts) or control characters.
 */
final class KeyName {
  private KeyName() {}

  static void requireValid(String name) {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a key name (origin) must not be empty");
    }
    int i = 0;
    while (i < name.length()) {
      int c = name.codePointAt(i);
      if (c == '+'
          || Character.isISOControl(c)
          || Character.isWhitespace(c)
          || Character.isSpaceChar(c)
          || (Character.charCount(c) == 1 && Character.isSurrogate((char) c))) {
        throw new IllegalArgumentException(
            "the key name (origin) \""
                + name
                + "\" must not contain spaces, \"+\" or control characters");
      }
      i += Character.charCount(c);
    }
  }
}
