package io.lockctl.loadtest;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * Holds thousands of request streams open with messages that never complete, as a client that wants
 * the server's memory would: each stream's gRPC frame header announces {@code --message-bytes} and
 * only {@code --sent-bytes} of the body follow. grpc-java's own client cannot do this (it sends a
 * message whole), so the streams are raw HTTP/2 on Netty's frame codec. Opened over several
 * connections, each within the server's SETTINGS_MAX_CONCURRENT_STREAMS.
 *
 * <p>Meanwhile, every 100 ms, it reads the server's resident memory from {@code /proc/PID/status}
 * and sends a health check on a connection of its own. It prints the largest RSS, the probes'
 * latencies, and what became of the streams: still open (admitted, waiting for the rest of their
 * message), answered (with the status and reason), reset, or never opened.
 */
final class UnfinishedStreams {
  private static final long SAMPLE_MILLIS = 100;
  private static final long WARM_UP_HOLD_MILLIS = 2000;
  private static final Duration PROBE_DEADLINE = Duration.ofSeconds(5);
  private static final long RSS_BOUND_BYTES = 1_000_000_000L;
  private static final long PROBE_BOUND_MICROS = 100_000;
  private static final String METHOD = "/lockctl.v1.SnapshotService/RegisterSnapshot";

  private final UnfinishedStreamsOptions options;
  private final PrintStream err;
  private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
  private final Histogram probeMicros = new Histogram(3);
  private final Map<String, LongAdder> probeFailures = new ConcurrentHashMap<>();
  private final AtomicLong maxRssBytes = new AtomicLong();
  private final List<StreamAnswers> opened = new CopyOnWriteArrayList<>();
  private final ByteBuf body;

  private UnfinishedStreams(UnfinishedStreamsOptions options, PrintStream err) {
    this.options = options;
    this.err = err;
    // one buffer shared by every stream, never released: the client holds 1 MiB, not 3 GB
    ByteBuf frame = Unpooled.buffer(5 + options.sentBytes());
    frame.writeByte(0); // not compressed
    frame.writeInt(options.messageBytes());
    frame.writeZero(options.sentBytes());
    this.body = Unpooled.unreleasableBuffer(frame);
  }

  static int run(UnfinishedStreamsOptions options, PrintStream out, PrintStream err)
      throws InterruptedException {
    try {
      return new UnfinishedStreams(options, err).measure(out);
    } catch (IOException failed) {
      err.println("loadtest: " + failed.getMessage());
      return 1;
    }
  }

  private int measure(PrintStream out) throws IOException, InterruptedException {
    Files.createDirectories(options.workDir());
    List<String> javaArgs =
        new ArrayList<>(
            ChildServer.lockctlArgs(
                options.serverJar(), options.workDir().resolve("data"), options.serverJvm()));
    javaArgs.addAll(options.serverFlags());
    EventLoopGroup loop = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    ScheduledExecutorService sampler = Executors.newScheduledThreadPool(2);
    try (ChildServer server = ChildServer.launch("lockctl", javaArgs)) {
      String[] hostPort = server.target().split(":");
      long pid = server.process().pid();
      long rssAtStart = rssBytes(pid);
      ManagedChannel probeChannel = LoadTool.channel(server.target(), err);
      HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(probeChannel);
      probe(health); // connected and warm before the clock starts
      warmUp(loop, hostPort, pid);
      probeMicros.reset();
      List<ScheduledFuture<?>> sampling =
          List.of(
              sampler.scheduleAtFixedRate(
                  () -> maxRssBytes.accumulateAndGet(rssBytes(pid), Math::max),
                  0,
                  SAMPLE_MILLIS,
                  TimeUnit.MILLISECONDS),
              sampler.scheduleAtFixedRate(
                  () -> probe(health), 0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS));

      long started = System.nanoTime();
      List<Channel> connections = connect(loop, hostPort[0], Integer.parseInt(hostPort[1]));
      open(connections);
      double openSeconds = (System.nanoTime() - started) / 1e9;
      Thread.sleep(options.hold().toMillis());

      sampling.forEach(task -> task.cancel(false));
      sampler.shutdown();
      sampler.awaitTermination(10, TimeUnit.SECONDS);
      long peak = peakRssBytes(pid);
      long stillOpen = opened.stream().filter(answers -> !answers.answered).count();
      long accounted = outcomes.values().stream().mapToLong(LongAdder::sum).sum();
      outcomes.computeIfAbsent("still open", k -> new LongAdder()).add(stillOpen);
      long unaccounted = options.streams() - stillOpen - accounted;
      if (unaccounted != 0) {
        outcomes.computeIfAbsent("unaccounted", k -> new LongAdder()).add(unaccounted);
      }
      connections.forEach(connection -> connection.close().awaitUninterruptibly());
      LoadTool.close(probeChannel);
      return report(out, openSeconds, rssAtStart, peak);
    } finally {
      sampler.shutdownNow();
      loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
      Compare.deleteRecursively(options.workDir());
    }
  }

  /**
   * Runs the flood {@code --warm-up-rounds} times unmeasured, then forgets what it saw: the
   * streams' outcomes and the server's peak RSS (writing 5 to {@code /proc/PID/clear_refs} resets
   * the kernel's VmHWM), so the measured round starts from the memory the server kept.
   */
  private void warmUp(EventLoopGroup loop, String[] hostPort, long pid)
      throws InterruptedException, IOException {
    if (options.warmUpRounds() == 0) {
      return;
    }
    for (int round = 0; round < options.warmUpRounds(); round++) {
      List<Channel> connections = connect(loop, hostPort[0], Integer.parseInt(hostPort[1]));
      open(connections);
      Thread.sleep(WARM_UP_HOLD_MILLIS);
      connections.forEach(connection -> connection.close().awaitUninterruptibly());
    }
    Thread.sleep(WARM_UP_HOLD_MILLIS); // the server sees the resets and lets the streams go
    opened.clear();
    outcomes.clear();
    Files.writeString(Path.of("/proc", Long.toString(pid), "clear_refs"), "5");
  }

  /** The connections, each once the server's SETTINGS (and so its stream limit) have arrived. */
  private List<Channel> connect(EventLoopGroup loop, String host, int port)
      throws InterruptedException, IOException {
    List<Channel> connections = new ArrayList<>();
    for (int i = 0; i < options.connections(); i++) {
      CompletableFuture<Void> settled = new CompletableFuture<>();
      Bootstrap bootstrap =
          new Bootstrap()
              .group(loop)
              .channel(NioSocketChannel.class)
              .handler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                      channel
                          .pipeline()
                          .addLast(Http2FrameCodecBuilder.forClient().build())
                          .addLast(new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()))
                          .addLast(new ConnectionFrames(settled));
                    }
                  });
      Channel channel = bootstrap.connect(host, port).sync().channel();
      try {
        settled.get(10, TimeUnit.SECONDS);
      } catch (Exception noSettings) {
        throw new IOException("the server sent no HTTP/2 SETTINGS within 10 s", noSettings);
      }
      connections.add(channel);
    }
    return connections;
  }

  /**
   * Opens the streams round robin over the connections: each sends its HEADERS and then the start
   * of its message, or, with {@code --headers-first}, every stream's HEADERS go out before any
   * body.
   */
  private void open(List<Channel> connections) throws InterruptedException {
    List<CompletableFuture<Http2StreamChannel>> streams = new ArrayList<>();
    for (int i = 0; i < options.streams(); i++) {
      Channel connection = connections.get(i % connections.size());
      CompletableFuture<Http2StreamChannel> stream = new CompletableFuture<>();
      new Http2StreamChannelBootstrap(connection)
          .handler(new StreamAnswers())
          .open()
          .addListener(
              opened -> {
                if (!opened.isSuccess()) {
                  count("not opened: " + opened.cause().getMessage());
                  stream.completeExceptionally(opened.cause());
                  return;
                }
                Http2StreamChannel channel = (Http2StreamChannel) opened.getNow();
                this.opened.add(channel.pipeline().get(StreamAnswers.class));
                send(channel, new DefaultHttp2HeadersFrame(headers(connection), false));
                if (!options.headersFirst()) {
                  send(channel, new DefaultHttp2DataFrame(body.duplicate(), false));
                }
                channel.flush();
                stream.complete(channel);
              });
      streams.add(stream);
    }
    CompletableFuture.allOf(streams.toArray(CompletableFuture[]::new))
        .exceptionally(failed -> null)
        .join();
    if (options.headersFirst()) {
      Thread.sleep(1000); // let the server admit every call while nothing is held yet
      for (CompletableFuture<Http2StreamChannel> stream : streams) {
        if (!stream.isCompletedExceptionally() && stream.join().isActive()) {
          send(stream.join(), new DefaultHttp2DataFrame(body.duplicate(), false));
          stream.join().flush();
        }
      }
    }
  }

  /**
   * Writes without waiting: a write that fails shows in the stream's outcome (reset, or closed
   * without an answer).
   */
  @SuppressWarnings("FutureReturnValueIgnored")
  private static void send(Channel stream, Object frame) {
    stream.write(frame);
  }

  private static Http2Headers headers(Channel connection) {
    return new DefaultHttp2Headers()
        .method("POST")
        .scheme("http")
        .path(METHOD)
        .authority(connection.remoteAddress().toString().replaceFirst("^.*/", ""))
        .add("content-type", "application/grpc")
        .add("te", "trailers");
  }

  private void probe(HealthGrpc.HealthBlockingStub health) {
    long sent = System.nanoTime();
    try {
      health
          .withDeadlineAfter(PROBE_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
          .check(HealthCheckRequest.getDefaultInstance());
      long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - sent);
      synchronized (probeMicros) {
        probeMicros.recordValue(Math.max(micros, 1));
      }
    } catch (StatusRuntimeException failed) {
      probeFailures
          .computeIfAbsent(failed.getStatus().getCode().name(), k -> new LongAdder())
          .increment();
    }
  }

  private int report(PrintStream out, double openSeconds, long rssAtStart, long peakRss) {
    Histogram probes;
    synchronized (probeMicros) {
      probes = probeMicros.copy();
    }
    long failedProbes = probeFailures.values().stream().mapToLong(LongAdder::sum).sum();
    long maxRss = Math.max(maxRssBytes.get(), peakRss);
    out.printf(
        Locale.ROOT,
        "unfinished-streams: %d streams over %d connections (%s), each announcing %d bytes and"
            + " sending %d; opened in %.1f s, then held %.1f s; after %d unmeasured rounds%n",
        options.streams(),
        options.connections(),
        options.headersFirst() ? "all HEADERS first" : "HEADERS and body together",
        options.messageBytes(),
        options.sentBytes(),
        openSeconds,
        options.hold().toMillis() / 1000.0,
        options.warmUpRounds());
    out.println("  streams    : " + text(new TreeMap<>(outcomes)));
    out.printf(
        Locale.ROOT,
        "  server RSS : max %d MiB (sampled every %d ms: %d MiB; kernel's VmHWM: %d MiB), %d MiB"
            + " before the streams%n",
        maxRss >> 20,
        SAMPLE_MILLIS,
        maxRssBytes.get() >> 20,
        peakRss >> 20,
        rssAtStart >> 20);
    out.printf(
        Locale.ROOT,
        "  probe ms   : grpc.health.v1.Health/Check every %d ms: %d answered, p50 %.3f  p99 %.3f"
            + "  max %.3f; failed %d%s%n",
        SAMPLE_MILLIS,
        probes.getTotalCount(),
        probes.getValueAtPercentile(50) / 1000.0,
        probes.getValueAtPercentile(99) / 1000.0,
        probes.getMaxValue() / 1000.0,
        failedProbes,
        failedProbes == 0 ? "" : " " + text(new TreeMap<>(probeFailures)));
    boolean met =
        maxRss < RSS_BOUND_BYTES
            && probes.getTotalCount() > 0
            && probes.getMaxValue() < PROBE_BOUND_MICROS
            && failedProbes == 0;
    out.println(
        "  bound      : RSS under 1 GB and every probe answered within 100 ms: "
            + (met ? "met" : "NOT met"));
    return met ? 0 : 1;
  }

  private static String text(Map<String, LongAdder> counts) {
    List<String> parts = new ArrayList<>();
    counts.forEach((what, count) -> parts.add(what + " " + count.sum()));
    return String.join(", ", parts);
  }

  private void count(String outcome) {
    outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
  }

  /** VmRSS of {@code pid}, in bytes; 0 once it is gone. */
  static long rssBytes(long pid) {
    return statusKibibytes(pid, "VmRSS:") << 10;
  }

  /** VmHWM: the largest RSS the kernel saw, sampled or not. */
  private static long peakRssBytes(long pid) {
    return statusKibibytes(pid, "VmHWM:") << 10;
  }

  private static long statusKibibytes(long pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
        }
      }
    } catch (IOException | NumberFormatException gone) {
      // the process ended
    }
    return 0;
  }

  /** Waits for the server's SETTINGS; counts a GOAWAY. */
  private final class ConnectionFrames extends ChannelInboundHandlerAdapter {
    private final CompletableFuture<Void> settled;

    ConnectionFrames(CompletableFuture<Void> settled) {
      this.settled = settled;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object frame) {
      if (frame instanceof Http2SettingsFrame) {
        settled.complete(null);
      } else if (frame instanceof Http2GoAwayFrame goAway) {
        err.println("loadtest: the server sent GOAWAY " + goAway.errorCode());
        goAway.release();
      }
    }
  }

  /** What the server answers on one stream: trailers with a status, or a reset. */
  private final class StreamAnswers extends ChannelInboundHandlerAdapter {
    /** Whether the server has ended the stream: trailers, a reset, or an error. */
    private volatile boolean answered; // only the stream's event loop writes it

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object frame) {
      if (frame instanceof Http2HeadersFrame headers) {
        CharSequence status = headers.headers().get("grpc-status");
        if (status != null) {
          settle("answered " + statusName(status) + reason(headers.headers()));
        }
      } else if (frame instanceof Http2ResetFrame reset) {
        settle("reset " + reset.errorCode());
      } else {
        ReferenceCountUtil.release(frame);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      settle("stream failed: " + cause.getMessage());
      ctx.close().awaitUninterruptibly();
    }

    /** Counts the first thing that ended the stream, only. */
    private void settle(String outcome) {
      if (!answered) {
        answered = true;
        count(outcome);
      }
    }
  }

  private static String statusName(CharSequence code) {
    try {
      return io.grpc.Status.fromCodeValue(Integer.parseInt(code.toString())).getCode().name();
    } catch (NumberFormatException odd) {
      return "grpc-status " + code;
    }
  }

  /** "/REASON" from the ErrorInfo in grpc-status-details-bin, or "". */
  private static String reason(Http2Headers trailers) {
    CharSequence details = trailers.get("grpc-status-details-bin");
    if (details == null) {
      return "";
    }
    try {
      com.google.rpc.Status status =
          com.google.rpc.Status.parseFrom(Base64.getDecoder().decode(details.toString()));
      for (com.google.protobuf.Any detail : status.getDetailsList()) {
        if (detail.is(ErrorInfo.class)) {
          return "/" + detail.unpack(ErrorInfo.class).getReason();
        }
      }
    } catch (InvalidProtocolBufferException | IllegalArgumentException unreadable) {
      return "/(unreadable details)";
    }
    return "";
  }
}
