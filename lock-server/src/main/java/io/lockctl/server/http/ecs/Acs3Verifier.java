package io.lockctl.server.http.ecs;

import io.lockctl.core.accesskey.AccessKeyService;
import io.lockctl.core.accesskey.SigningKey;
import io.lockctl.server.http.Digests;
import io.lockctl.server.http.HttpCall;
import io.lockctl.server.http.MalformedRequestException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks Alibaba Cloud's V3 signature ({@code ACS3-HMAC-SHA256}, the default of the Tea SDKs such
 * as {@code @alicloud/ecs20140526}) against lockctl's access keys, and answers the key's principal.
 *
 * <p>The canonical request is the method, the path as sent, the query (decoded, sorted by name,
 * each {@code name=value} RFC 3986-encoded), the signed headers ({@code host}, {@code content-type}
 * and every {@code x-acs-*} the client signed, trimmed, sorted), the signed header list and the
 * SHA-256 of the body actually received. The string to sign is the algorithm and the hex SHA-256 of
 * that; the signature is HMAC-SHA256 under the secret. {@code x-acs-date} must be signed and within
 * {@link #MAX_SKEW} of the server's clock, as must {@code x-acs-action}. {@code
 * x-acs-signature-nonce} must be signed too, and a key may use a nonce once: a replay within the
 * window is {@code SignatureNonceUsed} (see {@link SignatureNonces}).
 */
public final class Acs3Verifier {
  public static final Duration MAX_SKEW = Duration.ofMinutes(15);
  private static final String ALGORITHM = "ACS3-HMAC-SHA256";
  private static final Pattern AUTHORIZATION =
      Pattern.compile(
          "^ACS3-HMAC-SHA256 Credential=([^,\\s]+),\\s*SignedHeaders=([a-z0-9;._-]+),"
              + "\\s*Signature=([0-9a-f]{64})$");

  /** A refused signature, as Alibaba answers it: an error code and an HTTP status. */
  public static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String code;
    private final int status;

    Refused(String code, int status, String message) {
      super(message);
      this.code = code;
      this.status = status;
    }

    public String code() {
      return code;
    }

    public int status() {
      return status;
    }
  }

  /** Nonces remembered per replica; past this many the oldest are forgotten first. */
  static final int MAX_REMEMBERED_NONCES = 100_000;

  private final AccessKeyService accessKeys;
  private final SignatureNonces nonces =
      new SignatureNonces(MAX_SKEW.multipliedBy(2), MAX_REMEMBERED_NONCES);

  public Acs3Verifier(AccessKeyService accessKeys) {
    this.accessKeys = accessKeys;
  }

  /** The principal of the key that signed {@code call}, checked at {@code now}. */
  public String verify(HttpCall call, Instant now) {
    String authorization = call.header("authorization");
    if (authorization == null) {
      throw new Refused("MissingAuthorization", 400, "the Authorization header is required");
    }
    Matcher parts = AUTHORIZATION.matcher(authorization.trim());
    if (!parts.matches()) {
      throw new Refused(
          "IncompleteSignature",
          400,
          "Authorization must be " + ALGORITHM + " Credential=...,SignedHeaders=...,Signature=...");
    }
    List<String> signedHeaders = List.of(parts.group(2).split(";", -1));
    for (String required : List.of("host", "x-acs-date", "x-acs-action", "x-acs-signature-nonce")) {
      if (!signedHeaders.contains(required)) {
        throw new Refused("IncompleteSignature", 400, required + " must be a signed header");
      }
    }
    Instant signedAt;
    try {
      signedAt = Instant.parse(String.valueOf(call.header("x-acs-date")));
    } catch (DateTimeParseException malformed) {
      throw new Refused("InvalidTimeStamp.Format", 400, "x-acs-date must be yyyy-MM-ddTHH:mm:ssZ");
    }
    if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
      throw new Refused(
          "InvalidTimeStamp.Expired",
          400,
          "Specified time stamp or date value is expired: more than 15 minutes from the server's"
              + " time");
    }
    SigningKey key =
        accessKeys
            .signingKey(parts.group(1))
            .orElseThrow(
                () ->
                    new Refused(
                        "InvalidAccessKeyId.NotFound", 404, "Specified access key is not found."));
    String canonical = canonicalRequest(call, signedHeaders, parts.group(2));
    byte[] expected =
        Digests.hmacSha256(
            key.secret().getBytes(StandardCharsets.UTF_8),
            ALGORITHM + "\n" + Digests.sha256Hex(canonical));
    if (!MessageDigest.isEqual(expected, HexFormat.of().parseHex(parts.group(3)))) {
      throw new Refused(
          "SignatureDoesNotMatch", 400, "Specified signature does not match our calculation.");
    }
    // only a verified request spends its nonce, so forged ones cannot crowd out real ones
    if (!nonces.firstUse(key.accessKeyId(), call.header("x-acs-signature-nonce"), now)) {
      throw new Refused("SignatureNonceUsed", 400, "The request signature nonce has been used.");
    }
    return key.principal();
  }

  private static String canonicalRequest(
      HttpCall call, List<String> signedHeaders, String signedHeaderList) {
    StringBuilder canonical = new StringBuilder();
    canonical.append(call.method()).append('\n');
    canonical.append(call.rawPath().isEmpty() ? "/" : call.rawPath()).append('\n');
    canonical.append(canonicalQuery(call.rawQuery())).append('\n');
    for (String name : signedHeaders) {
      List<String> values = call.headers().get(name);
      if (values == null) {
        throw new Refused("SignatureDoesNotMatch", 400, "signed header " + name + " is missing");
      }
      List<String> trimmed = new ArrayList<>();
      values.forEach(value -> trimmed.add(value.trim()));
      trimmed.sort(null);
      canonical.append(name).append(':').append(String.join(",", trimmed)).append('\n');
    }
    canonical.append('\n').append(signedHeaderList).append('\n');
    canonical.append(Digests.sha256Hex(call.body()));
    return canonical.toString();
  }

  private static String canonicalQuery(String rawQuery) {
    Map<String, String> sorted = new TreeMap<>();
    for (String pair : rawQuery.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      try {
        sorted.put(
            HttpCall.decode(equals < 0 ? pair : pair.substring(0, equals)),
            equals < 0 ? "" : HttpCall.decode(pair.substring(equals + 1)));
      } catch (MalformedRequestException malformed) {
        throw new Refused("SignatureDoesNotMatch", 400, "the query is not percent-encoded");
      }
    }
    List<String> encoded = new ArrayList<>();
    sorted.forEach(
        (name, value) -> encoded.add(Digests.uriEncode(name) + "=" + Digests.uriEncode(value)));
    return String.join("&", encoded);
  }
}
