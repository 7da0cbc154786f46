package io.lockctl.server.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

/** Signing keys and JWTs made by the tests, as an OIDC issuer would make them. */
public final class TestTokens {
  public static final String ISSUER = "https://issuer.test.example";
  public static final String AUDIENCE = "lockctl";

  private TestTokens() {}

  public static RSAKey rsaKey(String keyId) {
    try {
      return new RSAKeyGenerator(2048).keyID(keyId).generate();
    } catch (JOSEException failed) {
      throw new IllegalStateException(failed);
    }
  }

  public static ECKey ecKey(String keyId) {
    try {
      return new ECKeyGenerator(Curve.P_256).keyID(keyId).generate();
    } catch (JOSEException failed) {
      throw new IllegalStateException(failed);
    }
  }

  /** The public halves of {@code keys}, as a JWKS document in {@code file}. */
  public static void writeJwks(Path file, JWK... keys) throws IOException {
    List<JWK> publicKeys = Arrays.stream(keys).map(JWK::toPublicJWK).toList();
    Files.writeString(file, new JWKSet(publicKeys).toString());
  }

  /** Claims a good token has: our issuer and audience, valid from a minute ago for ten minutes. */
  public static JWTClaimsSet.Builder claims(String subject) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(List.of(AUDIENCE, "other-service"))
        .subject(subject)
        .issueTime(Date.from(now.minus(Duration.ofMinutes(1))))
        .notBeforeTime(Date.from(now.minus(Duration.ofMinutes(1))))
        .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))));
  }

  public static String rs256(RSAKey key, JWTClaimsSet claims) {
    return sign(JWSAlgorithm.RS256, key.getKeyID(), rsaSigner(key), claims);
  }

  public static String es256(ECKey key, JWTClaimsSet claims) {
    try {
      return sign(JWSAlgorithm.ES256, key.getKeyID(), new ECDSASigner(key), claims);
    } catch (JOSEException failed) {
      throw new IllegalStateException(failed);
    }
  }

  /** HMAC with a secret; lockctl must refuse it whatever the secret. */
  public static String hs256(byte[] secret, String keyId, JWTClaimsSet claims) {
    try {
      return sign(JWSAlgorithm.HS256, keyId, new MACSigner(secret), claims);
    } catch (JOSEException failed) {
      throw new IllegalStateException(failed);
    }
  }

  /** {@code alg: none}. */
  public static String unsigned(JWTClaimsSet claims) {
    return new PlainJWT(claims).serialize();
  }

  private static JWSSigner rsaSigner(RSAKey key) {
    try {
      return new RSASSASigner(key);
    } catch (JOSEException failed) {
      throw new IllegalStateException(failed);
    }
  }

  private static String sign(
      JWSAlgorithm algorithm, String keyId, JWSSigner signer, JWTClaimsSet claims) {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(keyId).build(), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException failed) {
      throw new IllegalStateException(failed);
    }
    return jwt.serialize();
  }
}
