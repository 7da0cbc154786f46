package io.lockctl.core.replication;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed's lock-key rules written down as plainly as possible, with no code shared with the
 * service. Keys are numbered by creation (a name re-used after a deletion is a new key); "revert
 * restores the key unless it was disabled or deleted meanwhile" is kept literally, by comparing the
 * step of each key's last disable or delete with the step of the relationship's reverse. Outcomes
 * are "OK" or a reason's name.
 */
final class ReplicationModel {
  static final String OK = "OK";

  /** A key by its creation number; {@code lastDisabledOrDeletedAt} is a step, -1 for never. */
  static final class Key {
    final int number;
    boolean enabled = true;
    int lastDisabledOrDeletedAt = -1;

    Key(int number) {
      this.number = number;
    }
  }

  static final class Relationship {
    final boolean expires;
    boolean reversed;
    int reversedAt;
    Integer originalKey;
    Integer reversedKey;

    Relationship(boolean expires) {
      this.expires = expires;
    }

    Integer current() {
      return reversed ? reversedKey : originalKey;
    }
  }

  /** A policy snapshot's KEY lock: the key's number and when it ends. */
  record Lock(int key, Instant until) {}

  final Map<Integer, Key> keysBySlot = new HashMap<>();
  final Map<Integer, Key> keysByNumber = new HashMap<>();

  /**
   * The relationship each slot last created; an earlier one of the slot lives on in {@link #all}.
   */
  final Map<Integer, Relationship> relationships = new HashMap<>();

  final List<Relationship> all = new ArrayList<>();

  /** Policy snapshots' locks in the order taken; {@code null} when not locked (or unlocked). */
  final List<Lock> snapshots = new ArrayList<>();

  private int created;

  String createKey(int slot) {
    if (keysBySlot.containsKey(slot)) {
      return "LOCK_KEY_ALREADY_EXISTS";
    }
    Key key = new Key(created++);
    keysBySlot.put(slot, key);
    keysByNumber.put(key.number, key);
    return OK;
  }

  String setDisabled(int slot, boolean disabled, int step) {
    Key key = keysBySlot.get(slot);
    if (key == null) {
      return "LOCK_KEY_NOT_FOUND";
    }
    if (disabled && isSomeonesCurrentKey(key)) {
      return "LOCK_KEY_IN_USE";
    }
    if (disabled) {
      key.lastDisabledOrDeletedAt = step;
    }
    key.enabled = !disabled;
    return OK;
  }

  String deleteKey(int slot, int step, Instant now) {
    Key key = keysBySlot.get(slot);
    if (key == null) {
      return "LOCK_KEY_NOT_FOUND";
    }
    if (isSomeonesCurrentKey(key)
        || snapshots.stream()
            .anyMatch(l -> l != null && l.key() == key.number && now.isBefore(l.until()))) {
      return "LOCK_KEY_IN_USE";
    }
    key.lastDisabledOrDeletedAt = step;
    keysBySlot.remove(slot);
    return OK;
  }

  String createRelationship(int slot, boolean expires) {
    Relationship relationship = new Relationship(expires);
    relationships.put(slot, relationship);
    all.add(relationship);
    return OK;
  }

  String deleteRelationship(int slot) {
    Relationship removed = relationships.remove(slot);
    if (removed == null) {
      return "RELATIONSHIP_NOT_FOUND";
    }
    all.remove(removed);
    return OK;
  }

  String reverse(int slot, int step) {
    Relationship relationship = relationships.get(slot);
    if (relationship == null) {
      return "RELATIONSHIP_NOT_FOUND";
    }
    if (relationship.reversed) {
      return "INVALID_RELATIONSHIP_STATE";
    }
    relationship.reversed = true;
    relationship.reversedAt = step;
    relationship.reversedKey = null;
    return OK;
  }

  String revert(int slot) {
    Relationship relationship = relationships.get(slot);
    if (relationship == null) {
      return "RELATIONSHIP_NOT_FOUND";
    }
    if (!relationship.reversed) {
      return "INVALID_RELATIONSHIP_STATE";
    }
    relationship.reversed = false;
    relationship.reversedKey = null;
    Integer original = relationship.originalKey;
    if (original != null
        && keysByNumber.get(original).lastDisabledOrDeletedAt > relationship.reversedAt) {
      relationship.originalKey = null;
    }
    return OK;
  }

  /**
   * @param keySlot the key to set; {@code null} to clear
   */
  String setLock(int slot, Integer keySlot) {
    Relationship relationship = relationships.get(slot);
    if (relationship == null) {
      return "RELATIONSHIP_NOT_FOUND";
    }
    Integer number = null;
    if (keySlot != null) {
      Key key = keysBySlot.get(keySlot);
      if (key == null) {
        return "LOCK_KEY_NOT_FOUND";
      }
      if (!key.enabled) {
        return "LOCK_KEY_DISABLED";
      }
      number = key.number;
    }
    if (relationship.reversed) {
      relationship.reversedKey = number;
    } else {
      relationship.originalKey = number;
    }
    return OK;
  }

  String takePolicySnapshot(int slot, Duration ttl, Instant now) {
    Relationship relationship = relationships.get(slot);
    if (relationship == null) {
      return "RELATIONSHIP_NOT_FOUND";
    }
    Integer current = relationship.current();
    boolean locks = relationship.expires && current != null && keysByNumber.get(current).enabled;
    snapshots.add(locks ? new Lock(current, now.plus(ttl)) : null);
    return OK;
  }

  String unlock(int index, boolean rightKey, Instant now) {
    if (index >= snapshots.size()
        || snapshots.get(index) == null
        || !now.isBefore(snapshots.get(index).until())) {
      return index >= snapshots.size() ? "SNAPSHOT_NOT_FOUND" : "SNAPSHOT_NOT_LOCKED";
    }
    if (!rightKey) {
      return "INVALID_UNLOCK_SIGNATURE";
    }
    snapshots.set(index, null);
    return OK;
  }

  private boolean isSomeonesCurrentKey(Key key) {
    return all.stream().anyMatch(r -> r.current() != null && r.current() == key.number);
  }
}
