package io.lockctl.core.replication;

import static io.lockctl.core.lockkey.Fx.KEY_ID;
import static io.lockctl.core.lockkey.Fx.OTHER_KEY_ID;
import static io.lockctl.core.lockkey.Fx.REGION;
import static io.lockctl.core.lockkey.Fx.REL_ID;
import static io.lockctl.core.lockkey.Fx.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lockctl.core.lockkey.KeyHolder;
import io.lockctl.core.testing.World;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What role a key plays in a relationship, and dropping a dormant one, as the key rules see it. */
class RelationshipKeyHoldersTest {
  private final World world = World.inMemory(T0);

  @Test
  void theKeyOfTheCurrentOrientationIsCurrentAndTheOriginalOneOfAReversedRelationshipDormant() {
    assertEquals(
        List.of(holder(KeyHolder.Role.CURRENT)), roles(Orientation.ORIGINAL, KEY_ID, null));
    assertEquals(
        List.of(holder(KeyHolder.Role.CURRENT)), roles(Orientation.REVERSED, null, KEY_ID));
    assertEquals(
        List.of(holder(KeyHolder.Role.DORMANT)), roles(Orientation.REVERSED, KEY_ID, OTHER_KEY_ID));
  }

  @Test
  void aKeyBothDormantAndCurrentInOneRelationshipIsCurrent() {
    assertEquals(
        List.of(holder(KeyHolder.Role.CURRENT)), roles(Orientation.REVERSED, KEY_ID, KEY_ID));
  }

  @Test
  void droppingTheDormantKeyKeepsTheReversedOrientationsKey() {
    world.write(
        tx -> {
          tx.targetRelationships()
              .insert(Relationships.withKeys(Orientation.REVERSED, KEY_ID, OTHER_KEY_ID));
          tx.keyHolders().dropDormant(REL_ID);
          return null;
        });
    assertEquals(
        Relationships.withKeys(Orientation.REVERSED, null, OTHER_KEY_ID),
        world.read(tx -> tx.targetRelationships().find(REL_ID).orElseThrow()));
  }

  private List<KeyHolder> roles(Orientation orientation, String original, String reversed) {
    world.write(
        tx -> {
          tx.targetRelationships().delete(REL_ID);
          tx.targetRelationships().insert(Relationships.withKeys(orientation, original, reversed));
          return null;
        });
    return world.read(tx -> tx.keyHolders().holding(KEY_ID, null, 10));
  }

  private static KeyHolder holder(KeyHolder.Role role) {
    return new KeyHolder(REL_ID, REGION, role);
  }
}
