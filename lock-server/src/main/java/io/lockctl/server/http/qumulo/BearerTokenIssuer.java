package io.lockctl.server.http.qumulo;

import io.lockctl.core.accesskey.AccessKeyService;
import io.lockctl.core.accesskey.SigningKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Qumulo's session tokens, made from access keys: a login with an access key's id as the username
 * and its secret as the password gets {@code <id>.<expiry>.<mac>}, where the MAC is HMAC-SHA256
 * under the key's secret. Nothing is stored: the token holds across restarts and replicas, lasts
 * {@link #LIFETIME} (as a Qumulo session does), and stops working when its key is deleted.
 */
public final class BearerTokenIssuer {
  static final Duration LIFETIME = Duration.ofHours(10);

  private final AccessKeyService accessKeys;

  public BearerTokenIssuer(AccessKeyService accessKeys) {
    this.accessKeys = accessKeys;
  }

  /** A token for the key, if the password is its secret. */
  public Optional<String> login(String accessKeyId, String secret, Instant now) {
    Optional<SigningKey> key = accessKeys.signingKey(accessKeyId);
    if (key.isEmpty()
        || !MessageDigest.isEqual(
            key.get().secret().getBytes(StandardCharsets.UTF_8),
            secret.getBytes(StandardCharsets.UTF_8))) {
      return Optional.empty();
    }
    String body = accessKeyId + "." + now.plus(LIFETIME).getEpochSecond();
    return Optional.of(body + "." + mac(key.get().secret(), body));
  }

  /** The principal of a valid, unexpired token whose key still exists. */
  public Optional<String> principalOf(String token, Instant now) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return Optional.empty();
    }
    long expiry;
    try {
      expiry = Long.parseLong(parts[1]);
    } catch (NumberFormatException malformed) {
      return Optional.empty();
    }
    if (now.getEpochSecond() >= expiry) {
      return Optional.empty();
    }
    Optional<SigningKey> key = accessKeys.signingKey(parts[0]);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    byte[] expected =
        mac(key.get().secret(), parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.US_ASCII))
        ? Optional.of(key.get().principal())
        : Optional.empty();
  }

  private static String mac(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(
          new SecretKeySpec(
              ("qumulo-session\n" + secret).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException impossible) {
      throw new IllegalStateException("every JDK has HmacSHA256", impossible);
    }
  }
}
