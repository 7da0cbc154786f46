package io.lockctl.core.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lockctl.core.error.Reason;
import io.lockctl.core.error.RejectedException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PagesTest {
  private static final String QUERY = "list|cn-hangzhou|*";

  private final Pages pages = new Pages(filled(7));

  @Test
  void aTokenLeadsToThePositionItWasIssuedAt() {
    Page<String> page = pages.of(QUERY, List.of("a", "b", "c"), 2, Function.identity());

    assertEquals(List.of("a", "b"), page.items());
    assertEquals("b", pages.after(QUERY, page.nextPageToken()));
    assertEquals("", pages.of(QUERY, List.of("a"), 2, Function.identity()).nextPageToken());
  }

  @Test
  void aPageCutShorterGoesOnAfterItsLastItem() {
    Page<String> page = pages.of(QUERY, List.of("a", "b", "c", "d"), 3, Function.identity());

    Page<String> cut = page.firstItems(1);

    assertEquals(List.of("a"), cut.items());
    assertEquals("a", pages.after(QUERY, cut.nextPageToken()));
    assertEquals(page.nextPageToken(), page.firstItems(3).nextPageToken());
    Page<String> last = pages.of(QUERY, List.of("a", "b"), 3, Function.identity());
    assertEquals("a", pages.after(QUERY, last.firstItems(1).nextPageToken()));
    assertThrows(IllegalArgumentException.class, () -> page.firstItems(0));
  }

  @Test
  void aTokenIsGoodOnlyForItsQuery() {
    String token = tokenAfter("b");

    assertRefused(() -> pages.after("list|cn-shanghai|*", token));
  }

  @Test
  void aTokenIsGoodOnlyUnderTheKeyThatMadeIt() {
    String token = tokenAfter("b");

    assertRefused(() -> new Pages(filled(8)).after(QUERY, token));
    assertEquals("b", new Pages(filled(7)).after(QUERY, token));
  }

  @Test
  void anyAlteredBitIsRefused() {
    byte[] raw = Base64.getUrlDecoder().decode(tokenAfter("snapshot-0001"));
    for (int i = 0; i < raw.length; i++) {
      byte[] altered = raw.clone();
      altered[i] ^= 1;
      String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(altered);
      assertRefused(() -> pages.after(QUERY, forged));
    }
  }

  @Test
  void anUnkeyedDigestAsTheOldTokensHadIsRefused() throws Exception {
    // what anyone could compute before tokens were keyed: a digest of public inputs, then the key
    byte[] position = "s/../x".getBytes(StandardCharsets.UTF_8);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update("lockctl-page-token-v1\0".getBytes(StandardCharsets.UTF_8));
    sha.update(QUERY.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    sha.update(position);
    byte[] digest = Arrays.copyOf(sha.digest(), 12);
    String forged =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                ByteBuffer.allocate(12 + position.length).put(digest).put(position).array());

    assertRefused(() -> pages.after(QUERY, forged));
  }

  @Test
  void malformedTokensAreRefused() {
    for (String token :
        List.of("not a token!", "AAAA", "x".repeat(PageToken.MAX_TOKEN_CHARS + 1))) {
      assertRefused(() -> pages.after(QUERY, token));
    }
  }

  @Test
  void aShortKeyIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Pages(new byte[16]));
  }

  private String tokenAfter(String position) {
    return pages.of(QUERY, List.of(position, "next"), 1, Function.identity()).nextPageToken();
  }

  private static void assertRefused(Runnable decode) {
    RejectedException refused = assertThrows(RejectedException.class, decode::run);
    assertEquals(Reason.INVALID_PAGE_TOKEN, refused.reason());
  }

  private static byte[] filled(int value) {
    byte[] bytes = new byte[32];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }
}
