package io.lockctl.server.http.rbin;

import io.lockctl.core.accesskey.AccessKeyService;
import io.lockctl.core.accesskey.SigningKey;
import io.lockctl.server.http.HttpCall;
import io.lockctl.server.http.MalformedRequestException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Checks AWS Signature Version 4 (header form, {@code AWS4-HMAC-SHA256}) on a request, for one
 * service, against lockctl's access keys; answers who signed it and the region it was signed for.
 *
 * <p>The signature is not recomputed by hand: the request is rebuilt as the AWS SDK for Java v2
 * would send it (the method, the path as sent, the decoded query, exactly the headers the client
 * signed, the body received) and signed again by that SDK's {@link AwsV4HttpSigner} with the stored
 * secret, at the client's {@code x-amz-date}, for the client's region. The SDK's signer hashes the
 * body itself (never trusting the client's {@code x-amz-content-sha256}), so a changed body, query,
 * path or signed header gives another signature. This class only parses the {@code Authorization}
 * header, checks the clock skew, looks the key up and chooses the AWS error.
 *
 * <p>The SDK's signer always signs {@code host}, {@code x-amz-date} and {@code
 * x-amz-content-sha256}, so a client must have signed those three (the AWS SDKs for JavaScript v3
 * and Java v2 do; clients that leave {@code x-amz-content-sha256} out are refused with {@code
 * IncompleteSignatureException}).
 */
public final class SigV4Verifier {
  public static final Duration MAX_SKEW = Duration.ofMinutes(15);
  private static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final Pattern AUTHORIZATION =
      Pattern.compile(
          "^AWS4-HMAC-SHA256 Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request,"
              + "\\s*SignedHeaders=([a-z0-9;._-]+),\\s*Signature=([0-9a-f]{64})$");
  private static final Pattern SIGNATURE = Pattern.compile("Signature=([0-9a-f]{64})");
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);

  /** The headers the SDK's signer sets itself from the signing time and the body. */
  private static final Set<String> SET_BY_SIGNER = Set.of("x-amz-date", "x-amz-content-sha256");

  private static final List<String> REQUIRED_SIGNED =
      List.of("host", "x-amz-date", "x-amz-content-sha256");

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
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

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
    if (!signedHeaders.containsAll(REQUIRED_SIGNED)) {
      throw new Refused(
          "IncompleteSignatureException",
          400,
          String.join(", ", REQUIRED_SIGNED) + " must be signed headers");
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
    String expected;
    try {
      expected = signatureOf(resigned(call, signedHeaders, key, region, signedAt));
    } catch (IllegalArgumentException unsignable) {
      // the SDK cannot build or sign such a request (a malformed path, say): nobody signed it
      throw new Refused(
          "InvalidSignatureException",
          403,
          "the request cannot be signed: " + unsignable.getMessage());
    }
    if (!MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        parts.group(6).getBytes(StandardCharsets.US_ASCII))) {
      throw new Refused(
          "InvalidSignatureException",
          403,
          "The request signature we calculated does not match the signature you provided.");
    }
    return new Signer(key.principal(), region, key.accessKeyId());
  }

  /** The request as received, signed again by the SDK's signer as the key's holder would. */
  private SignedRequest resigned(
      HttpCall call, List<String> signedHeaders, SigningKey key, String region, Instant signedAt) {
    SdkHttpRequest.Builder request =
        SdkHttpRequest.builder()
            .method(method(call.method()))
            // the scheme and host are not signed (the Host header is): placeholders for the builder
            .protocol("https")
            .host("lockctl.invalid")
            .encodedPath(call.rawPath().isEmpty() ? "/" : call.rawPath());
    addQuery(request, call.rawQuery());
    for (String name : signedHeaders) {
      if (SET_BY_SIGNER.contains(name)) {
        continue;
      }
      List<String> values = call.headers().get(name);
      if (values == null) {
        throw new Refused(
            "InvalidSignatureException", 403, "signed header " + name + " is missing");
      }
      request.putHeader(name, values);
    }
    return signer.sign(
        sign ->
            sign.identity(AwsCredentialsIdentity.create(key.accessKeyId(), key.secret()))
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArray(call.body()))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC))
                // the body's own hash, so the body is covered by the signature
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true));
  }

  private static String signatureOf(SignedRequest signed) {
    String authorization = signed.request().firstMatchingHeader("Authorization").orElseThrow();
    Matcher signature = SIGNATURE.matcher(authorization);
    if (!signature.find()) {
      throw new IllegalStateException("the SDK's signer wrote no signature: " + authorization);
    }
    return signature.group(1);
  }

  private static SdkHttpMethod method(String method) {
    try {
      return SdkHttpMethod.fromValue(method);
    } catch (IllegalArgumentException unknown) {
      throw new Refused("InvalidSignatureException", 403, "no signed request uses " + method);
    }
  }

  /** The query's parameters, decoded, in the order sent: the signer sorts and encodes them. */
  private static void addQuery(SdkHttpRequest.Builder request, String rawQuery) {
    for (String pair : rawQuery.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      try {
        request.appendRawQueryParameter(
            HttpCall.decode(equals < 0 ? pair : pair.substring(0, equals)),
            equals < 0 ? "" : HttpCall.decode(pair.substring(equals + 1)));
      } catch (MalformedRequestException malformed) {
        throw new Refused("InvalidSignatureException", 403, "the query is not percent-encoded");
      }
    }
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
}
