package io.lockctl.core.store;

import static io.lockctl.core.store.StoreFixture.REGION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The tags on retention rules themselves (rbin's TagResource) through a whole store; a subclass per
 * store runs it.
 */
public abstract class RuleTagRepositoryContract {
  private static final String RULE = "Abc123XYZ09";
  private static final String OTHER_RULE = "Zzz999aaa00";
  private static final String OTHER_REGION = "ap-south-1";
  private final StoreFixture fixture = newFixture();

  /** A store on a fresh database of the kind under test. */
  protected abstract StoreFixture newFixture();

  @AfterEach
  void tearDown() throws Exception {
    fixture.close();
  }

  @Test
  void tagsArePutReplacedAndRemovedPerRuleInKeyOrder() {
    fixture.write(
        tx -> {
          tx.ruleTags().put(REGION, RULE, "team", "db");
          tx.ruleTags().put(REGION, RULE, "env", "prod");
          tx.ruleTags().put(REGION, RULE, "ключ", "значение ✓");
          tx.ruleTags().put(REGION, RULE, "empty", "");
          tx.ruleTags().put(REGION, OTHER_RULE, "env", "dev");
          tx.ruleTags().put(OTHER_REGION, RULE, "env", "test");
        });
    assertEquals(
        List.of("empty", "env", "team", "ключ"), List.copyOf(tagsOf(REGION, RULE).keySet()));
    assertEquals("значение ✓", tagsOf(REGION, RULE).get("ключ"));
    assertEquals("", tagsOf(REGION, RULE).get("empty"));

    fixture.write(
        tx -> {
          tx.ruleTags().put(REGION, RULE, "env", "staging");
          tx.ruleTags().remove(REGION, RULE, "team");
          tx.ruleTags().remove(REGION, RULE, "absent");
        });
    assertEquals(
        new TreeMap<>(Map.of("empty", "", "env", "staging", "ключ", "значение ✓")),
        tagsOf(REGION, RULE));
    assertEquals(Map.of("env", "dev"), tagsOf(REGION, OTHER_RULE), "another rule's tags");
    assertEquals(Map.of("env", "test"), tagsOf(OTHER_REGION, RULE), "another region's rule");
  }

  @Test
  void removeAllClearsOneRuleOnly() {
    fixture.write(
        tx -> {
          tx.ruleTags().put(REGION, RULE, "a", "1");
          tx.ruleTags().put(REGION, RULE, "b", "2");
          tx.ruleTags().put(REGION, OTHER_RULE, "a", "1");
        });

    fixture.write(tx -> tx.ruleTags().removeAll(REGION, RULE));
    fixture.write(tx -> tx.ruleTags().removeAll(REGION, "NoSuchRule0"));

    assertEquals(Map.of(), tagsOf(REGION, RULE));
    assertEquals(Map.of("a", "1"), tagsOf(REGION, OTHER_RULE));
  }

  @Test
  void aFailedWriteLeavesTheTagsAsTheyWere() {
    fixture.write(tx -> tx.ruleTags().put(REGION, RULE, "keep", "me"));
    IllegalStateException boom = new IllegalStateException("boom");

    CompletionException failure =
        assertThrows(
            CompletionException.class,
            () ->
                fixture.write(
                    tx -> {
                      tx.ruleTags().put(REGION, RULE, "new", "x");
                      tx.ruleTags().remove(REGION, RULE, "keep");
                      throw boom;
                    }));

    assertSame(boom, failure.getCause());
    assertEquals(Map.of("keep", "me"), tagsOf(REGION, RULE));
  }

  private SortedMap<String, String> tagsOf(String region, String rule) {
    return fixture.store().read(tx -> tx.ruleTags().tagsOf(region, rule));
  }
}
