package io.lockctl.core.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The canonical bytes, worked out by hand from the protobuf encoding rules; the decoder's
 * strictness. (lock-server's AuditRecordEncodingTest compares with the generated protobuf code.)
 */
class AuditRecordEncodingTest {
  private static final byte[] SHA = HexFormat.of().parseHex("11".repeat(32));

  @Test
  void aRecordIsEncodedFieldByFieldInFieldNumberOrder() {
    AuditEntry entry =
        new AuditEntry(1, Instant.parse("1970-01-01T00:00:01.001Z"), "p", "a", "r", SHA, "OK", "t");
    String expected =
        "0801" // index = 1
            + "1206"
            + "0801"
            + "10c0843d" // time: seconds = 1, nanos = 1000000
            + "1a0170" // principal
            + "220161" // action
            + "2a0172" // resource
            + "3220"
            + "11".repeat(32) // request_sha256
            + "3a024f4b" // outcome
            + "420174"; // client_token
    assertEquals(expected, hex(AuditRecordEncoding.encode(entry)));
  }

  @Test
  void defaultsAreLeftOutButTheTimeIsAlwaysThere() {
    AuditEntry empty = new AuditEntry(0, Instant.EPOCH, "", "", "", new byte[0], "", "");
    assertEquals("1200", hex(AuditRecordEncoding.encode(empty)));
    assertEquals(empty, AuditRecordEncoding.decode(HexFormat.of().parseHex("1200")));
  }

  @Test
  void timesBefore1970HaveNegativeSecondsAsTenByteVarints() {
    AuditEntry entry =
        new AuditEntry(0, Instant.parse("1969-12-31T23:59:59.5Z"), "", "", "", new byte[0], "", "");
    assertEquals(
        "1211" + "08ffffffffffffffffff01" + "1080cab5ee01", hex(AuditRecordEncoding.encode(entry)));
  }

  @Test
  void theLeafHashIsSha256OfZeroAndTheCanonicalBytes() {
    AuditEntry entry = new AuditEntry(0, Instant.EPOCH, "", "", "", new byte[0], "", "");
    assertArrayEquals(
        Rfc6962.sha256(new byte[] {0x00, 0x12, 0x00}), AuditRecordEncoding.leafHash(entry));
  }

  @Test
  void randomRecordsSurviveEncodingAndDecodingBothWays() {
    TestSeed seed = TestSeed.next();
    RandomAuditEntries entries = new RandomAuditEntries(seed.random);
    for (int i = 0; i < 5000; i++) {
      AuditEntry entry = entries.next();
      byte[] bytes = AuditRecordEncoding.encode(entry);
      AuditEntry decoded = AuditRecordEncoding.decode(bytes);
      assertEquals(entry, decoded, seed.say("record " + entry));
      assertArrayEquals(bytes, AuditRecordEncoding.encode(decoded), seed.say("bytes of " + entry));
    }
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "no bytes | \"\" | time is missing",
        "no time | 0801 | time is missing",
        "field 0 | 00001200 | field number 0 is not valid",
        "an unknown field | 12004a0178 | field 9 is not a field of lockctl.v1.AuditRecord",
        "a repeated field | 12001200 | field 2 appears twice",
        "fields out of order | 1a01701200 | field 2 comes after field 3",
        "index 0 written out | 08001200 | index 0 is written out",
        "an empty string written out | 12001a00 | principal is written out empty",
        "an empty hash written out | 12003200 | request_sha256 is written out empty",
        "a varint where bytes go | 10011200 | field 2 has wire type 0, not 2",
        "bytes where a varint goes | 0a001200 | field 1 has wire type 2, not 0",
        "a longer varint than needed | 0881001200 | a varint is not in its shortest form",
        "a varint cut off | 0880 | a varint is cut off",
        "a varint over 64 bits | 08ffffffffffffffffff021200 | a varint overflows 64 bits",
        "an index over 2^63 - 1 | 08ffffffffffffffffff011200 | index does not fit",
        "a length past the end | 1201 | runs past the end",
        "a string that is not UTF-8 | 12001a02c328 | principal is not valid UTF-8",
        "an encoded surrogate | 12001a03eda080 | principal is not valid UTF-8",
        "a hash of 5 bytes | 1200320501020304 05 | request_sha256 has 32 bytes (or none), not 5",
        "nanos 0 written out | 12021000 | a 0 is written out",
        "nanos of a second | 1206108094ebdc03 | nanos must be 0-999999999",
        "seconds out of range | 120b08 80808080808080808001 | are out of range",
        "a year after 9999 | 1207088083d1ffaf07 | outside google.protobuf.Timestamp's range",
        "unknown Timestamp field | 12021801 | field 3 is not a field of google.protobuf.Timestamp",
      })
  void bytesThatAreNotACanonicalRecordAreRefusedSayingWhy(String what, String hex, String problem) {
    byte[] bytes = HexFormat.of().parseHex(hex.replace(" ", ""));
    MalformedAuditRecordException refused =
        assertThrows(
            MalformedAuditRecordException.class, () -> AuditRecordEncoding.decode(bytes), what);
    assertTrue(refused.getMessage().contains(problem), what + ": " + refused.getMessage());
  }

  @Test
  void aRecordRefusesWhatItsMessageCannotCarry() {
    Instant now = Instant.EPOCH;
    byte[] none = new byte[0];
    assertThrows(
        IllegalArgumentException.class, () -> new AuditEntry(-1, now, "", "", "", none, "", ""));
    assertThrows(
        IllegalArgumentException.class,
        () -> new AuditEntry(0, now, "\ud800", "", "", none, "", ""));
    assertThrows(
        IllegalArgumentException.class,
        () -> new AuditEntry(0, now, "", "", "x\udc00", none, "", ""));
    assertThrows(
        IllegalArgumentException.class,
        () -> new AuditEntry(0, now, "", "", "", new byte[31], "", ""));
    assertThrows(
        IllegalArgumentException.class,
        () -> new AuditEntry(0, Instant.parse("+10000-01-01T00:00:00Z"), "", "", "", none, "", ""));
    assertThrows(
        IllegalArgumentException.class,
        () -> new AuditEntry(0, Instant.parse("0000-12-31T23:59:59Z"), "", "", "", none, "", ""));
  }

  @Test
  void aRecordKeepsItsOwnCopyOfTheRequestHash() {
    byte[] sha = SHA.clone();
    AuditEntry entry = new AuditEntry(0, Instant.EPOCH, "", "", "", sha, "", "");
    sha[0] = 0;
    entry.requestSha256()[1] = 0;
    assertArrayEquals(SHA, entry.requestSha256());
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
