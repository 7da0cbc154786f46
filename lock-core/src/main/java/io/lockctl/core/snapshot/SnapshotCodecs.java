package io.lockctl.core.snapshot;

import io.lockctl.core.audit.ResourceState;
import io.lockctl.core.idempotency.BinaryReader;
import io.lockctl.core.idempotency.BinaryWriter;
import io.lockctl.core.idempotency.ResultCodec;
import io.lockctl.core.operation.AsOf;
import java.time.Instant;

/**
 * How the results of the catalog's and the locks' operations are remembered with a client token,
 * and the pieces other features' results are made of (a snapshot, a lock).
 */
public final class SnapshotCodecs {
  /** A snapshot, as of the instant its lock status was shown at. */
  public static final ResultCodec<AsOf<Snapshot>> SNAPSHOT =
      AsOf.codec(SnapshotCodecs::writeSnapshot, SnapshotCodecs::readSnapshot);

  /** What a DeleteSnapshot did. */
  public static final ResultCodec<AsOf<DeletedSnapshot>> DELETED =
      AsOf.codec(
          (deleted, out) ->
              out.writeString(deleted.snapshotId())
                  .writeList(deleted.retainedByRuleIds(), (id, writer) -> writer.writeString(id))
                  .writeInstant(deleted.retainUntil()),
          in ->
              new DeletedSnapshot(
                  in.readString(), in.readList(BinaryReader::readString), in.readInstant()));

  /** The kind of {@link #state}: a snapshot written by {@link #writeSnapshot}. */
  public static final String KIND = "snapshot";

  private SnapshotCodecs() {}

  /** The snapshot as a mutation left it, for the audit log's stream of lock events. */
  public static ResourceState state(Snapshot snapshot) {
    BinaryWriter out = new BinaryWriter();
    writeSnapshot(snapshot, out);
    return new ResourceState(KIND, out.toByteArray());
  }

  /** A snapshot a mutation deleted for good. */
  public static ResourceState gone() {
    return new ResourceState(KIND, new byte[0]);
  }

  public static void writeSnapshot(Snapshot snapshot, BinaryWriter out) {
    out.writeString(snapshot.regionId())
        .writeString(snapshot.snapshotId())
        .writeEnum(snapshot.status())
        .writeInt(snapshot.retentionDays())
        .writeBoolean(snapshot.shared())
        .writeString(snapshot.managedBy())
        .writeStringMap(snapshot.tags())
        .writeInstant(snapshot.createTime())
        .writeEnum(snapshot.state())
        .writeInstant(snapshot.retainUntil())
        .writeNullable(snapshot.lock(), lock -> writeLock(lock, out))
        .writeString(snapshot.createdByPolicy())
        .writeInstant(snapshot.expireTime());
  }

  public static Snapshot readSnapshot(BinaryReader in) {
    // Arguments are evaluated left to right, so each is read in the order writeSnapshot wrote it.
    return new Snapshot(
        in.readString(),
        in.readString(),
        in.readEnum(SnapshotStatus.class),
        in.readInt(),
        in.readBoolean(),
        in.readString(),
        in.readStringMap(),
        in.readInstant(),
        in.readEnum(SnapshotState.class),
        in.readInstant(),
        in.readNullable(SnapshotCodecs::readLock),
        in.readString(),
        in.readInstant());
  }

  public static void writeLock(SnapshotLock lock, BinaryWriter out) {
    out.writeEnum(lock.mode()).writeInstant(lock.creationTime()).writeInt(lock.coolOffHours());
    if (lock.term() instanceof LockTerm.Days days) {
      out.writeBoolean(true).writeInt(days.days());
    } else {
      out.writeBoolean(false).writeInstant(((LockTerm.Until) lock.term()).expireTime());
    }
    out.writeInstant(lock.durationStartTime())
        .writeString(lock.lockKeyId())
        .writeLong(lock.version());
  }

  public static SnapshotLock readLock(BinaryReader in) {
    LockMode mode = in.readEnum(LockMode.class);
    Instant creationTime = in.readInstant();
    int coolOffHours = in.readInt();
    LockTerm term =
        in.readBoolean() ? new LockTerm.Days(in.readInt()) : new LockTerm.Until(in.readInstant());
    return new SnapshotLock(
        mode, creationTime, coolOffHours, term, in.readInstant(), in.readString(), in.readLong());
  }
}
