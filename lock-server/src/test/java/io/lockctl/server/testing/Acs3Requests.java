package io.lockctl.server.testing;

import io.lockctl.server.http.Digests;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

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
    String payloadHash = Digests.sha256Hex(new byte[0]);
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
    String toSign = "ACS3-HMAC-SHA256\n" + Digests.sha256Hex(canonical.toString());
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
            + HexFormat.of()
                .formatHex(Digests.hmacSha256(secret.getBytes(StandardCharsets.UTF_8), toSign)));
    return request.build();
  }

  private static String canonicalQuery(Map<String, String> parameters) {
    StringBuilder query = new StringBuilder();
    new TreeMap<>(parameters)
        .forEach(
            (name, value) ->
                query
                    .append(query.length() == 0 ? "" : "&")
                    .append(Digests.uriEncode(name))
                    .append('=')
                    .append(Digests.uriEncode(value)));
    return query.toString();
  }
}
