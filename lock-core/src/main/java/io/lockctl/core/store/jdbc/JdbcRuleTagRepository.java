package io.lockctl.core.store.jdbc;

import io.lockctl.core.rule.RuleTagRepository;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.SortedMap;
import java.util.TreeMap;

/** The tags on rules, one row per tag in {@code retention_rule_label}. */
final class JdbcRuleTagRepository implements RuleTagRepository {
  private static final String SELECT =
      "SELECT tag_key, tag_value FROM retention_rule_label WHERE region_id = ? AND identifier = ?";

  private static final String UPSERT =
      "INSERT INTO retention_rule_label (region_id, identifier, tag_key, tag_value)"
          + " VALUES (?, ?, ?, ?) ON CONFLICT (region_id, identifier, tag_key)"
          + " DO UPDATE SET tag_value = excluded.tag_value";

  private static final String DELETE =
      "DELETE FROM retention_rule_label WHERE region_id = ? AND identifier = ? AND tag_key = ?";

  private static final String DELETE_ALL =
      "DELETE FROM retention_rule_label WHERE region_id = ? AND identifier = ?";

  private final CachingConnection connection;

  JdbcRuleTagRepository(CachingConnection connection) {
    this.connection = connection;
  }

  @Override
  public SortedMap<String, String> tagsOf(String regionId, String identifier) {
    try {
      PreparedStatement select = connection.prepare(SELECT);
      select.setString(1, regionId);
      select.setString(2, identifier);
      SortedMap<String, String> tags = new TreeMap<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          tags.put(rows.getString(1), rows.getString(2));
        }
      }
      return tags;
    } catch (SQLException e) {
      throw SqlFailures.of("reading the tags of rule " + identifier, e);
    }
  }

  @Override
  public void put(String regionId, String identifier, String key, String value) {
    run(UPSERT, "tagging rule " + identifier, regionId, identifier, key, value);
  }

  @Override
  public void remove(String regionId, String identifier, String key) {
    run(DELETE, "untagging rule " + identifier, regionId, identifier, key);
  }

  @Override
  public void removeAll(String regionId, String identifier) {
    run(DELETE_ALL, "removing the tags of rule " + identifier, regionId, identifier);
  }

  private void run(String sql, String what, String... args) {
    try {
      PreparedStatement statement = connection.prepare(sql);
      for (int i = 0; i < args.length; i++) {
        statement.setString(i + 1, args[i]);
      }
      statement.executeUpdate();
    } catch (SQLException e) {
      throw SqlFailures.of(what, e);
    }
  }
}
