package io.lockctl.core.store.jdbc;

import io.lockctl.core.rule.LockConfiguration;
import io.lockctl.core.rule.ResourceTag;
import io.lockctl.core.rule.ResourceType;
import io.lockctl.core.rule.RetentionRule;
import io.lockctl.core.rule.RuleLockState;
import io.lockctl.core.rule.RuleQuery;
import io.lockctl.core.rule.RuleRepository;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Retention rules in the {@code retention_rule} table, their tags in {@code retention_rule_tag}.
 */
final class JdbcRuleRepository implements RuleRepository {
  private static final String RESOURCE = "RESOURCE";
  private static final String EXCLUDE = "EXCLUDE";

  /** Every column but the key, in the order {@link #bindColumns} binds them. */
  private static final String COLUMNS =
      "description, resource_type, retention_period_days,"
          + " unlock_delay_days, lock_end_time, create_time, update_time";

  private static final String COLUMN_PARAMETERS = "?, ?, ?, ?, ?, ?, ?";

  private final CachingConnection connection;

  JdbcRuleRepository(CachingConnection connection) {
    this.connection = connection;
  }

  @Override
  public Optional<RetentionRule> find(String regionId, String identifier) {
    String sql =
        "SELECT r.identifier, "
            + COLUMNS
            + " FROM retention_rule r WHERE r.region_id = ? AND r.identifier = ?";
    return select(regionId, sql, List.of(regionId, identifier)).stream().findFirst();
  }

  @Override
  public void insert(RetentionRule rule) {
    String sql =
        "INSERT INTO retention_rule (region_id, identifier, "
            + COLUMNS
            + ")"
            + " VALUES (?, ?, "
            + COLUMN_PARAMETERS
            + ")";
    try {
      PreparedStatement insert = connection.prepare(sql);
      insert.setString(1, rule.regionId());
      insert.setString(2, rule.identifier());
      bindColumns(insert, 3, rule);
      insert.executeUpdate();
      insertTags(rule);
    } catch (SQLException e) {
      throw SqlFailures.of("inserting retention rule " + rule.identifier(), e);
    }
  }

  @Override
  public void update(RetentionRule rule) {
    String sql =
        "UPDATE retention_rule SET ("
            + COLUMNS
            + ") = ("
            + COLUMN_PARAMETERS
            + ")"
            + " WHERE region_id = ? AND identifier = ?";
    try {
      PreparedStatement update = connection.prepare(sql);
      PreparedStatement deleteTags =
          connection.prepare(
              "DELETE FROM retention_rule_tag WHERE region_id = ? AND identifier = ?");
      int next = bindColumns(update, 1, rule);
      update.setString(next, rule.regionId());
      update.setString(next + 1, rule.identifier());
      if (update.executeUpdate() != 1) {
        throw new IllegalStateException("no retention rule " + rule.identifier() + " to update");
      }
      deleteTags.setString(1, rule.regionId());
      deleteTags.setString(2, rule.identifier());
      deleteTags.executeUpdate();
      insertTags(rule);
    } catch (SQLException e) {
      throw SqlFailures.of("updating retention rule " + rule.identifier(), e);
    }
  }

  @Override
  public void delete(String regionId, String identifier) {
    // Its tags go with it: ON DELETE CASCADE.
    String sql = "DELETE FROM retention_rule WHERE region_id = ? AND identifier = ?";
    try {
      PreparedStatement delete = connection.prepare(sql);
      delete.setString(1, regionId);
      delete.setString(2, identifier);
      delete.executeUpdate();
    } catch (SQLException e) {
      throw SqlFailures.of("deleting retention rule " + identifier, e);
    }
  }

  @Override
  public int countInRegion(String regionId) {
    String sql = "SELECT COUNT(*) FROM retention_rule WHERE region_id = ?";
    try {
      PreparedStatement count = connection.prepare(sql);
      count.setString(1, regionId);
      try (ResultSet rows = count.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    } catch (SQLException e) {
      throw SqlFailures.of("counting the retention rules of region " + regionId, e);
    }
  }

  /** The SQL twin of {@link RuleQuery#matches}; a test cross-checks the two. */
  @Override
  public List<RetentionRule> list(RuleQuery query) {
    StringBuilder sql =
        new StringBuilder("SELECT r.identifier, ")
            .append(COLUMNS)
            .append(" FROM retention_rule r WHERE r.region_id = ?");
    List<Object> args = new ArrayList<>(List.of(query.regionId()));
    if (query.resourceType() != null) {
      sql.append(" AND r.resource_type = ?");
      args.add(query.resourceType().name());
    }
    if (query.lockState() != null) {
      appendLockState(sql, args, query.lockState(), query.now().toEpochMilli());
    }
    for (ResourceTag tag : query.resourceTags()) {
      sql.append(" AND EXISTS (SELECT 1 FROM retention_rule_tag t WHERE t.region_id = r.region_id")
          .append(" AND t.identifier = r.identifier AND t.kind = '")
          .append(RESOURCE)
          .append('\'')
          .append(" AND t.tag_key = ? AND t.tag_value = ?)");
      args.add(tag.key());
      args.add(tag.value());
    }
    if (query.afterIdentifier() != null) {
      sql.append(" AND r.identifier > ?");
      args.add(query.afterIdentifier());
    }
    sql.append(" ORDER BY r.identifier LIMIT ?");
    args.add(query.limit());
    return select(query.regionId(), sql.toString(), args);
  }

  @Override
  public List<RetentionRule> listForRegion(String regionId, ResourceType resourceType) {
    String sql =
        "SELECT r.identifier, "
            + COLUMNS
            + " FROM retention_rule r"
            + " WHERE r.region_id = ? AND r.resource_type = ? ORDER BY r.identifier";
    return select(regionId, sql, List.of(regionId, resourceType.name()));
  }

  /** {@link RetentionRule#lockStateAt} in SQL, at {@code now}. */
  private static void appendLockState(
      StringBuilder sql, List<Object> args, RuleLockState state, long now) {
    switch (state) {
      case NEVER_LOCKED -> sql.append(" AND r.unlock_delay_days IS NULL");
      case LOCKED -> sql.append(" AND r.unlock_delay_days IS NOT NULL AND r.lock_end_time IS NULL");
      case PENDING_UNLOCK -> {
        sql.append(" AND r.lock_end_time > ?");
        args.add(now);
      }
      case UNLOCKED -> {
        sql.append(" AND r.lock_end_time <= ?");
        args.add(now);
      }
    }
  }

  /** Runs a select of (identifier, COLUMNS) in one region, then fetches all their tags at once. */
  private List<RetentionRule> select(String regionId, String sql, List<?> args) {
    List<RetentionRule> untagged = new ArrayList<>();
    try {
      PreparedStatement select = connection.prepare(sql);
      for (int i = 0; i < args.size(); i++) {
        select.setObject(i + 1, args.get(i));
      }
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          untagged.add(untaggedRule(regionId, rows));
        }
      }
      if (untagged.isEmpty()) {
        return untagged;
      }
      Map<String, Map<String, List<ResourceTag>>> tags = tags(regionId, untagged);
      List<RetentionRule> rules = new ArrayList<>(untagged.size());
      for (RetentionRule rule : untagged) {
        Map<String, List<ResourceTag>> byKind = tags.getOrDefault(rule.identifier(), Map.of());
        rules.add(
            withTags(
                rule,
                byKind.getOrDefault(RESOURCE, List.of()),
                byKind.getOrDefault(EXCLUDE, List.of())));
      }
      return rules;
    } catch (SQLException e) {
      throw SqlFailures.of("reading retention rules of region " + regionId, e);
    }
  }

  /** Tags by rule identifier, then by kind, each list in stored position order. */
  private Map<String, Map<String, List<ResourceTag>>> tags(
      String regionId, List<RetentionRule> rules) throws SQLException {
    String sql =
        "SELECT identifier, kind, tag_key, tag_value FROM retention_rule_tag"
            + " WHERE region_id = ? AND identifier IN ("
            + String.join(", ", Collections.nCopies(rules.size(), "?"))
            + ")"
            + " ORDER BY identifier, kind, position";
    Map<String, Map<String, List<ResourceTag>>> tags = new HashMap<>();
    PreparedStatement select = connection.prepare(sql);
    select.setString(1, regionId);
    for (int i = 0; i < rules.size(); i++) {
      select.setString(i + 2, rules.get(i).identifier());
    }
    try (ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        tags.computeIfAbsent(rows.getString("identifier"), id -> new HashMap<>())
            .computeIfAbsent(rows.getString("kind"), kind -> new ArrayList<>())
            .add(new ResourceTag(rows.getString("tag_key"), rows.getString("tag_value")));
      }
    }
    return tags;
  }

  private void insertTags(RetentionRule rule) throws SQLException {
    if (rule.resourceTags().isEmpty() && rule.excludeResourceTags().isEmpty()) {
      return;
    }
    String sql =
        "INSERT INTO retention_rule_tag"
            + " (region_id, identifier, kind, position, tag_key, tag_value) VALUES (?, ?, ?, ?, ?, ?)";
    PreparedStatement insert = connection.prepare(sql);
    insert.setString(1, rule.regionId());
    insert.setString(2, rule.identifier());
    insertTags(insert, RESOURCE, rule.resourceTags());
    insertTags(insert, EXCLUDE, rule.excludeResourceTags());
  }

  private static void insertTags(PreparedStatement insert, String kind, List<ResourceTag> tags)
      throws SQLException {
    insert.setString(3, kind);
    for (int i = 0; i < tags.size(); i++) {
      insert.setInt(4, i);
      insert.setString(5, tags.get(i).key());
      insert.setString(6, tags.get(i).value());
      insert.executeUpdate();
    }
  }

  /** Binds {@link #COLUMNS} from {@code first} on; returns the next parameter index. */
  private static int bindColumns(PreparedStatement statement, int first, RetentionRule rule)
      throws SQLException {
    Object[] values = {
      rule.description(),
      rule.resourceType().name(),
      rule.retentionPeriodDays(),
      rule.currentLockConfiguration().map(LockConfiguration::unlockDelayDays).orElse(null),
      millis(rule.lockEndTime()),
      millis(rule.createTime()),
      millis(rule.updateTime()),
    };
    for (int i = 0; i < values.length; i++) {
      statement.setObject(first + i, values[i]);
    }
    return first + values.length;
  }

  private static RetentionRule untaggedRule(String regionId, ResultSet row) throws SQLException {
    int delay = row.getInt("unlock_delay_days");
    LockConfiguration lockConfiguration = row.wasNull() ? null : new LockConfiguration(delay);
    return new RetentionRule(
        row.getString("identifier"),
        regionId,
        row.getString("description"),
        ResourceType.valueOf(row.getString("resource_type")),
        row.getInt("retention_period_days"),
        List.of(),
        List.of(),
        lockConfiguration,
        instantOrNull(row, "lock_end_time"),
        Instant.ofEpochMilli(row.getLong("create_time")),
        Instant.ofEpochMilli(row.getLong("update_time")));
  }

  private static RetentionRule withTags(
      RetentionRule rule, List<ResourceTag> resourceTags, List<ResourceTag> excludeResourceTags) {
    return new RetentionRule(
        rule.identifier(),
        rule.regionId(),
        rule.description(),
        rule.resourceType(),
        rule.retentionPeriodDays(),
        resourceTags,
        excludeResourceTags,
        rule.lockConfiguration(),
        rule.lockEndTime(),
        rule.createTime(),
        rule.updateTime());
  }

  private static Long millis(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }

  private static Instant instantOrNull(ResultSet row, String column) throws SQLException {
    long millis = row.getLong(column);
    return row.wasNull() ? null : Instant.ofEpochMilli(millis);
  }
}
