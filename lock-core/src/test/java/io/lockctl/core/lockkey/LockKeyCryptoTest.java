package io.lockctl.core.lockkey;

import static io.lockctl.core.lockkey.Rejections.accepted;
import static io.lockctl.core.lockkey.Rejections.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockctl.core.error.Reason;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class LockKeyCryptoTest {
  private static final byte[] MESSAGE = "backup-key".getBytes(StandardCharsets.UTF_8);

  @Test
  void aP256KeyInPemIsReadAndItsSignaturesVerify() {
    KeyPair pair = TestKeys.p256();
    ECPublicKey key =
        accepted(LockKeyCrypto.parsePublicKey("public_key", TestKeys.pem(pair.getPublic())));
    assertEquals(pair.getPublic(), key);
    assertTrue(LockKeyCrypto.verify(key, MESSAGE, TestKeys.sign(pair.getPrivate(), MESSAGE)));
  }

  @Test
  void pemWithCrLfLineEndsAndSurroundingBlankLinesIsRead() {
    KeyPair pair = TestKeys.p256();
    String pem = "\r\n" + TestKeys.pem(pair.getPublic()).replace("\n", "\r\n") + "\r\n";
    assertEquals(pair.getPublic(), accepted(LockKeyCrypto.parsePublicKey("public_key", pem)));
  }

  @Test
  void aP384KeyIsRefused() {
    String pem = TestKeys.pem(TestKeys.ec("secp384r1").getPublic());
    rejected(
        LockKeyCrypto.parsePublicKey("public_key", pem), Reason.INVALID_PUBLIC_KEY, "public_key");
  }

  @Test
  void anRsaKeyIsRefused() {
    String pem = TestKeys.pem(TestKeys.rsa().getPublic());
    rejected(
        LockKeyCrypto.parsePublicKey("public_key", pem), Reason.INVALID_PUBLIC_KEY, "public_key");
  }

  @Test
  void aPrivateKeyIsRefusedWithoutBeingEchoed() {
    KeyPair pair = TestKeys.p256();
    String pem = TestKeys.pem("PRIVATE KEY", pair.getPrivate().getEncoded());
    var rejection =
        Rejections.rejected(
            LockKeyCrypto.parsePublicKey("public_key", pem), Reason.INVALID_PUBLIC_KEY);
    String body = pem.split("\n")[1];
    assertFalse(rejection.message().contains(body));
  }

  @Test
  void aPointOffTheCurveIsRefused() {
    KeyPair pair = TestKeys.p256();
    byte[] der = pair.getPublic().getEncoded();
    der[der.length - 1] ^= 1;
    rejected(
        LockKeyCrypto.parsePublicKey("public_key", TestKeys.pem("PUBLIC KEY", der)),
        Reason.INVALID_PUBLIC_KEY,
        "public_key");
  }

  @Test
  void malformedPemIsRefused() {
    String good = TestKeys.pem(TestKeys.p256().getPublic());
    for (String pem :
        new String[] {
          "",
          "not a pem",
          good.replace("PUBLIC KEY", "CERTIFICATE"),
          good.replace("-----END PUBLIC KEY-----", ""),
          good.replace("M", "*"),
          good + good,
          "-----BEGIN PUBLIC KEY-----\n"
              + Base64.getEncoder().encodeToString(new byte[40])
              + "\n-----END PUBLIC KEY-----",
          "-----BEGIN PUBLIC KEY-----"
              + "A".repeat(LockKeyCrypto.MAX_PEM_LENGTH)
              + "-----END PUBLIC KEY-----"
        }) {
      rejected(
          LockKeyCrypto.parsePublicKey("public_key", pem), Reason.INVALID_PUBLIC_KEY, "public_key");
    }
  }

  @Test
  void aTamperedSignatureIsRefused() {
    KeyPair pair = TestKeys.p256();
    byte[] der = Base64.getDecoder().decode(TestKeys.sign(pair.getPrivate(), MESSAGE));
    der[der.length - 1] ^= 1;
    assertFalse(
        LockKeyCrypto.verify(pair.getPublic(), MESSAGE, Base64.getEncoder().encodeToString(der)));
  }

  @Test
  void aSignatureOfOtherBytesOrByAnotherKeyIsRefused() {
    KeyPair pair = TestKeys.p256();
    String signature = TestKeys.sign(pair.getPrivate(), MESSAGE);
    assertFalse(
        LockKeyCrypto.verify(
            pair.getPublic(), "backup-key\n".getBytes(StandardCharsets.UTF_8), signature));
    assertFalse(LockKeyCrypto.verify(TestKeys.p256().getPublic(), MESSAGE, signature));
  }

  @Test
  void theHighSVariantOfASignatureStillVerifiesSoSingleUseCannotHangOnSignatureBytes() {
    // ECDSA signatures are malleable: (r, n - s) verifies too. Single use is therefore tracked by
    // the challenge's nonce, never by the signature (see UnlockChallenges).
    KeyPair pair = TestKeys.p256();
    byte[] der = Base64.getDecoder().decode(TestKeys.sign(pair.getPrivate(), MESSAGE));
    BigInteger[] rs = Der.decode(der);
    BigInteger n = ((ECPublicKey) pair.getPublic()).getParams().getOrder();
    String flipped = Base64.getEncoder().encodeToString(Der.encode(rs[0], n.subtract(rs[1])));
    assertTrue(LockKeyCrypto.verify(pair.getPublic(), MESSAGE, flipped));
  }

  @Test
  void signaturesThatAreNotBase64OrNotDerOrTooLongAreSimplyInvalid() {
    KeyPair pair = TestKeys.p256();
    String signature = TestKeys.sign(pair.getPrivate(), MESSAGE);
    assertFalse(LockKeyCrypto.verify(pair.getPublic(), MESSAGE, ""));
    assertFalse(LockKeyCrypto.verify(pair.getPublic(), MESSAGE, "%%%"));
    assertFalse(LockKeyCrypto.verify(pair.getPublic(), MESSAGE, "AAAA"));
    assertFalse(LockKeyCrypto.verify(pair.getPublic(), MESSAGE, signature.repeat(4)));
    // base64 -w0 output without padding, or wrapped by a plain base64, is still accepted
    assertTrue(LockKeyCrypto.verify(pair.getPublic(), MESSAGE, signature.replace("=", "")));
    assertTrue(
        LockKeyCrypto.verify(
            pair.getPublic(),
            MESSAGE,
            signature.substring(0, 20) + "\n" + signature.substring(20) + "\n"));
  }
}
