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
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Checks a bearer token (a JWT, such as a Kubernetes service-account token) the way an OIDC
 * resource server does: signed with RS256 or ES256 by a key of the JWKS, by the configured issuer,
 * for the configured audience, and within its validity window give or take {@link #CLOCK_SKEW}.
 * Only then is its {@code sub} the caller. The signature is checked before any claim is believed.
 */
public final class BearerTokens {
  /** How far the issuer's clock and ours may disagree. */
  public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

  /** Asymmetric only: an HMAC key would let anyone who can verify a token also mint one. */
  private static final Set<JWSAlgorithm> ACCEPTED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

  /** What a token check found. */
  public sealed interface Outcome {}

  /** A good token, and the caller it names. */
  public record Valid(String subject) implements Outcome {}

  /**
   * A refused token.
   *
   * @param kind a short, fixed name of the check that failed, for logs
   * @param message what to tell the caller; never the token, nor what we expected
   */
  public record Invalid(String kind, String message) implements Outcome {}

  private final String issuer;
  private final String audience;
  private final Supplier<JWKSet> keys;
  private final Clock clock;

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
        new JWKSelector(JWKMatcher.forJWSHeader(signed.getHeader())).select(keys.get());
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
    return new Valid(subject);
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
