package io.lockctl.server.http.rbin;

import io.lockctl.core.accesskey.AccessKeyService;
import io.lockctl.core.accesskey.SigningKey;
import io.lockctl.server.http.Digests;
import io.lockctl.server.http.HttpCall;
import io.lockctl.server.http.MalformedRequestException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks AWS Signature Version 4 (header form, {@code AWS4-HMAC-SHA256}) on a request, for one
 * service, against lockctl's access keys; answers who signed it and the region it was signed for.
 *
 * <p>The canonical request is rebuilt from the bytes received, the way the AWS SDKs build it for
 * services other than S3: the path as sent, URI-encoded once more (slashes kept); the query's
 * parameters decoded, re-encoded with RFC 3986's unreserved set and sorted; the signed headers'
 * values trimmed with inner runs of spaces folded; and the SHA-256 of the body actually received
 * (never the client's {@code x-amz-content-sha256} claim), so a changed body, query, path or signed
 * header fails the comparison. The {@code host} and {@code x-amz-date} headers must be signed, and
 * the signing time must be within {@link #MAX_SKEW} of the server's clock.
 *
 * <p>The AWS SDK for Java v2's signer would give the same bytes, but it signs requests it builds
 * and picks the headers itself; verifying needs exactly the client's SignedHeaders list, so the
 * canonicalisation is written out here and checked against the real JavaScript SDK in the compat
 * suite.
 */
public final class SigV4Verifier {
  public static final Duration MAX_SKEW = Duration.ofMinutes(15);
  private static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final Pattern AUTHORIZATION =
      Pattern.compile(
          "^AWS4-HMAC-SHA256 Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request,"
              + "\\s*SignedHeaders=([a-z0-9;._-]+),\\s*Signature=([0-9a-f]{64})$");
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);

  /** Who signed, and for which region. */
  public record Signer(String principal, String region, String accessKeyId) {}

  /** A refused signature, with the AWS error type and status the SDKs expect for it. */
  public static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String errorType;
    private final int status;

    Refused(String errorType, int status, String message) {
      super(message);
      this.errorType = errorType;
      this.status = status;
    }

    public String errorType() {
      return errorType;
    }

    public int status() {
      return status;
    }
  }

  private final String service;
  private final AccessKeyService accessKeys;

  public SigV4Verifier(String service, AccessKeyService accessKeys) {
    this.service = service;
    this.accessKeys = accessKeys;
  }

  /**
   * The signer of {@code call}, checked at {@code now}.
   *
   * @throws Refused if it is unsigned, signed wrongly, by an unknown key, or outside the skew
   */
  public Signer verify(HttpCall call, Instant now) {
    String authorization = call.header("authorization");
    if (authorization == null) {
      throw new Refused("MissingAuthenticationTokenException", 403, "Missing Authentication Token");
    }
    Matcher parts = AUTHORIZATION.matcher(authorization.trim());
    if (!parts.matches()) {
      throw new Refused(
          "IncompleteSignatureException",
          400,
          "Authorization header requires "
              + ALGORITHM
              + " with Credential, SignedHeaders and"
              + " Signature");
    }
    String accessKeyId = parts.group(1);
    String scopeDate = parts.group(2);
    String region = parts.group(3);
    List<String> signedHeaders = List.of(parts.group(5).split(";", -1));
    if (!parts.group(4).equals(service)) {
      throw new Refused(
          "InvalidSignatureException", 403, "Credential should be scoped to service " + service);
    }
    if (!signedHeaders.contains("host") || !signedHeaders.contains("x-amz-date")) {
      throw new Refused(
          "IncompleteSignatureException", 400, "host and x-amz-date must be signed headers");
    }
    String amzDate = call.header("x-amz-date");
    Instant signedAt = parseAmzDate(amzDate);
    if (!amzDate.startsWith(scopeDate)) {
      throw new Refused(
          "InvalidSignatureException", 403, "Credential should be scoped to a valid date");
    }
    if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
      throw new Refused(
          "InvalidSignatureException",
          403,
          "Signature expired: "
              + amzDate
              + " is now earlier than "
              + AMZ_DATE.format(now.minus(MAX_SKEW).atOffset(ZoneOffset.UTC))
              + " or later than "
              + AMZ_DATE.format(now.plus(MAX_SKEW).atOffset(ZoneOffset.UTC)));
    }
    SigningKey key =
        accessKeys
            .signingKey(accessKeyId)
            .orElseThrow(
                () ->
                    new Refused(
                        "UnrecognizedClientException",
                        403,
                        "The security token included in the request is invalid."));
    String scope = scopeDate + "/" + region + "/" + service + "/aws4_request";
    String canonicalRequest = canonicalRequest(call, signedHeaders, parts.group(5));
    String stringToSign =
        ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + Digests.sha256Hex(canonicalRequest);
    byte[] signingKey =
        Digests.hmacSha256(
            Digests.hmacSha256(
                Digests.hmacSha256(
                    Digests.hmacSha256(
                        ("AWS4" + key.secret()).getBytes(StandardCharsets.UTF_8), scopeDate),
                    region),
                service),
            "aws4_request");
    byte[] expected = Digests.hmacSha256(signingKey, stringToSign);
    if (!MessageDigest.isEqual(expected, HexFormat.of().parseHex(parts.group(6)))) {
      throw new Refused(
          "InvalidSignatureException",
          403,
          "The request signature we calculated does not match the signature you provided.");
    }
    return new Signer(key.principal(), region, key.accessKeyId());
  }

  private static Instant parseAmzDate(String amzDate) {
    if (amzDate == null) {
      throw new Refused("IncompleteSignatureException", 400, "x-amz-date is required");
    }
    try {
      return LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException malformed) {
      throw new Refused("IncompleteSignatureException", 400, "x-amz-date is not yyyyMMddTHHmmssZ");
    }
  }

  private static String canonicalRequest(
      HttpCall call, List<String> signedHeaders, String signedHeaderList) {
    StringBuilder canonical = new StringBuilder();
    canonical.append(call.method()).append('\n');
    canonical.append(canonicalPath(call.rawPath())).append('\n');
    canonical.append(canonicalQuery(call.rawQuery())).append('\n');
    for (String name : signedHeaders) {
      List<String> values = call.headers().get(name);
      if (values == null) {
        throw new Refused(
            "InvalidSignatureException", 403, "signed header " + name + " is missing");
      }
      List<String> folded = new ArrayList<>();
      for (String value : values) {
        folded.add(value.trim().replaceAll(" +", " "));
      }
      canonical.append(name).append(':').append(String.join(",", folded)).append('\n');
    }
    canonical.append('\n').append(signedHeaderList).append('\n');
    canonical.append(Digests.sha256Hex(call.body()));
    return canonical.toString();
  }

  /** The path as sent, encoded once more with the slashes kept, as non-S3 services sign it. */
  private static String canonicalPath(String rawPath) {
    if (rawPath.isEmpty()) {
      return "/";
    }
    return Digests.uriEncode(rawPath).replace("%2F", "/");
  }

  private static String canonicalQuery(String rawQuery) {
    if (rawQuery.isEmpty()) {
      return "";
    }
    List<Map.Entry<String, String>> pairs = new ArrayList<>();
    for (String pair : rawQuery.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      try {
        pairs.add(
            Map.entry(
                Digests.uriEncode(HttpCall.decode(name)),
                Digests.uriEncode(HttpCall.decode(value))));
      } catch (MalformedRequestException malformed) {
        throw new Refused("InvalidSignatureException", 403, "the query is not percent-encoded");
      }
    }
    pairs.sort(
        Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()));
    List<String> encoded = new ArrayList<>();
    pairs.forEach(pair -> encoded.add(pair.getKey() + "=" + pair.getValue()));
    return String.join("&", encoded);
  }
}
