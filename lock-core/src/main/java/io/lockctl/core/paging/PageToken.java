package io.lockctl.core.paging;

import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque page tokens. A token carries the last key of the page it follows and an HMAC-SHA256, under
 * the server's page-token key, of that key and the query it was issued for. Only the server can
 * make one, so a token from another query, an altered one or one we never issued is refused
 * (INVALID_PAGE_TOKEN) before anything it carries is used.
 */
final class PageToken {
  private static final int MAC_BYTES = 16;

  /** Far longer than any position lockctl issues; longer tokens are refused unread. */
  static final int MAX_TOKEN_CHARS = 2048;

  private static final String ALGORITHM = "HmacSHA256";
  private static final byte[] CONTEXT = "lockctl-page-token-v2\0".getBytes(StandardCharsets.UTF_8);

  private final SecretKeySpec key;

  PageToken(byte[] key) {
    if (key.length < 32) {
      throw new IllegalArgumentException("a page-token key has at least 32 bytes");
    }
    this.key = new SecretKeySpec(key, ALGORITHM);
  }

  /**
   * @param query a canonical description of the query's filters (not its page size)
   * @param lastKey the sort key of the page's last item
   */
  String encode(String query, String lastKey) {
    byte[] position = lastKey.getBytes(StandardCharsets.UTF_8);
    ByteBuffer buffer = ByteBuffer.allocate(MAC_BYTES + position.length);
    buffer.put(mac(query, position)).put(position);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
  }

  /** The last key carried by {@code token}, which must have been issued for {@code query}. */
  String decode(String query, String token) {
    if (token.length() > MAX_TOKEN_CHARS) {
      throw invalid();
    }
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException notBase64) {
      throw invalid();
    }
    if (raw.length <= MAC_BYTES) {
      throw invalid();
    }
    byte[] position = Arrays.copyOfRange(raw, MAC_BYTES, raw.length);
    if (!MessageDigest.isEqual(Arrays.copyOf(raw, MAC_BYTES), mac(query, position))) {
      throw invalid();
    }
    return new String(position, StandardCharsets.UTF_8);
  }

  private byte[] mac(String query, byte[] position) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update(CONTEXT);
      byte[] queryBytes = query.getBytes(StandardCharsets.UTF_8);
      // length-prefixed, so no query and position run into another pair's
      mac.update(ByteBuffer.allocate(Integer.BYTES).putInt(queryBytes.length).array());
      mac.update(queryBytes);
      mac.update(position);
      return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
    } catch (GeneralSecurityException impossible) {
      throw new IllegalStateException("every JDK has HmacSHA256", impossible);
    }
  }

  static RuntimeException invalid() {
    return Rejection.invalidField(
            Reason.INVALID_PAGE_TOKEN, "page_token", "was not issued by lockctl for this query")
        .toException();
  }
}
