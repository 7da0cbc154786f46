package io.lockctl.core.replication;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Lock key ids: "lk-" plus 20 characters of [0-9a-z]. Names may never take this form, so a {@code
 * lock_key_ref} is an id exactly when it matches {@link #isId}.
 */
final class LockKeyIds {
  private static final Pattern ID = Pattern.compile("^lk-[0-9a-z]{20}$");
  private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
  private static final int RANDOM_LENGTH = 20;

  private final SecureRandom random;

  LockKeyIds(SecureRandom random) {
    this.random = random;
  }

  String next() {
    StringBuilder id = new StringBuilder("lk-");
    for (int i = 0; i < RANDOM_LENGTH; i++) {
      id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return id.toString();
  }

  static boolean isId(String ref) {
    return ID.matcher(ref).matches();
  }
}
