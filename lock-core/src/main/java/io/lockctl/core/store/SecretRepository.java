package io.lockctl.core.store;

/**
 * Secrets the server draws once and keeps with its data, by name, so that a restart (and every
 * replica of a shared database) uses the same ones.
 */
public interface SecretRepository {

  /**
   * The secret named {@code name}: the stored one, or {@code length} fresh random bytes stored now
   * if there is none.
   */
  byte[] getOrCreate(String name, int length);
}
