package io.lockctl.core.replication;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;

/** Values shared by the replication decision tests; every time is explicit. */
final class Fx {
  static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  static final String REGION = "cn-hangzhou";
  static final String REL_ID = "0f8e2a9c-1b2d-4e5f-8a7b-6c5d4e3f2a1b";
  static final String KEY_ID = "lk-aaaaaaaaaaaaaaaaaaaa";
  static final String OTHER_KEY_ID = "lk-bbbbbbbbbbbbbbbbbbbb";
  static final Duration WEEK = Duration.ofDays(7);

  /** One P-256 pair for the tests that need a real key but not a particular one. */
  static final KeyPair PAIR = TestKeys.p256();

  private Fx() {}

  static LockKey key(String id, String name, boolean disabled) {
    return new LockKey(id, name, "", TestKeys.pem(PAIR.getPublic()), disabled, T0);
  }

  static LockKey key(String id) {
    return key(id, "name-" + id.substring(3, 6), false);
  }

  static TargetRelationship relationship(Duration ttl) {
    return new TargetRelationship(
        REL_ID,
        REGION,
        "cluster-a",
        "/data",
        "/replica",
        ttl,
        Orientation.ORIGINAL,
        null,
        null,
        T0);
  }

  static TargetRelationship withKeys(
      Orientation orientation, String originalKeyId, String reversedKeyId) {
    return relationship(WEEK).withOrientation(orientation, originalKeyId, reversedKeyId);
  }
}
