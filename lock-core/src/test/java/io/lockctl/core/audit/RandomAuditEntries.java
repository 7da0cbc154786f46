package io.lockctl.core.audit;

import java.time.Instant;
import java.util.Random;

/**
 * Random audit records for encoding tests, edge cases included: index 0 and the largest, the epoch
 * and the ends of Timestamp's range, times before 1970, empty and non-ASCII strings (supplementary
 * characters too), no request hash. Shared with lock-server's tests through lock-core's test jar.
 */
public final class RandomAuditEntries {
  private static final String[] ALPHABETS = {
    "abcdefghijklmnopqrstuvwxyz0123456789:/-_.*",
    "\u00e9\u00fc\u00df\u4e2d\u6587\u2014\u00a0 \t\n",
    "\ud83d\udd12\ud83d\udcf8\ud800\udc00\udbff\udfff"
  };

  private final Random random;

  public RandomAuditEntries(Random random) {
    this.random = random;
  }

  public AuditEntry next() {
    return new AuditEntry(
        index(),
        time(),
        string(),
        random.nextInt(4) == 0 ? "" : "lockctl:" + string(),
        random.nextInt(4) == 0 ? "" : "lrn:lockctl:cn-hangzhou:snapshot/s-" + string(),
        requestSha256(),
        random.nextBoolean() ? AuditEntry.OUTCOME_OK : string(),
        string());
  }

  private long index() {
    return switch (random.nextInt(6)) {
      case 0 -> 0;
      case 1 -> Long.MAX_VALUE;
      case 2 -> random.nextInt(128);
      default -> (random.nextLong() >>> 1) >>> random.nextInt(63);
    };
  }

  private Instant time() {
    return switch (random.nextInt(8)) {
      case 0 -> Instant.EPOCH;
      case 1 -> AuditEntry.MIN_TIME;
      case 2 -> AuditEntry.MAX_TIME;
      case 3 -> Instant.ofEpochSecond(0, 1 + random.nextInt(999_999_999));
      case 4 ->
          Instant.ofEpochSecond(
              AuditEntry.MIN_TIME.getEpochSecond()
                  + random.nextLong(
                      AuditEntry.MAX_TIME.getEpochSecond() - AuditEntry.MIN_TIME.getEpochSecond()),
              random.nextInt(1_000_000_000));
      default ->
          // What lockctl stores: milliseconds, around now.
          Instant.ofEpochMilli(1_700_000_000_000L + random.nextLong(400_000_000_000L));
    };
  }

  private byte[] requestSha256() {
    byte[] sha = new byte[random.nextInt(5) == 0 ? 0 : 32];
    random.nextBytes(sha);
    return sha;
  }

  private String string() {
    int length = random.nextInt(3) == 0 ? 0 : random.nextInt(40);
    StringBuilder s = new StringBuilder();
    while (s.length() < length) {
      String alphabet = ALPHABETS[random.nextInt(ALPHABETS.length)];
      int at = random.nextInt(alphabet.length());
      if (Character.isLowSurrogate(alphabet.charAt(at))) {
        at--;
      }
      s.appendCodePoint(alphabet.codePointAt(at));
    }
    return s.toString();
  }
}
