package io.lockctl.server.http.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignatureNoncesTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final Duration WINDOW = Duration.ofMinutes(30);

  @Test
  void aNonceIsUsedOncePerKeyWithinTheWindow() {
    SignatureNonces nonces = new SignatureNonces(WINDOW, 10);

    assertTrue(nonces.firstUse("key-a", "n1", T0));
    assertFalse(nonces.firstUse("key-a", "n1", T0.plus(WINDOW)), "a replay at the window's end");
    assertTrue(nonces.firstUse("key-b", "n1", T0), "another key's nonces are its own");
    assertTrue(
        nonces.firstUse("key-a", "n1", T0.plus(WINDOW).plusSeconds(1)),
        "once the window has passed, the skew check refuses the old request anyway");
  }

  @Test
  void expiredNoncesAreForgottenAndTheCountIsBounded() {
    SignatureNonces nonces = new SignatureNonces(WINDOW, 3);
    for (int i = 0; i < 3; i++) {
      assertTrue(nonces.firstUse("key", "old-" + i, T0));
    }
    assertTrue(nonces.firstUse("key", "new", T0.plus(WINDOW).plusSeconds(1)));
    assertEquals(1, nonces.size(), "the three expired nonces are gone");

    for (int i = 0; i < 5; i++) {
      assertTrue(nonces.firstUse("key", "burst-" + i, T0.plus(WINDOW).plusSeconds(2)));
    }
    assertEquals(3, nonces.size());
    assertFalse(nonces.firstUse("key", "burst-4", T0.plus(WINDOW).plusSeconds(2)));
    assertTrue(
        nonces.firstUse("key", "burst-0", T0.plus(WINDOW).plusSeconds(2)),
        "past the capacity the oldest nonce is forgotten first");
  }
}
