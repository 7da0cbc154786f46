package io.lockctl.cli;

import com.google.protobuf.ByteString;
import io.lockctl.v1.GetAuditCheckpointResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * A checkpoint whose Ed25519 signature verified: its tree size and root hash, taken from the signed
 * text (C2SP tlog-checkpoint: origin, size, base64 root, each on its own line), never from the
 * unsigned fields beside it.
 */
record SignedCheckpoint(String origin, long treeSize, ByteString rootHash) {

  /** Verifies {@code checkpoint}'s signature with {@code key}; throws if anything is off. */
  static SignedCheckpoint verify(
      GetAuditCheckpointResponse checkpoint, PublicKey key, String what) {
    byte[] text = checkpoint.getCheckpoint().getBytes(StandardCharsets.UTF_8);
    try {
      Signature ed25519 = Signature.getInstance("Ed25519");
      ed25519.initVerify(key);
      ed25519.update(text);
      if (!ed25519.verify(checkpoint.getSignature().toByteArray())) {
        throw new CheckFailedException(what + ": the signature does not verify with the key");
      }
    } catch (GeneralSecurityException e) {
      throw new CheckFailedException(what + ": the signature cannot be checked: " + e.getMessage());
    }
    String[] lines = checkpoint.getCheckpoint().split("\n", -1);
    if (lines.length < 4 || !lines[lines.length - 1].isEmpty()) {
      throw new CheckFailedException(what + ": not a checkpoint text");
    }
    try {
      return new SignedCheckpoint(
          lines[0],
          Long.parseUnsignedLong(lines[1]),
          ByteString.copyFrom(Base64.getDecoder().decode(lines[2])));
    } catch (IllegalArgumentException e) {
      throw new CheckFailedException(what + ": not a checkpoint text: " + e.getMessage());
    }
  }

  /** An Ed25519 public key from its "BEGIN PUBLIC KEY" PEM block. */
  static PublicKey publicKey(String pem, String what) {
    String body =
        pem.replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    try {
      return KeyFactory.getInstance("Ed25519")
          .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new CheckFailedException(what + " is not an Ed25519 public key in PEM");
    }
  }
}
