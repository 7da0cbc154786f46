package io.lockctl.server.fuzz;

import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import io.lockctl.v1.CreateLockKeyRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Valid requests of every RPC, written against the resources a fuzzed server starts with, so that
 * mutations of them get past validation into the services' decisions: reads of existing resources,
 * dry runs, and changes the server refuses (a compliance lock shortened, a locked rule deleted, a
 * key in use deleted). They name resources through {@link Fixtures}: the corpus generator uses
 * placeholders, a fuzzed server its real ids.
 */
final class Templates {
  /** The resources a fuzzed server starts with (see {@link FuzzedServer}). */
  record Fixtures(
      String region,
      String activeSnapshot,
      String governedSnapshot,
      String compliantSnapshot,
      String binnedSnapshot,
      String keyedSnapshot,
      String rule,
      String keyId,
      String keyName,
      String relationship,
      String accessKey,
      String backupDir,
      CreateLockKeyRequest newKey) {

    /** Fixed stand-ins, for inputs that must not depend on a server's generated ids. */
    static Fixtures placeholders() {
      return new Fixtures(
          "cn-hangzhou",
          "s-00000000000000900001",
          "s-00000000000000900002",
          "s-00000000000000900003",
          "s-00000000000000900004",
          "s-00000000000000900005",
          "rr-placeholder0",
          "lk-00000000000000000000",
          "fuzz-key",
          "00000000-0000-0000-0000-000000000000",
          "AKPLACEHOLDER0000000",
          "/tmp/lockctl-fuzz-backups",
          CreateLockKeyRequest.newBuilder()
              .setName("fuzz-key-2")
              .setPublicKey("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")
              .setVerificationSignature("AAAA")
              .setDryRun(true)
              .build());
    }
  }

  private final Fixtures fixtures;
  private final Map<String, List<byte[]>> byMethod = new LinkedHashMap<>();

  private Templates(Fixtures fixtures) {
    this.fixtures = fixtures;
  }

  /** The templates of each RPC by its bare name (e.g. {@code RegisterSnapshot}), at least one. */
  static Map<String, List<byte[]>> build(Fixtures f) {
    Templates t = new Templates(f);
    String r = "region_id: \"$REGION\" ";
    // SnapshotService
    t.add(
        "RegisterSnapshot",
        r
            + "snapshot_id: \"s-00000000000000900777\" status: SNAPSHOT_STATUS_ACCOMPLISHED"
            + " retention_days: 3 tags { key: \"env\" value: \"prod\" } client_token: \"fz-1\"",
        r + "snapshot_id: \"$ACTIVE\" status: SNAPSHOT_STATUS_PROGRESSING");
    t.add("GetSnapshot", r + "snapshot_id: \"$GOVERNED\"", r + "snapshot_id: \"$BINNED\"");
    t.add(
        "ListSnapshots",
        r + "page_size: 2 locked: true",
        r + "state: SNAPSHOT_STATE_IN_RECYCLE_BIN tag_key: \"env\" tag_value: \"prod\"");
    t.add(
        "UpdateSnapshot",
        r
            + "snapshot_id: \"$ACTIVE\" snapshot { retention_days: 5 tags { key: \"k\" value:"
            + " \"v\" } } update_mask { paths: \"retention_days\" paths: \"tags\" } dry_run: true",
        r
            + "snapshot_id: \"$COMPLIANT\" snapshot { status: SNAPSHOT_STATUS_FAILED }"
            + " update_mask { paths: \"status\" }");
    t.add(
        "DeleteSnapshot",
        r + "snapshot_id: \"$COMPLIANT\"",
        r + "snapshot_id: \"$ACTIVE\" dry_run: true");
    t.add("RestoreSnapshot", r + "snapshot_id: \"$BINNED\" dry_run: true");
    // SnapshotLockService
    t.add(
        "LockSnapshot",
        r
            + "snapshot_id: \"$ACTIVE\" lock_mode: LOCK_MODE_GOVERNANCE lock_duration_days: 1"
            + " dry_run: true",
        r + "snapshot_id: \"$COMPLIANT\" lock_mode: LOCK_MODE_COMPLIANCE lock_duration_days: 1",
        r
            + "snapshot_id: \"$ACTIVE\" lock_mode: LOCK_MODE_KEY lock_key_ref: \"$KEY_NAME\""
            + " expire_time { seconds: 4102444800 } dry_run: true");
    t.add(
        "UnlockSnapshot",
        r + "snapshot_id: \"$GOVERNED\" dry_run: true",
        r + "snapshot_id: \"$KEYED\" signature: \"MEUCIQDfuzz\"",
        r + "snapshot_id: \"$COMPLIANT\"");
    t.add("GetSnapshotUnlockChallenge", r + "snapshot_id: \"$KEYED\"");
    t.add(
        "DescribeLockedSnapshots",
        r + "snapshot_ids: \"$GOVERNED\" snapshot_ids: \"$COMPLIANT\" page_size: 10",
        r + "lock_status: LOCK_STATUS_COMPLIANCE_COOLOFF page_size: 1");
    // RetentionRuleService
    t.add(
        "CreateRule",
        r
            + "resource_type: RESOURCE_TYPE_SNAPSHOT retention_period_days: 3 resource_tags {"
            + " key: \"env\" value: \"prod\" } dry_run: true",
        r
            + "description: \"fuzz\" resource_type: RESOURCE_TYPE_IMAGE retention_period_days:"
            + " 2 exclude_resource_tags { key: \"keep\" value: \"no\" } lock_configuration {"
            + " unlock_delay_days: 7 } client_token: \"fz-2\"");
    t.add("GetRule", r + "identifier: \"$RULE\"");
    t.add(
        "ListRules",
        r + "page_size: 5",
        r + "resource_type: RESOURCE_TYPE_SNAPSHOT lock_state: RULE_LOCK_STATE_LOCKED");
    t.add(
        "UpdateRule",
        r
            + "identifier: \"$RULE\" rule { description: \"x\" retention_period_days: 1 }"
            + " update_mask { paths: \"retention_period_days\" }",
        r
            + "identifier: \"$RULE\" rule { description: \"y\" } update_mask { paths:"
            + " \"description\" } dry_run: true");
    t.add("DeleteRule", r + "identifier: \"$RULE\"");
    t.add("LockRule", r + "identifier: \"$RULE\" lock_configuration { unlock_delay_days: 7 }");
    t.add("UnlockRule", r + "identifier: \"$RULE\" dry_run: true");
    // ReplicationService
    t.byMethod.put("CreateLockKey", List.of(f.newKey().toByteArray()));
    t.add("GetLockKey", "lock_key_ref: \"$KEY_ID\"", "lock_key_ref: \"$KEY_NAME\"");
    t.add("ListLockKeys", "page_size: 3");
    t.add(
        "UpdateLockKey",
        "lock_key_ref: \"$KEY_NAME\" lock_key { comment: \"c\" } update_mask { paths:"
            + " \"comment\" }",
        "lock_key_ref: \"$KEY_ID\" lock_key { disabled: true } update_mask { paths:"
            + " \"disabled\" } dry_run: true");
    t.add("DeleteLockKey", "lock_key_ref: \"$KEY_NAME\"");
    t.add("ListLockKeyUsages", "lock_key_ref: \"$KEY_ID\" page_size: 5");
    t.add(
        "CreateTargetRelationship",
        r
            + "source_cluster: \"cluster-a\" source_path: \"/data\" target_path: \"/replica\""
            + " snapshot_policy { expiration_ttl { seconds: 86400 } } dry_run: true");
    t.add("GetTargetRelationship", "relationship_id: \"$REL\"");
    t.add("ListTargetRelationships", r + "page_size: 2");
    t.add("DeleteTargetRelationship", "relationship_id: \"$REL\" dry_run: true");
    t.add("ReverseTargetRelationship", "relationship_id: \"$REL\" dry_run: true");
    t.add("RevertTargetRelationship", "relationship_id: \"$REL\"");
    t.add(
        "SetTargetRelationshipLock",
        "relationship_id: \"$REL\" lock_key_ref: \"$KEY_NAME\" dry_run: true",
        "relationship_id: \"$REL\" clear_lock_key: true dry_run: true");
    t.add("GetTargetRelationshipLock", "relationship_id: \"$REL\"");
    t.add(
        "CreatePolicySnapshot",
        "relationship_id: \"$REL\" snapshot_id: \"s-00000000000000900888\"");
    // AuditService
    t.add(
        "ListAuditEvents",
        "resource_prefix: \"lrn:lockctl:$REGION:\" page_size: 5",
        "principal: \"fuzzer\" action: \"lockctl:LockSnapshot\" start_time { seconds: 1 }");
    t.add("GetAuditCheckpoint", "");
    t.add("GetAuditInclusionProof", "index: 0 tree_size: 1");
    t.add("GetAuditConsistencyProof", "first_tree_size: 1 second_tree_size: 2");
    t.add("VerifyAudit", "");
    t.add("GetAuditPublicKey", "");
    t.add(
        "WatchLockEvents",
        "start_index: 0 has_start_index: true resource_prefix: \"lrn:\"",
        "action: \"lockctl:LockSnapshot\"");
    // BackupService
    t.add("CreateBackup", "path: \"$BACKUP/fuzz.db\"", "path: \"relative.db\"");
    // ComplianceClockService
    t.add("GetComplianceClock", "");
    t.add("AcceptClock", "dry_run: true");
    // AccessKeyService
    t.add("CreateAccessKey", "principal: \"fuzzer\" dry_run: true");
    t.add("ListAccessKeys", "principal: \"fuzzer\" page_size: 2");
    t.add("DeleteAccessKey", "access_key_id: \"$ACCESS_KEY\" dry_run: true");
    return t.byMethod;
  }

  /** The text-format templates are checked against their request types in {@link FuzzRpcs}. */
  private void add(String method, String... texts) {
    List<byte[]> list = new ArrayList<>();
    for (String text : texts) {
      list.add(TextEncoding.encode(method, substitute(text)));
    }
    byMethod.put(method, list);
  }

  private String substitute(String text) {
    return text.replace("$REGION", fixtures.region())
        .replace("$ACTIVE", fixtures.activeSnapshot())
        .replace("$GOVERNED", fixtures.governedSnapshot())
        .replace("$COMPLIANT", fixtures.compliantSnapshot())
        .replace("$BINNED", fixtures.binnedSnapshot())
        .replace("$KEYED", fixtures.keyedSnapshot())
        .replace("$RULE", fixtures.rule())
        .replace("$KEY_ID", fixtures.keyId())
        .replace("$KEY_NAME", fixtures.keyName())
        .replace("$REL", fixtures.relationship())
        .replace("$ACCESS_KEY", fixtures.accessKey())
        .replace("$BACKUP", fixtures.backupDir());
  }

  /** Text format to wire bytes, by the request type of the named RPC. */
  static final class TextEncoding {
    private TextEncoding() {}

    static byte[] encode(String method, String text) {
      Message.Builder builder = FuzzRpcs.byName(method).requestPrototype().newBuilderForType();
      try {
        TextFormat.merge(text, builder);
      } catch (TextFormat.ParseException e) {
        throw new IllegalArgumentException("template of " + method + ": " + text, e);
      }
      return builder.build().toByteArray();
    }
  }
}
