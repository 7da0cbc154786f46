package io.lockctl.core.auth;

import java.nio.charset.StandardCharsets;

/**
 * lockctl resource names, the {@code resource} of an {@link AccessRequest}.
 *
 * <ul>
 *   <li>A call on one resource names it: {@code lrn:lockctl:<region>:snapshot/<snapshot_id>},
 *       {@code ...:rule/<identifier>}, {@code ...:target-relationship/<id>}, and the global {@code
 *       lrn:lockctl::lock-key/<id>}, {@code lrn:lockctl::access-key/<id>}, {@code
 *       lrn:lockctl::audit}, {@code lrn:lockctl::clock}, {@code lrn:lockctl::backup}.
 *   <li>A create names the resource it would create (the edge picks a server-generated id before it
 *       authorises, since it needs one anyway).
 *   <li>A list or describe names its collection, with a literal {@code *} for the id: {@code
 *       lrn:lockctl:<region>:snapshot/*}. A pattern's {@code *} matches that {@code *} like any
 *       other character, so {@code snapshot/*} in a policy grants the list as well as each
 *       snapshot.
 *   <li>ListTargetRelationships without a region lists every region, and so names {@code
 *       lrn:lockctl:*:target-relationship/*}, with a literal {@code *} for the region: a grant for
 *       one region ({@code lrn:lockctl:cn-hangzhou:target-relationship/*}) does not match it, since
 *       the answer would show other regions; such a caller passes its region.
 * </ul>
 *
 * <p>Parts that come from a request are percent-encoded unless they are made only of letters,
 * digits, {@code -}, {@code .}, {@code _} and {@code ~} (every valid id and region is), so a
 * malformed id can never carry a {@code :}, {@code /} or {@code *} that would make its name look
 * like another resource's or a collection's. Such a request is refused by validation anyway; this
 * only keeps it from borrowing a grant on the way.
 */
public final class Lrn {
  private static final String PREFIX = "lrn:lockctl:";
  private static final String GLOBAL = PREFIX + ":";

  public static final String AUDIT = GLOBAL + "audit";
  public static final String CLOCK = GLOBAL + "clock";

  /** The whole store, as a backup copies it. */
  public static final String BACKUP = GLOBAL + "backup";

  public static final String LOCK_KEYS = GLOBAL + "lock-key/*";
  public static final String ACCESS_KEYS = GLOBAL + "access-key/*";
  public static final String TARGET_RELATIONSHIPS_IN_EVERY_REGION =
      PREFIX + "*:target-relationship/*";

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private Lrn() {}

  public static String snapshot(String regionId, String snapshotId) {
    return regional(regionId, "snapshot/", part(snapshotId));
  }

  public static String snapshots(String regionId) {
    return regional(regionId, "snapshot/", "*");
  }

  public static String rule(String regionId, String identifier) {
    return regional(regionId, "rule/", part(identifier));
  }

  public static String rules(String regionId) {
    return regional(regionId, "rule/", "*");
  }

  public static String targetRelationship(String regionId, String relationshipId) {
    return regional(regionId, "target-relationship/", part(relationshipId));
  }

  /**
   * The relationships of {@code regionId}, or of every region ({@link
   * #TARGET_RELATIONSHIPS_IN_EVERY_REGION}) when it is empty, as ListTargetRelationships takes it.
   */
  public static String targetRelationships(String regionId) {
    return regionId.isEmpty()
        ? TARGET_RELATIONSHIPS_IN_EVERY_REGION
        : regional(regionId, "target-relationship/", "*");
  }

  /** A lock key by its server id (a {@code key_ref} given as a name is resolved first). */
  public static String lockKey(String lockKeyId) {
    return GLOBAL + "lock-key/" + part(lockKeyId);
  }

  public static String accessKey(String accessKeyId) {
    return GLOBAL + "access-key/" + part(accessKeyId);
  }

  private static String regional(String regionId, String type, String id) {
    return PREFIX + part(regionId) + ":" + type + id;
  }

  /** {@code value} as it is when every character is unreserved, else percent-encoded UTF-8. */
  static String part(String value) {
    if (isUnreserved(value)) {
      return value;
    }
    StringBuilder encoded = new StringBuilder(value.length() * 3);
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c < 0x80 && isUnreserved(c)) {
        encoded.append(c);
      } else {
        encoded.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
      }
    }
    return encoded.toString();
  }

  private static boolean isUnreserved(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (!isUnreserved(value.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isUnreserved(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }
}
