package io.lockctl.core.ids;

import java.security.SecureRandom;
import java.util.Random;
import java.util.UUID;

/**
 * Makes server-generated identifiers in the formats of {@link Identifiers}. They are random (about
 * 65 to 103 bits), so they need no coordination between replicas and none can be guessed from
 * another.
 */
public final class RandomIds {
  private static final String LOWER = "0123456789abcdefghijklmnopqrstuvwxyz";
  private static final String MIXED =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private final Random random;

  public RandomIds() {
    this(new SecureRandom());
  }

  /** With a given source of randomness; production uses {@link SecureRandom}. */
  public RandomIds(Random random) {
    this.random = random;
  }

  public String snapshotId() {
    return "s-" + characters(LOWER, 20);
  }

  public String ruleId() {
    return characters(MIXED, 11);
  }

  public String lockKeyId() {
    return "lk-" + characters(LOWER, 20);
  }

  /** A version 4 (random) UUID, in lower case. */
  public String relationshipId() {
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }

  private String characters(String alphabet, int length) {
    StringBuilder id = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      id.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return id.toString();
  }
}
