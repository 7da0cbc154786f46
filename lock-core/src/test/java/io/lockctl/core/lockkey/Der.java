package io.lockctl.core.lockkey;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;

/** The DER form of an ECDSA signature, SEQUENCE { INTEGER r, INTEGER s }, for P-256 sizes only. */
final class Der {

  private Der() {}

  static BigInteger[] decode(byte[] der) {
    int at = 2;
    BigInteger[] rs = new BigInteger[2];
    for (int i = 0; i < 2; i++) {
      int length = der[at + 1];
      byte[] value = new byte[length];
      System.arraycopy(der, at + 2, value, 0, length);
      rs[i] = new BigInteger(value);
      at += 2 + length;
    }
    return rs;
  }

  static byte[] encode(BigInteger r, BigInteger s) {
    byte[] rBytes = r.toByteArray();
    byte[] sBytes = s.toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x30);
    out.write(4 + rBytes.length + sBytes.length);
    out.write(0x02);
    out.write(rBytes.length);
    out.writeBytes(rBytes);
    out.write(0x02);
    out.write(sBytes.length);
    out.writeBytes(sBytes);
    return out.toByteArray();
  }
}
