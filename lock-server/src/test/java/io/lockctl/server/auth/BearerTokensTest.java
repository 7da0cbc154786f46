package io.lockctl.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.lockctl.core.clock.SettableClock;
import io.lockctl.server.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The memory of valid tokens never outlives a token's expiry or its key. */
class BearerTokensTest {
  private final RSAKey key = TestTokens.rsaKey("k");
  private final AtomicReference<JWKSet> jwks = new AtomicReference<>(new JWKSet(key.toPublicJWK()));
  private final SettableClock clock = new SettableClock(Instant.now());
  private final BearerTokens tokens =
      new BearerTokens(TestTokens.ISSUER, TestTokens.AUDIENCE, jwks::get, clock);

  @Test
  void aRememberedTokenIsRefusedOnceItExpires() {
    Instant expires = clock.instant().plus(Duration.ofMinutes(5));
    String token =
        TestTokens.rs256(key, TestTokens.claims("s").expirationTime(Date.from(expires)).build());
    assertEquals("s", assertInstanceOf(BearerTokens.Valid.class, tokens.verify(token)).subject());
    assertInstanceOf(BearerTokens.Valid.class, tokens.verify(token));

    clock.set(expires.plus(BearerTokens.CLOCK_SKEW));

    assertEquals(
        "expired", assertInstanceOf(BearerTokens.Invalid.class, tokens.verify(token)).kind());
  }

  @Test
  void aRememberedTokenIsRefusedOnceItsKeyLeavesTheJwks() {
    String token = TestTokens.rs256(key, TestTokens.claims("s").build());
    assertInstanceOf(BearerTokens.Valid.class, tokens.verify(token));

    jwks.set(new JWKSet(TestTokens.rsaKey("other").toPublicJWK()));

    assertEquals(
        "unknown-key", assertInstanceOf(BearerTokens.Invalid.class, tokens.verify(token)).kind());
  }
}
