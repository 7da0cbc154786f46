package io.lockctl.core.lockkey;

/**
 * CreateLockKey's input, as received.
 *
 * @param publicKeyPem the PEM of the public key
 * @param verificationSignature base64 of the DER SHA256withECDSA signature of {@code name}'s UTF-8
 *     bytes
 */
public record CreateLockKeyCommand(
    String name, String comment, String publicKeyPem, String verificationSignature) {}
