package io.lockctl.server;

import java.time.Duration;

/**
 * The limits that keep one caller from taking the whole gRPC server: how large a request, a
 * response and the metadata may be, how many request bytes may be arriving at once, how many calls
 * a connection holds, how long connections live, and how often a refused request is logged. Each is
 * a flag of the same name (see {@link ServerConfigParser}); the defaults are {@link #DEFAULTS}.
 *
 * @param maxRequestBytes the largest request message served; larger ones are refused with
 *     REQUEST_TOO_LARGE, up to {@link #maxTransportMessageBytes()}, past which the transport stops
 *     reading them
 * @param maxInflightRequestBytes bytes of unfinished request messages held at once, above which new
 *     calls are refused with SERVER_BUSY
 * @param maxResponseBytes where a list response stops (a page ends before the item that would pass
 *     it); clients must accept messages this large (gRPC's default is 4 MiB)
 * @param maxMetadataBytes the largest request metadata (headers) accepted
 * @param maxCallsPerConnection calls one connection may have open at once (HTTP/2
 *     SETTINGS_MAX_CONCURRENT_STREAMS); the client queues the rest
 * @param flowControlWindow the HTTP/2 receive window of each stream (SETTINGS_INITIAL_WINDOW_SIZE),
 *     fixed: what a client may send on a stream before the server reads it. It bounds what the
 *     transport buffers for a call not yet started: calls x window, not calls x message size
 * @param keepaliveTime silence on a connection after which the server pings it
 * @param keepaliveTimeout how long a ping may go unanswered before the connection is dropped
 * @param permitKeepaliveTime how often a client may ping at most; more often and it is disconnected
 * @param maxConnectionIdle a connection without calls for this long is closed
 * @param maxConnectionAge every connection is closed after this long (clients reconnect)
 * @param maxConnectionAgeGrace how long the calls of a connection closed for its age may still run
 * @param refusalLogInterval at most one log line per interval for each kind of refused request
 *     (unparseable, too large, unauthenticated, busy); 0 logs every one
 */
public record ServerLimits(
    int maxRequestBytes,
    long maxInflightRequestBytes,
    int maxResponseBytes,
    int maxMetadataBytes,
    int maxCallsPerConnection,
    int flowControlWindow,
    Duration keepaliveTime,
    Duration keepaliveTimeout,
    Duration permitKeepaliveTime,
    Duration maxConnectionIdle,
    Duration maxConnectionAge,
    Duration maxConnectionAgeGrace,
    Duration refusalLogInterval) {

  // the units the size flags take (64KiB, 1MiB, 1GiB)
  private static final long KIB = 1 << 10;
  private static final long MIB = 1 << 20;
  private static final long GIB = 1 << 30;

  /**
   * How much larger than {@code maxRequestBytes} the transport buffers a message before refusing it
   * outright (a plain RESOURCE_EXHAUSTED, without details): up to that size a request is read and
   * answered with a reason.
   */
  private static final int TRANSPORT_MESSAGE_FACTOR = 4;

  public static final ServerLimits DEFAULTS =
      new ServerLimits(
          (int) MIB,
          64 * MIB,
          (int) (4 * MIB),
          (int) (16 * KIB),
          100,
          // HTTP/2's own initial window (65,535) rounded up. grpc-java's default, 1 MiB grown by
          // its bandwidth-delay auto-tuning up to 8 MiB, let 3,000 streams that had not started
          // yet hold 3 GB (docs/performance.md, "Unfinished requests"); lockctl's requests are
          // small, and a 1 MiB one on loopback or a LAN still takes a few round trips only.
          (int) (64 * KIB),
          Duration.ofMinutes(1),
          Duration.ofSeconds(20),
          Duration.ofSeconds(10),
          Duration.ofMinutes(15),
          Duration.ofHours(1),
          Duration.ofMinutes(5),
          Duration.ofSeconds(1));

  public ServerLimits {
    // below 64 KiB a request with its full 50 tags may not fit; 64 MiB keeps 4x that an int
    inRange("--max-request-bytes", maxRequestBytes, 64 * KIB, 64 * MIB);
    inRange("--max-inflight-request-bytes", maxInflightRequestBytes, MIB, 1024 * GIB);
    // the smallest still leaves room for the page token beside an item
    inRange("--max-response-bytes", maxResponseBytes, 64 * KIB, GIB);
    // below 4 KiB a bearer token may not fit
    inRange("--max-metadata-bytes", maxMetadataBytes, 4 * KIB, 8 * MIB);
    if (maxCallsPerConnection < 1) {
      throw new IllegalArgumentException(
          "--max-calls-per-connection must be at least 1, got " + maxCallsPerConnection);
    }
    // below HTTP/2's initial 65,535 the connection's window would have to shrink; above 16 MiB
    // a few hundred unstarted calls could hold gigabytes again
    inRange("--flow-control-window", flowControlWindow, 64 * KIB, 16 * MIB);
    atLeast("--keepalive-time", keepaliveTime, Duration.ofSeconds(1));
    atLeast("--keepalive-timeout", keepaliveTimeout, Duration.ofSeconds(1));
    atLeast("--permit-keepalive-time", permitKeepaliveTime, Duration.ZERO);
    atLeast("--max-connection-idle", maxConnectionIdle, Duration.ofSeconds(1));
    atLeast("--max-connection-age", maxConnectionAge, Duration.ofSeconds(1));
    atLeast("--max-connection-age-grace", maxConnectionAgeGrace, Duration.ZERO);
    atLeast("--refusal-log-interval", refusalLogInterval, Duration.ZERO);
  }

  /** What the transport buffers at most for one message; see {@link #maxRequestBytes()}. */
  public int maxTransportMessageBytes() {
    return TRANSPORT_MESSAGE_FACTOR * maxRequestBytes;
  }

  private static void inRange(String flag, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          flag + " must be " + size(min) + " to " + size(max) + ", got " + value + " bytes");
    }
  }

  private static void atLeast(String flag, Duration value, Duration min) {
    if (value.compareTo(min) < 0) {
      throw new IllegalArgumentException(
          flag + " must be at least " + (min.isZero() ? "0" : min.toSeconds() + "s"));
    }
  }

  private static String size(long bytes) {
    return bytes % GIB == 0
        ? bytes / GIB + "GiB"
        : bytes % MIB == 0 ? bytes / MIB + "MiB" : bytes / KIB + "KiB";
  }
}
