package io.lockctl.core.accesskey;

import java.time.Instant;

/**
 * A credential for the anchors' HTTP APIs: an id, the principal a request signed with it acts as,
 * and its secret, sealed (see {@link SecretSealer}): the store never holds the secret in plain
 * text.
 *
 * @param sealedSecret the base64 of the secret sealed under the server's access-key master key
 */
public record AccessKey(String id, String principal, String sealedSecret, Instant createTime) {}
