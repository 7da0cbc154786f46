package io.lockctl.core.store;

import java.util.Optional;

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

  /** The secret named {@code name}, if one was stored; never stores one. */
  Optional<byte[]> find(String name);
}
