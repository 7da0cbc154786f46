package io.lockctl.core.store;

import static io.lockctl.core.store.StoreFixture.REGION;
import static io.lockctl.core.store.StoreFixture.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lockctl.core.rule.LockConfiguration;
import io.lockctl.core.rule.ResourceTag;
import io.lockctl.core.rule.ResourceType;
import io.lockctl.core.rule.RetentionRule;
import io.lockctl.core.rule.RuleLockState;
import io.lockctl.core.rule.RuleQuery;
import io.lockctl.core.transaction.StorageException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The rule repository through a whole store; a subclass per store runs it. */
public abstract class RuleRepositoryContract {
  private static final Instant T0 = START;
  private static final ResourceTag PROD = new ResourceTag("env", "prod");
  private static final ResourceTag DEV = new ResourceTag("env", "dev");
  private static final ResourceTag TEAM = new ResourceTag("team", "");
  private final StoreFixture fixture = newFixture();

  /** A store on a fresh database of the kind under test. */
  protected abstract StoreFixture newFixture();

  @AfterEach
  void tearDown() throws Exception {
    fixture.close();
  }

  private static String id(int n) {
    return String.format("R%010d", n);
  }

  private static RetentionRule rule(
      String id,
      ResourceType type,
      List<ResourceTag> tags,
      List<ResourceTag> exclusions,
      LockConfiguration lock,
      Instant lockEnd) {
    return new RetentionRule(
        id, REGION, "rule " + id, type, 30, tags, exclusions, lock, lockEnd, T0, T0.plusMillis(1));
  }

  private static RetentionRule plain(String id) {
    return rule(id, ResourceType.SNAPSHOT, List.of(), List.of(), null, null);
  }

  @Test
  void everyFieldRoundTrips() {
    List<RetentionRule> rules =
        List.of(
            new RetentionRule(
                id(1),
                REGION,
                "x".repeat(255),
                ResourceType.SNAPSHOT,
                3650,
                List.of(PROD, DEV, TEAM, new ResourceTag("k".repeat(128), "v".repeat(256))),
                List.of(),
                null,
                null,
                T0.plusMillis(123),
                T0.plusMillis(456)),
            new RetentionRule(
                id(2),
                REGION,
                "",
                ResourceType.IMAGE,
                1,
                List.of(),
                List.of(TEAM, DEV),
                null,
                null,
                T0,
                T0),
            new RetentionRule(
                id(3),
                REGION,
                "locked",
                ResourceType.SNAPSHOT,
                7,
                List.of(),
                List.of(),
                new LockConfiguration(30),
                null,
                T0,
                T0.plusSeconds(1)),
            new RetentionRule(
                id(4),
                REGION,
                "pending",
                ResourceType.SNAPSHOT,
                7,
                List.of(),
                List.of(),
                new LockConfiguration(7),
                T0.plus(Duration.ofDays(7)).plusMillis(9),
                T0,
                T0));
    write(tx -> rules.forEach(tx.rules()::insert));

    for (RetentionRule expected : rules) {
      assertEquals(Optional.of(expected), find(expected.identifier()));
    }
    assertEquals(rules, list(query().build()));
    assertEquals(
        List.of(4, 0),
        fixture
            .store()
            .read(
                tx ->
                    List.of(
                        tx.rules().countInRegion(REGION), tx.rules().countInRegion("us-east-1"))));
  }

  @Test
  void tagOrderIsKeptAsGiven() {
    RetentionRule reversed =
        rule(id(1), ResourceType.SNAPSHOT, List.of(TEAM, PROD, DEV), List.of(), null, null);
    write(tx -> tx.rules().insert(reversed));
    assertEquals(List.of(TEAM, PROD, DEV), find(id(1)).orElseThrow().resourceTags());
  }

  @Test
  void updateReplacesFieldsLockAndTags() {
    RetentionRule original =
        rule(id(1), ResourceType.SNAPSHOT, List.of(), List.of(PROD, DEV), null, null);
    write(tx -> tx.rules().insert(original));

    RetentionRule tagged =
        new RetentionRule(
            id(1),
            REGION,
            "now tag-level",
            ResourceType.SNAPSHOT,
            90,
            List.of(TEAM),
            List.of(),
            null,
            null,
            T0,
            T0.plusSeconds(5));
    write(tx -> tx.rules().update(tagged));
    assertEquals(Optional.of(tagged), find(id(1)));

    RetentionRule pending =
        new RetentionRule(
            id(1),
            REGION,
            "",
            ResourceType.SNAPSHOT,
            90,
            List.of(),
            List.of(),
            new LockConfiguration(8),
            T0.plus(Duration.ofDays(8)),
            T0,
            T0.plusSeconds(6));
    write(tx -> tx.rules().update(pending));
    assertEquals(Optional.of(pending), find(id(1)));
  }

  @Test
  void updatingAMissingRuleFails() {
    CompletionException failure =
        assertThrows(CompletionException.class, () -> write(tx -> tx.rules().update(plain(id(1)))));
    assertEquals(IllegalStateException.class, failure.getCause().getClass());
  }

  /** The callers check first; a store that found the key taken anyway failed, and keeps nothing. */
  @Test
  void insertingATakenKeyFailsAndKeepsNothingOfItsWork() {
    RetentionRule stored = rule(id(1), ResourceType.SNAPSHOT, List.of(PROD), List.of(), null, null);
    write(tx -> tx.rules().insert(stored));

    CompletionException failure =
        assertThrows(
            CompletionException.class,
            () ->
                write(
                    tx -> {
                      tx.rules().insert(plain(id(2)));
                      tx.rules()
                          .insert(
                              rule(id(1), ResourceType.IMAGE, List.of(DEV), List.of(), null, null));
                    }));

    assertInstanceOf(StorageException.class, failure.getCause());
    assertEquals(Optional.of(stored), find(id(1)));
    assertEquals(Optional.empty(), find(id(2)));
  }

  @Test
  void deleteRemovesTheRuleAndItsTags() {
    write(
        tx ->
            tx.rules()
                .insert(rule(id(1), ResourceType.SNAPSHOT, List.of(PROD), List.of(), null, null)));
    write(tx -> tx.rules().delete(REGION, id(1)));
    assertEquals(Optional.empty(), find(id(1)));

    write(tx -> tx.rules().insert(plain(id(1))));
    assertEquals(Optional.of(plain(id(1))), find(id(1)));
  }

  @Test
  void listForRegionHasOneTypeOfOneRegionInIdentifierOrder() {
    write(
        tx -> {
          tx.rules().insert(plain(id(3)));
          tx.rules()
              .insert(rule(id(1), ResourceType.SNAPSHOT, List.of(PROD), List.of(), null, null));
          tx.rules().insert(rule(id(2), ResourceType.IMAGE, List.of(), List.of(), null, null));
          RetentionRule elsewhere = plain(id(4));
          tx.rules()
              .insert(
                  new RetentionRule(
                      elsewhere.identifier(),
                      "us-east-1",
                      "",
                      ResourceType.SNAPSHOT,
                      1,
                      List.of(),
                      List.of(),
                      null,
                      null,
                      T0,
                      T0));
        });
    assertEquals(
        List.of(id(1), id(3)),
        identifiers(
            fixture.store().read(tx -> tx.rules().listForRegion(REGION, ResourceType.SNAPSHOT))));
    assertEquals(
        List.of(id(2)),
        identifiers(
            fixture.store().read(tx -> tx.rules().listForRegion(REGION, ResourceType.IMAGE))));
  }

  @Test
  void listPagesInIdentifierOrder() {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(7));
    write(tx -> order.forEach(n -> tx.rules().insert(plain(id(n)))));

    List<String> all = new ArrayList<>();
    String after = null;
    List<RetentionRule> page;
    do {
      page = list(query().after(after).limit(10).build());
      all.addAll(identifiers(page));
      after = page.isEmpty() ? null : page.get(page.size() - 1).identifier();
    } while (page.size() == 10);

    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      expected.add(id(i));
    }
    assertEquals(expected, all);
    assertEquals(
        List.of(id(13), id(14)), identifiers(list(query().after(id(12)).limit(2).build())));
  }

  /** Mixed-case identifiers sort as Java compares them ("A" < "Z" < "a"): SQLite's BINARY order. */
  @Test
  void identifierOrderIsJavasStringOrder() {
    List<String> ids =
        List.of("zzzzzzzzzzz", "AAAAAAAAAAA", "00000000000", "aaaaaaaaaaa", "ZZZZZZZZZZZ");
    write(tx -> ids.forEach(id -> tx.rules().insert(plain(id))));
    assertEquals(ids.stream().sorted().toList(), identifiers(list(query().build())));
  }

  /**
   * Random rules, lock states and tag filters: the SQL filters must select exactly what {@link
   * RuleQuery#matches} (the reference meaning) selects, at and around every lock end.
   */
  @Test
  void filtersAgreeWithRuleQueryMatches() {
    Random random = new Random(20300101);
    List<ResourceTag> pool = List.of(PROD, DEV, TEAM, new ResourceTag("team", "a"));
    List<RetentionRule> rules = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      List<ResourceTag> tags = new ArrayList<>();
      for (ResourceTag tag : pool) {
        if (random.nextInt(3) == 0) {
          tags.add(tag);
        }
      }
      Collections.shuffle(tags, random);
      LockConfiguration lock =
          random.nextInt(3) == 0 ? null : new LockConfiguration(7 + random.nextInt(24));
      Instant lockEnd =
          lock == null || random.nextBoolean()
              ? null
              : T0.plusMillis(random.nextLong(Duration.ofDays(30).toMillis()));
      ResourceType type = random.nextInt(4) == 0 ? ResourceType.IMAGE : ResourceType.SNAPSHOT;
      rules.add(rule(id(i), type, tags, List.of(), lock, lockEnd));
    }
    RetentionRule elsewhere = plain(id(500));
    write(
        tx -> {
          rules.forEach(tx.rules()::insert);
          tx.rules()
              .insert(
                  new RetentionRule(
                      elsewhere.identifier(),
                      "us-east-1",
                      "",
                      ResourceType.SNAPSHOT,
                      1,
                      List.of(PROD),
                      List.of(),
                      null,
                      null,
                      T0,
                      T0));
        });

    List<Instant> times = new ArrayList<>();
    for (RetentionRule rule : rules) {
      if (rule.lockEndTime() != null) {
        times.addAll(
            List.of(
                rule.lockEndTime().minusMillis(1),
                rule.lockEndTime(),
                rule.lockEndTime().plusMillis(1)));
      }
    }
    Collections.shuffle(times, random);
    List<Instant> checked = new ArrayList<>(times.subList(0, 15));
    checked.add(T0);
    List<List<ResourceTag>> filters =
        List.of(
            List.of(),
            List.of(PROD),
            List.of(PROD, DEV),
            List.of(TEAM, new ResourceTag("team", "a")),
            List.of(new ResourceTag("nope", "")));
    List<RuleLockState> states = new ArrayList<>(Arrays.asList(RuleLockState.values()));
    states.add(null);
    List<ResourceType> types = new ArrayList<>(Arrays.asList(ResourceType.values()));
    types.add(null);
    for (Instant now : checked) {
      for (RuleLockState state : states) {
        for (ResourceType type : types) {
          for (List<ResourceTag> filter : filters) {
            for (String after : Arrays.asList(null, id(60))) {
              RuleQuery query = new RuleQuery(REGION, type, state, filter, after, 1000, now);
              List<String> expected =
                  rules.stream().filter(query::matches).map(RetentionRule::identifier).toList();
              assertEquals(
                  expected,
                  identifiers(list(query)),
                  () -> type + " " + state + " " + filter + " after " + after + " at " + now);
            }
          }
        }
      }
    }
    assertEquals(
        List.of(id(0), id(1), id(2)),
        identifiers(list(new RuleQuery(REGION, null, null, List.of(), null, 3, T0))));
  }

  private void write(Consumer<StoreWrites> work) {
    fixture
        .store()
        .write(
            tx -> {
              work.accept(tx);
              return null;
            })
        .join();
  }

  private Optional<RetentionRule> find(String identifier) {
    return fixture.store().read(tx -> tx.rules().find(REGION, identifier));
  }

  private List<RetentionRule> list(RuleQuery query) {
    return fixture.store().read(tx -> tx.rules().list(query));
  }

  private static List<String> identifiers(List<RetentionRule> rules) {
    return rules.stream().map(RetentionRule::identifier).toList();
  }

  private static QueryBuilder query() {
    return new QueryBuilder();
  }

  /** RuleQuery with defaults: the test region, anything, 1000 results, at T0. */
  private static final class QueryBuilder {
    private String after;
    private int limit = 1000;

    QueryBuilder after(String value) {
      after = value;
      return this;
    }

    QueryBuilder limit(int value) {
      limit = value;
      return this;
    }

    RuleQuery build() {
      return new RuleQuery(REGION, null, null, List.of(), after, limit, T0);
    }
  }
}
