package io.lockctl.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The C2SP tlog-checkpoint text: written exactly, read back strictly. */
class CheckpointTest {
  private static final byte[] ROOT =
      HexFormat.of().parseHex("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
  private static final String ROOT_BASE64 = "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=";

  @Test
  void theTextIsOriginSizeAndBase64RootEachOnALine() {
    Checkpoint checkpoint = new Checkpoint("lockctl.example/audit", 8, ROOT);
    assertEquals("lockctl.example/audit\n8\n" + ROOT_BASE64 + "\n", checkpoint.text());
    assertEquals(ROOT_BASE64, Base64.getEncoder().encodeToString(ROOT));
  }

  @Test
  void theEmptyLogHasSizeZero() throws CheckpointException {
    Checkpoint empty = new Checkpoint("lockctl/store-1", 0, MerkleHash.empty());
    assertEquals(
        "lockctl/store-1\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", empty.text());
    assertEquals(empty, Checkpoint.parse(empty.text()));
  }

  @Test
  void parsingGivesBackTheCheckpoint() throws CheckpointException {
    Checkpoint checkpoint = new Checkpoint("lockctl.example/audit", 20_852_163, ROOT);
    assertEquals(checkpoint, Checkpoint.parse(checkpoint.text()));
    assertEquals(new TreeHead(20_852_163, ROOT), checkpoint.treeHead());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "lockctl.example/audit\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=",
        "lockctl.example/audit\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n\n",
        "lockctl.example/audit\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\nextension\n",
        "lockctl.example/audit\n08\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n",
        "lockctl.example/audit\n-8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n",
        "lockctl.example/audit\n+8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n",
        "lockctl.example/audit\n99999999999999999999\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n",
        "lockctl.example/audit\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg\n",
        "lockctl.example/audit\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyh=\n",
        "lockctl.example/audit\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQw==\n",
        "lockctl.example/audit\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz-Nw7_RgQyg=\n",
        "\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n",
        "lockctl example\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n",
        "lockctl+example\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n",
        "lockctl\u00a0example\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n",
        "lockctl\texample\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n",
      })
  void anythingElseIsRefused(String text) {
    assertThrows(CheckpointException.class, () -> Checkpoint.parse(text));
  }

  @Test
  void anOriginThatCannotBeAKeyNameIsRefused() {
    for (String origin : new String[] {"", "a b", "a+b", "a\nb", "a\u2003b", "a\ud800"}) {
      assertThrows(
          IllegalArgumentException.class,
          () -> new Checkpoint(origin, 1, ROOT),
          "\"" + origin + "\"");
    }
    assertThrows(IllegalArgumentException.class, () -> new Checkpoint("o", -1, ROOT));
    assertThrows(IllegalArgumentException.class, () -> new Checkpoint("o", 1, new byte[31]));
  }
}
