package io.lockctl.server.testing;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Alibaba Cloud ECS requests (RPC style, {@code 2014-05-26}) signed with ACS3-HMAC-SHA256 as the
 * Tea SDKs sign them, written from Alibaba's description of the V3 signature (not from the server):
 * the action and its parameters in the query, every {@code x-acs-*} header and the host signed.
 *
 * @param baseUri the HTTP edge, such as {@code http://127.0.0.1:8080}
 */
public record Acs3Requests(URI baseUri, String accessKeyId, String secret) {

  /** A signed POST of {@code action} with {@code parameters}, its nonce {@code nonce}. */
  public HttpRequest signed(String action, Map<String, String> parameters, String nonce) {
    String query = canonicalQuery(parameters);
    String date = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    String host = baseUri.getAuthority();
    String payloadHash = hex(sha256(new byte[0]));
    Map<String, String> signed = new TreeMap<>();
    signed.put("host", host);
    signed.put("x-acs-action", action);
    signed.put("x-acs-content-sha256", payloadHash);
    signed.put("x-acs-date", date);
    signed.put("x-acs-signature-nonce", nonce);
    signed.put("x-acs-version", "2014-05-26");
    StringBuilder canonical = new StringBuilder("POST\n/\n").append(query).append('\n');
    signed.forEach((name, value) -> canonical.append(name).append(':').append(value).append('\n'));
    String signedHeaders = String.join(";", signed.keySet());
    canonical.append('\n').append(signedHeaders).append('\n').append(payloadHash);
    String toSign =
        "ACS3-HMAC-SHA256\n" + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(baseUri.resolve("/?" + query))
            .POST(HttpRequest.BodyPublishers.noBody());
    signed.forEach(
        (name, value) -> {
          if (!name.equals("host")) {
            request.header(name, value);
          }
        });
    request.header(
        "authorization",
        "ACS3-HMAC-SHA256 Credential="
            + accessKeyId
            + ",SignedHeaders="
            + signedHeaders
            + ",Signature="
            + hex(hmac(secret.getBytes(StandardCharsets.UTF_8), toSign)));
    return request.build();
  }

  private static String canonicalQuery(Map<String, String> parameters) {
    StringBuilder query = new StringBuilder();
    new TreeMap<>(parameters)
        .forEach(
            (name, value) ->
                query
                    .append(query.length() == 0 ? "" : "&")
                    .append(encode(name))
                    .append('=')
                    .append(encode(value)));
    return query.toString();
  }

  /** RFC 3986: every byte but the unreserved characters percent-encoded. */
  private static String encode(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xFF);
      if ((c < 0x80 && Character.isLetterOrDigit(c)) || "-_.~".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
      }
    }
    return out.toString();
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (GeneralSecurityException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
