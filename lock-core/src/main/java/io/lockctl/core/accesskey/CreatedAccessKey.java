package io.lockctl.core.accesskey;

/** A key just made, with its secret: the one answer that carries the secret. */
public record CreatedAccessKey(AccessKey key, String secret) {}
