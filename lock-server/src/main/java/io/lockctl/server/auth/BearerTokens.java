package io.lockctl.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Checks a bearer token (a JWT, such as a Kubernetes service-account token) the way an OIDC
 * resource server does: signed with RS256 or ES256 by a key of the JWKS, by the configured issuer,
 * for the configured audience, and within its validity window give or take {@link #CLOCK_SKEW}.
 * Only then is its {@code sub} the caller. The signature is checked before any claim is believed.
 *
 * <p>A client sends the same token with every call until it renews it, and checking a signature
 * costs 0.1 ms (RS256) to 2 ms (ES256) of CPU. So a valid token is remembered, by its SHA-256, with
 * the JWKS it was checked against: while that JWKS is in force, the same token only has its expiry
 * checked again. A reloaded JWKS empties the memory in effect, so a token whose key was removed is
 * refused at once.
 */
public final class BearerTokens {
  /** How far the issuer's clock and ours may disagree. */
  public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

  /** Asymmetric only: an HMAC key would let anyone who can verify a token also mint one. */
  private static final Set<JWSAlgorithm> ACCEPTED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

  /** What a token check found. */
  public sealed interface Outcome {}

  /** A good token, the caller it names, and when it expires. */
  public record Valid(String subject, Instant expires) implements Outcome {}

  /**
   * A refused token.
   *
   * @param kind a short, fixed name of the check that failed, for logs
   * @param message what to tell the caller; never the token, nor what we expected
   */
  public record Invalid(String kind, String message) implements Outcome {}

  /** Valid tokens remembered, at most; a few hundred clients each with a token or two. */
  private static final int REMEMBERED = 1024;

  private final String issuer;
  private final String audience;
  private final Supplier<JWKSet> keys;
  private final Clock clock;
  private final Map<String, Remembered> valid =
      Collections.synchronizedMap(
          new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
              return size() > REMEMBERED;
            }
          });

  /** A token found valid against {@code keys}, and what it said. */
  private record Remembered(JWKSet keys, String subject, Instant expires) {}

  /**
   * @param keys the JWKS in force now; asked on every check, so a reloaded file takes effect at
   *     once
   */
  public BearerTokens(String issuer, String audience, Supplier<JWKSet> keys, Clock clock) {
    this.issuer = issuer;
    this.audience = audience;
    this.keys = keys;
    this.clock = clock;
  }

  public Outcome verify(String token) {
    JWKSet current = keys.get();
    String digest = sha256(token);
    Remembered remembered = valid.get(digest);
    if (remembered != null && sameLoad(remembered.keys(), current)) {
      // nbf and iat only recede; the expiry is what can change the answer
      if (clock.instant().isBefore(remembered.expires().plus(CLOCK_SKEW))) {
        return new Valid(remembered.subject(), remembered.expires());
      }
      valid.remove(digest);
    }
    Outcome outcome = check(token, current);
    if (outcome instanceof Valid found) {
      valid.put(digest, new Remembered(current, found.subject(), found.expires()));
    }
    return outcome;
  }

  private Outcome check(String token, JWKSet current) {
    JWT jwt;
    try {
      jwt = JWTParser.parse(token);
    } catch (ParseException malformed) {
      return new Invalid("malformed", "the bearer token is not a JWT");
    }
    if (!(jwt instanceof SignedJWT signed)) {
      return new Invalid("unsigned", "the bearer token is not signed (alg none, or encrypted)");
    }
    JWSAlgorithm algorithm = signed.getHeader().getAlgorithm();
    if (!ACCEPTED.contains(algorithm)) {
      return new Invalid(
          "algorithm",
          "the bearer token is signed with " + algorithm + "; only RS256 and ES256 are accepted");
    }
    List<JWK> candidates =
        new JWKSelector(JWKMatcher.forJWSHeader(signed.getHeader())).select(current);
    if (candidates.isEmpty()) {
      return new Invalid("unknown-key", "no key of the server's JWKS matches the bearer token");
    }
    if (!verifiesWithOneOf(signed, candidates)) {
      return new Invalid("signature", "the bearer token's signature does not verify");
    }
    JWTClaimsSet claims;
    try {
      claims = signed.getJWTClaimsSet();
    } catch (ParseException malformed) {
      return new Invalid("malformed", "the bearer token's claims are not a JSON object");
    }
    return checkClaims(claims);
  }

  private Outcome checkClaims(JWTClaimsSet claims) {
    if (!issuer.equals(claims.getIssuer())) {
      return new Invalid("issuer", "the bearer token was issued by another issuer");
    }
    List<String> audiences = claims.getAudience();
    if (audiences == null || !audiences.contains(audience)) {
      return new Invalid("audience", "the bearer token is meant for another audience");
    }
    Instant now = clock.instant();
    Instant expires = instant(claims.getExpirationTime());
    if (expires == null) {
      return new Invalid("expiry", "the bearer token has no expiry (exp)");
    }
    if (!now.isBefore(expires.plus(CLOCK_SKEW))) {
      return new Invalid("expired", "the bearer token has expired");
    }
    Instant notBefore = instant(claims.getNotBeforeTime());
    if (notBefore != null && now.plus(CLOCK_SKEW).isBefore(notBefore)) {
      return new Invalid("not-yet-valid", "the bearer token is not valid yet (nbf)");
    }
    Instant issued = instant(claims.getIssueTime());
    if (issued != null && now.plus(CLOCK_SKEW).isBefore(issued)) {
      return new Invalid("issued-in-future", "the bearer token was issued in the future (iat)");
    }
    String subject = claims.getSubject();
    if (subject == null || subject.isBlank()) {
      return new Invalid("subject", "the bearer token names no subject (sub)");
    }
    return new Valid(subject, expires);
  }

  /**
   * The very JWKS the token was checked against: each reload makes a new one, and comparing
   * contents would cost more than it could save.
   */
  @SuppressWarnings("ReferenceEquality")
  private static boolean sameLoad(JWKSet a, JWKSet b) {
    return a == b;
  }

  private static String sha256(String token) {
    try {
      return Base64.getEncoder()
          .encodeToString(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every JVM has SHA-256", impossible);
    }
  }

  private static boolean verifiesWithOneOf(SignedJWT jwt, List<JWK> candidates) {
    for (JWK key : candidates) {
      try {
        JWSVerifier verifier;
        if (key instanceof RSAKey rsa) {
          verifier = new RSASSAVerifier(rsa);
        } else if (key instanceof ECKey ec) {
          verifier = new ECDSAVerifier(ec);
        } else {
          continue;
        }
        if (jwt.verify(verifier)) {
          return true;
        }
      } catch (JOSEException unusable) {
        // a key of the wrong curve or size: try the next one
      }
    }
    return false;
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }

  /**
   * The public keys of a JWKS document that can check RS256 or ES256 signatures.
   *
   * @throws IllegalArgumentException if it is not a JWKS or holds no RSA or EC key
   */
  public static JWKSet parseJwks(String json) {
    JWKSet set;
    try {
      set = JWKSet.parse(json);
    } catch (ParseException malformed) {
      throw new IllegalArgumentException("is not a JWKS document: " + malformed.getMessage());
    }
    JWKSet usable =
        new JWKSet(
            set.toPublicJWKSet().getKeys().stream()
                .filter(key -> key instanceof RSAKey || key instanceof ECKey)
                .toList());
    if (usable.isEmpty()) {
      throw new IllegalArgumentException("holds no RSA or EC public key");
    }
    return usable;
  }
}
