package io.lockctl.core.paging;

import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Opaque page tokens. A token carries the last key of the page it follows and a digest of the query
 * it was issued for, so a token from another query, or one we never issued, is refused
 * (INVALID_PAGE_TOKEN) instead of silently returning the wrong page.
 */
public final class PageToken {
  private static final int DIGEST_BYTES = 12;

  private PageToken() {}

  /**
   * @param query a canonical description of the query's filters (not its page size)
   * @param lastKey the sort key of the page's last item
   */
  public static String encode(String query, String lastKey) {
    byte[] key = lastKey.getBytes(StandardCharsets.UTF_8);
    ByteBuffer buffer = ByteBuffer.allocate(DIGEST_BYTES + key.length);
    buffer.put(digest(query, key)).put(key);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
  }

  /** The last key carried by {@code token}, which must have been issued for {@code query}. */
  public static String decode(String query, String token) {
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException notBase64) {
      throw invalid();
    }
    if (raw.length <= DIGEST_BYTES) {
      throw invalid();
    }
    byte[] key = Arrays.copyOfRange(raw, DIGEST_BYTES, raw.length);
    if (!MessageDigest.isEqual(Arrays.copyOf(raw, DIGEST_BYTES), digest(query, key))) {
      throw invalid();
    }
    return new String(key, StandardCharsets.UTF_8);
  }

  private static byte[] digest(String query, byte[] key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("lockctl-page-token-v1\0".getBytes(StandardCharsets.UTF_8));
      sha.update(query.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(key);
      return Arrays.copyOf(sha.digest(), DIGEST_BYTES);
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every JDK has SHA-256", impossible);
    }
  }

  private static RuntimeException invalid() {
    return Rejection.invalidField(
            Reason.INVALID_PAGE_TOKEN, "page_token", "was not issued by lockctl for this query")
        .toException();
  }
}
