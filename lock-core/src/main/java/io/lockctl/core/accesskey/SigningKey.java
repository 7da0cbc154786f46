package io.lockctl.core.accesskey;

/** What verifying a signed request needs: who signs with the key, and its secret. */
public record SigningKey(String accessKeyId, String principal, String secret) {}
