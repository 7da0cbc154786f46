package io.lockctl.core.snapshot;

import java.security.SecureRandom;

/**
 * Generates snapshot ids: "s-" plus 20 characters of [0-9a-z], about 103 bits of randomness, so ids
 * can be made without coordination and cannot be guessed from one another.
 */
final class SnapshotIds {
  private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
  private static final int RANDOM_LENGTH = 20;

  private final SecureRandom random;

  SnapshotIds(SecureRandom random) {
    this.random = random;
  }

  String next() {
    StringBuilder id = new StringBuilder("s-");
    for (int i = 0; i < RANDOM_LENGTH; i++) {
      id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return id.toString();
  }
}
