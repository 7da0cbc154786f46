package io.lockctl.core.store.memory;

import io.lockctl.core.store.SecretRepository;
import java.security.SecureRandom;
import java.util.Optional;

/** Server secrets, in memory: drawn on first use and kept while the store lives. */
final class MemorySecrets implements SecretRepository {
  private final Tables tables;
  private final Writes writes;

  MemorySecrets(Tables tables, Writes writes) {
    this.tables = tables;
    this.writes = writes;
  }

  @Override
  public byte[] getOrCreate(String name, int length) {
    byte[] stored = tables.secrets.get(name);
    if (stored == null) {
      stored = new byte[length];
      new SecureRandom().nextBytes(stored);
      writes.log().put(tables.secrets, name, stored);
    }
    return stored.clone();
  }

  @Override
  public Optional<byte[]> find(String name) {
    return Optional.ofNullable(tables.secrets.get(name)).map(byte[]::clone);
  }
}
