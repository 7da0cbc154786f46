package io.lockctl.core.audit;

import java.util.Base64;
import java.util.regex.Pattern;

/** One PEM block (RFC 7468): a label and the base64 of DER bytes. */
final class Pem {
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]*={0,2}");

  private Pem() {}

  static String encode(String label, byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  /**
   * The DER bytes of the only {@code label} block of {@code pem}; text around the block (as openssl
   * may write) is ignored.
   */
  static byte[] decode(String label, String pem) {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf(end);
    if (from < 0 || to < from || pem.indexOf(begin, from + 1) >= 0) {
      throw new IllegalArgumentException("expected one PEM block \"" + begin + "\"");
    }
    String body = WHITESPACE.matcher(pem.substring(from + begin.length(), to)).replaceAll("");
    if (body.isEmpty() || !BASE64.matcher(body).matches()) {
      throw new IllegalArgumentException("the PEM block \"" + begin + "\" is not base64");
    }
    try {
      return Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the PEM block \"" + begin + "\" is not base64", e);
    }
  }
}
