package io.lockctl.core.store.jdbc;

/**
 * Whether a store keeps its snapshots in memory for reads ({@link SnapshotReadModel}), and a hook
 * that tests use to hold the load between reading the rows and replaying what committed meanwhile.
 *
 * @param enabled keep the model; only a store that is the sole writer of its database may
 * @param afterRowsLoaded runs on the loading thread once every row is read, before any replay
 */
public record ReadModelOptions(boolean enabled, Runnable afterRowsLoaded) {
  public static final ReadModelOptions ON = new ReadModelOptions(true, () -> {});
  public static final ReadModelOptions OFF = new ReadModelOptions(false, () -> {});
}
