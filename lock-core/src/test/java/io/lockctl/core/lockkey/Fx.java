package io.lockctl.core.lockkey;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;

/** Values shared by the replication decision tests; every time is explicit. */
public final class Fx {
  public static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  public static final String REGION = "cn-hangzhou";
  public static final String REL_ID = "0f8e2a9c-1b2d-4e5f-8a7b-6c5d4e3f2a1b";
  public static final String KEY_ID = "lk-aaaaaaaaaaaaaaaaaaaa";
  public static final String OTHER_KEY_ID = "lk-bbbbbbbbbbbbbbbbbbbb";
  public static final Duration WEEK = Duration.ofDays(7);

  /** One P-256 pair for the tests that need a real key but not a particular one. */
  public static final KeyPair PAIR = TestKeys.p256();

  private Fx() {}

  public static LockKey key(String id, String name, boolean disabled) {
    return new LockKey(id, name, "", TestKeys.pem(PAIR.getPublic()), disabled, T0);
  }

  public static LockKey key(String id) {
    return key(id, "name-" + id.substring(3, 6), false);
  }

  /** The relationship {@link #REL_ID} of {@link #REGION}, holding a key in {@code role}. */
  public static KeyHolder holder(KeyHolder.Role role) {
    return new KeyHolder(REL_ID, REGION, role);
  }
}
