package io.lockctl.core.simulation;

import io.lockctl.core.rule.ResourceTag;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The few names a history may use. They are deliberately few, so that calls collide: the same
 * snapshot is locked, shared, deleted and restored, the same key name is taken twice, the same
 * client token comes back with another request.
 */
final class Universe {
  static final Instant START = Instant.parse("2031-03-01T00:00:00Z");

  /** The second region's name extends the first's, so a listing that leaks across shows. */
  static final List<String> REGIONS = List.of("cn-hangzhou", "cn-hangzhou-b");

  static final List<String> SNAPSHOTS =
      List.of(
          "s-sim00000000000000000",
          "s-sim00000000000000001",
          "s-sim00000000000000002",
          "s-sim00000000000000003");

  static final String MALFORMED_SNAPSHOT = "s-NOT-AN-ID";
  static final String MALFORMED_REGION = "Region!";

  static final List<Map<String, String>> SNAPSHOT_TAGS =
      List.of(
          Map.of(),
          Map.of("env", "prod"),
          Map.of("env", "dev"),
          Map.of("env", "prod", "backup", "none"),
          Map.of("backup", "none", "team", "a"),
          Map.of("aws:reserved", "x"));

  static final ResourceTag PROD = new ResourceTag("env", "prod");
  static final ResourceTag TEAM = new ResourceTag("team", "a");
  static final ResourceTag NO_BACKUP = new ResourceTag("backup", "none");

  /** Rule tags; the last repeats a tag, which is malformed. */
  static final List<List<ResourceTag>> RULE_TAGS =
      List.of(List.of(), List.of(PROD), List.of(TEAM, PROD), List.of(PROD, PROD));

  static final List<List<ResourceTag>> EXCLUSIONS = List.of(List.of(), List.of(NO_BACKUP));

  /** Lock key names by slot; a name in the form of a key id is malformed. */
  static final List<String> KEY_NAMES = List.of("key-0", "key-1", "key-2");

  static final String ID_SHAPED_NAME = "lk-aaaaaaaaaaaaaaaaaaaa";
  static final String UNKNOWN_KEY_ID = "lk-zzzzzzzzzzzzzzzzzzzz";
  static final String MALFORMED_KEY_REF = "no such key!";

  /** Well formed, never generated (the generators draw other characters first, in practice). */
  static final String UNKNOWN_RULE = "Unknown0000";

  static final String MALFORMED_RULE = "rule?";
  static final String UNKNOWN_RELATIONSHIP = "00000000-0000-4000-8000-000000000000";
  static final String MALFORMED_RELATIONSHIP = "not-a-uuid";

  private Universe() {}

  static String region(int index) {
    return index < 0 ? MALFORMED_REGION : REGIONS.get(index);
  }

  static String snapshot(int index) {
    return index < 0 ? MALFORMED_SNAPSHOT : SNAPSHOTS.get(index);
  }
}
