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
 * Each statement is named below; {@link #list} puts its own together from named fragments, as its
 * filters ask.
 */
final class JdbcRuleRepository implements RuleRepository {
  private static final String RESOURCE = "RESOURCE";
  private static final String EXCLUDE = "EXCLUDE";

  /** Every column but the key, in the order {@link #bindColumns} binds them. */
  private static final String COLUMNS =
      "description, resource_type, retention_period_days,"
          + " unlock_delay_days, lock_end_time, create_time, update_time";

  private static final String COLUMN_PARAMETERS = "?, ?, ?, ?, ?, ?, ?";

  /** What {@link #select} reads: the identifier and every column. */
  private static final String SELECT_RULES =
      "SELECT r.identifier, " + COLUMNS + " FROM retention_rule r";

  private static final String SELECT_BY_KEY =
      SELECT_RULES + " WHERE r.region_id = ? AND r.identifier = ?";

  private static final String SELECT_BY_TYPE =
      SELECT_RULES + " WHERE r.region_id = ? AND r.resource_type = ? ORDER BY r.identifier";

  private static final String COUNT_IN_REGION =
      "SELECT COUNT(*) FROM retention_rule WHERE region_id = ?";

  private static final String INSERT =
      "INSERT INTO retention_rule (region_id, identifier, "
          + COLUMNS
          + ")"
          + " VALUES (?, ?, "
          + COLUMN_PARAMETERS
          + ")";

  private static final String UPDATE =
      "UPDATE retention_rule SET ("
          + COLUMNS
          + ") = ("
          + COLUMN_PARAMETERS
          + ")"
          + " WHERE region_id = ? AND identifier = ?";

  /** Its tags go with it: ON DELETE CASCADE. */
  private static final String DELETE =
      "DELETE FROM retention_rule WHERE region_id = ? AND identifier = ?";

  private static final String INSERT_TAG =
      "INSERT INTO retention_rule_tag"
          + " (region_id, identifier, kind, position, tag_key, tag_value) VALUES (?, ?, ?, ?, ?, ?)";

  private static final String DELETE_TAGS =
      "DELETE FROM retention_rule_tag WHERE region_id = ? AND identifier = ?";

  /**
   * The tags of a region's rules: an IN list of their identifiers, then {@link #END_TAGS_OF_IDS}.
   */
  private static final String SELECT_TAGS_OF_IDS =
      "SELECT identifier, kind, tag_key, tag_value FROM retention_rule_tag"
          + " WHERE region_id = ? AND identifier IN (";

  /** Closes the IN list; each rule's tags come by kind, in their stored order. */
  private static final String END_TAGS_OF_IDS = ") ORDER BY identifier, kind, position";

  // The fragments of a listing, in the order they are appended.

  private static final String LIST_IN_REGION = SELECT_RULES + " WHERE r.region_id = ?";
  private static final String AND_TYPE = " AND r.resource_type = ?";
  private static final String AND_NEVER_LOCKED = " AND r.unlock_delay_days IS NULL";
  private static final String AND_LOCKED =
      " AND r.unlock_delay_days IS NOT NULL AND r.lock_end_time IS NULL";
  private static final String AND_PENDING_UNLOCK = " AND r.lock_end_time > ?";
  private static final String AND_UNLOCKED = " AND r.lock_end_time <= ?";

  /** Has the resource tag whose key and value are bound. */
  private static final String AND_HAS_RESOURCE_TAG =
      " AND EXISTS (SELECT 1 FROM retention_rule_tag t WHERE t.region_id = r.region_id"
          + " AND t.identifier = r.identifier AND t.kind = '"
          + RESOURCE
          + "'"
          + " AND t.tag_key = ? AND t.tag_value = ?)";

  private static final String AND_AFTER_IDENTIFIER = " AND r.identifier > ?";
  private static final String ORDER_BY_IDENTIFIER_LIMIT = " ORDER BY r.identifier LIMIT ?";

  private final CachingConnection connection;

  JdbcRuleRepository(CachingConnection connection) {
    this.connection = connection;
  }

  @Override
  public Optional<RetentionRule> find(String regionId, String identifier) {
    return select(regionId, SELECT_BY_KEY, List.of(regionId, identifier)).stream().findFirst();
  }

  @Override
  public void insert(RetentionRule rule) {
    try {
      insertRow(rule);
      insertTags(rule);
    } catch (SQLException e) {
      throw SqlFailures.of("inserting retention rule " + rule.identifier(), e);
    }
  }

  @Override
  public void update(RetentionRule rule) {
    try {
      if (updateRow(rule) != 1) {
        throw new IllegalStateException("no retention rule " + rule.identifier() + " to update");
      }
      deleteTags(rule.regionId(), rule.identifier());
      insertTags(rule);
    } catch (SQLException e) {
      throw SqlFailures.of("updating retention rule " + rule.identifier(), e);
    }
  }

  @Override
  public void delete(String regionId, String identifier) {
    try {
      PreparedStatement delete = connection.prepare(DELETE);
      delete.setString(1, regionId);
      delete.setString(2, identifier);
      delete.executeUpdate();
    } catch (SQLException e) {
      throw SqlFailures.of("deleting retention rule " + identifier, e);
    }
  }

  @Override
  public int countInRegion(String regionId) {
    try {
      PreparedStatement count = connection.prepare(COUNT_IN_REGION);
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
    StringBuilder sql = new StringBuilder(LIST_IN_REGION);
    List<Object> args = new ArrayList<>(List.of(query.regionId()));
    if (query.resourceType() != null) {
      sql.append(AND_TYPE);
      args.add(query.resourceType().name());
    }
    if (query.lockState() != null) {
      appendLockState(sql, args, query.lockState(), query.now().toEpochMilli());
    }
    for (ResourceTag tag : query.resourceTags()) {
      sql.append(AND_HAS_RESOURCE_TAG);
      args.add(tag.key());
      args.add(tag.value());
    }
    if (query.afterIdentifier() != null) {
      sql.append(AND_AFTER_IDENTIFIER);
      args.add(query.afterIdentifier());
    }
    sql.append(ORDER_BY_IDENTIFIER_LIMIT);
    args.add(query.limit());
    return select(query.regionId(), sql.toString(), args);
  }

  @Override
  public List<RetentionRule> listForRegion(String regionId, ResourceType resourceType) {
    return select(regionId, SELECT_BY_TYPE, List.of(regionId, resourceType.name()));
  }

  /** {@link RetentionRule#lockStateAt} in SQL, at {@code now}. */
  private static void appendLockState(
      StringBuilder sql, List<Object> args, RuleLockState state, long now) {
    switch (state) {
      case NEVER_LOCKED -> sql.append(AND_NEVER_LOCKED);
      case LOCKED -> sql.append(AND_LOCKED);
      case PENDING_UNLOCK -> {
        sql.append(AND_PENDING_UNLOCK);
        args.add(now);
      }
      case UNLOCKED -> {
        sql.append(AND_UNLOCKED);
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
      Map<String, Map<String, List<ResourceTag>>> tags = selectTags(regionId, untagged);
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

  private void insertRow(RetentionRule rule) throws SQLException {
    PreparedStatement insert = connection.prepare(INSERT);
    insert.setString(1, rule.regionId());
    insert.setString(2, rule.identifier());
    bindColumns(insert, 3, rule);
    insert.executeUpdate();
  }

  /** Returns how many rows changed: 1, or 0 if there is no such rule. */
  private int updateRow(RetentionRule rule) throws SQLException {
    PreparedStatement update = connection.prepare(UPDATE);
    int next = bindColumns(update, 1, rule);
    update.setString(next, rule.regionId());
    update.setString(next + 1, rule.identifier());
    return update.executeUpdate();
  }

  /** Tags by rule identifier, then by kind, each list in stored position order. */
  private Map<String, Map<String, List<ResourceTag>>> selectTags(
      String regionId, List<RetentionRule> rules) throws SQLException {
    PreparedStatement select =
        connection.prepare(SELECT_TAGS_OF_IDS + parameters(rules.size()) + END_TAGS_OF_IDS);
    select.setString(1, regionId);
    for (int i = 0; i < rules.size(); i++) {
      select.setString(i + 2, rules.get(i).identifier());
    }
    Map<String, Map<String, List<ResourceTag>>> tags = new HashMap<>();
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
    PreparedStatement insert = connection.prepare(INSERT_TAG);
    insert.setString(1, rule.regionId());
    insert.setString(2, rule.identifier());
    insertTags(insert, RESOURCE, rule.resourceTags());
    insertTags(insert, EXCLUDE, rule.excludeResourceTags());
  }

  private void deleteTags(String regionId, String identifier) throws SQLException {
    PreparedStatement delete = connection.prepare(DELETE_TAGS);
    delete.setString(1, regionId);
    delete.setString(2, identifier);
    delete.executeUpdate();
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

  /** {@code count} parameter markers: "?, ?, ?". */
  private static String parameters(int count) {
    return String.join(", ", Collections.nCopies(count, "?"));
  }

  private static Long millis(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }

  private static Instant instantOrNull(ResultSet row, String column) throws SQLException {
    long millis = row.getLong(column);
    return row.wasNull() ? null : Instant.ofEpochMilli(millis);
  }
}
