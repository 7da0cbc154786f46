package io.lockctl.core.rule;

import java.security.SecureRandom;
import java.util.Random;

/**
 * Generates rule identifiers: 11 characters of [0-9a-zA-Z] (the anchor's pattern), about 65 bits of
 * randomness, so identifiers need no coordination and cannot be guessed from one another.
 */
public final class RuleIds {
  private static final String ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final int LENGTH = 11;

  private final Random random;

  public RuleIds() {
    this(new SecureRandom());
  }

  /** With a given source of randomness; production uses {@link SecureRandom}. */
  public RuleIds(Random random) {
    this.random = random;
  }

  public String next() {
    StringBuilder id = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return id.toString();
  }
}
