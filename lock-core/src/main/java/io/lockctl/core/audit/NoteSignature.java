package io.lockctl.core.audit;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One signature line of a C2SP signed note: the signer's key name, the 4-byte key id (big-endian)
 * and the signature bytes.
 */
public record NoteSignature(String keyName, int keyId, byte[] signature) {
  public NoteSignature {
    KeyName.requireValid(keyName);
    if (signature.length == 0) {
      throw new IllegalArgumentException("a note signature is not empty");
    }
    signature = signature.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NoteSignature that
        && keyName.equals(that.keyName)
        && keyId == that.keyId
        && Arrays.equals(signature, that.signature);
  }

  @Override
  public int hashCode() {
    return (keyName.hashCode() * 31 + keyId) * 31 + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "NoteSignature[keyName="
        + keyName
        + ", keyId="
        + String.format("%08x", keyId)
        + ", signature="
        + HexFormat.of().formatHex(signature)
        + "]";
  }
}
