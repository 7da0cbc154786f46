package io.lockctl.core.auth;

import java.util.regex.Pattern;

/**
 * The test's own idea of a policy pattern, built differently from {@link WildcardPattern}: a
 * regular expression of quoted literal runs, {@code .*} and {@code .}.
 */
final class RegexGlob {
  private RegexGlob() {}

  static Pattern compile(String glob) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' || c == '?') {
        if (literal.length() > 0) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  static boolean matches(String glob, String text) {
    return compile(glob).matcher(text).matches();
  }
}
