package io.lockctl.server.http;

import io.lockctl.server.ServerConfig;
import io.lockctl.server.auth.ServerSecurity;
import io.lockctl.server.rpc.CallExecutor;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP/1.1 edge on Netty, the library gRPC already runs on here (one event-loop stack, one set
 * of TLS and epoll dependencies to keep current): on the gRPC port's host, with its TLS certificate
 * (reloaded the same way), serving the anchors' APIs through the {@link HttpRouter}.
 *
 * <p>Netty's codec parses the request and the aggregator bounds the body ({@value #MAX_BODY_BYTES}
 * bytes); the APIs run on the server's call threads, never on the event loop. A stop closes the
 * port, lets requests in flight finish within the grace period, then closes every connection.
 */
@Singleton
public final class HttpEdge {
  static final int MAX_BODY_BYTES = 1 << 20;
  private static final int MAX_HEADER_BYTES = 16 << 10;
  private static final int MAX_REQUEST_LINE_BYTES = 8 << 10;
  private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(2);

  private final ServerConfig config;
  private final ServerSecurity security;
  private final HttpRouter router;
  private final Executor executor;
  private final AtomicInteger inFlight = new AtomicInteger();
  private EventLoopGroup boss;
  private EventLoopGroup workers;
  private ChannelGroup connections;
  private Channel listener;

  @Inject
  HttpEdge(ServerConfig config, ServerSecurity security, HttpRouter router, CallExecutor executor) {
    this.config = config;
    this.security = security;
    this.router = router;
    this.executor = executor;
  }

  /** Listens if the configuration asks for HTTP; the bound port, or empty when it does not. */
  public synchronized Optional<Integer> start() throws InterruptedException {
    if (!config.http().enabled()) {
      return Optional.empty();
    }
    if (listener != null) {
      throw new IllegalStateException("the HTTP edge starts once");
    }
    Optional<SslContext> tls = security.httpSslContext();
    boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    workers = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(boss, workers)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel channel) {
                    connections.add(channel);
                    ChannelPipeline pipeline = channel.pipeline();
                    tls.ifPresent(context -> pipeline.addLast(context.newHandler(channel.alloc())));
                    pipeline
                        .addLast(new ReadTimeoutHandler(IDLE_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                        .addLast(
                            new HttpServerCodec(
                                MAX_REQUEST_LINE_BYTES, MAX_HEADER_BYTES, MAX_REQUEST_LINE_BYTES))
                        .addLast(new HttpServerKeepAliveHandler())
                        .addLast(new BoundedAggregator())
                        .addLast(new RequestHandler());
                  }
                });
    try {
      listener =
          bootstrap
              .bind(new InetSocketAddress(config.host(), config.http().port()))
              .sync()
              .channel();
    } catch (RuntimeException | InterruptedException failed) {
      shutDownGroups();
      throw failed;
    }
    return Optional.of(((InetSocketAddress) listener.localAddress()).getPort());
  }

  /** Stops listening, lets requests in flight finish within {@code grace}, then closes all. */
  public synchronized void stop(Duration grace) {
    if (listener == null) {
      return;
    }
    listener.close().awaitUninterruptibly();
    long deadline = System.nanoTime() + grace.toNanos();
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    connections.close().awaitUninterruptibly();
    shutDownGroups();
    listener = null;
  }

  private void shutDownGroups() {
    if (workers != null) {
      workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
    if (boss != null) {
      boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
  }

  /** Answers an oversized body in the shape of the API it was sent to, and closes. */
  private final class BoundedAggregator extends HttpObjectAggregator {
    BoundedAggregator() {
      super(MAX_BODY_BYTES);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
      HttpAnswer answer =
          oversized instanceof HttpRequest request
              ? router.tooLarge(headersOnly(request), MAX_BODY_BYTES)
              : HttpRouter.unreadable("not a request");
      ctx.writeAndFlush(toResponse(answer, false)).addListener(ChannelFutureListener.CLOSE);
    }
  }

  private final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      boolean keepAlive = HttpUtil.isKeepAlive(request);
      if (request.decoderResult().isFailure()) {
        ctx.writeAndFlush(toResponse(HttpRouter.unreadable("cannot parse it"), false))
            .addListener(ChannelFutureListener.CLOSE);
        return;
      }
      HttpCall call =
          HttpCall.of(
              request.method().name(),
              request.uri(),
              headers(request),
              ByteBufUtil.getBytes(request.content()));
      inFlight.incrementAndGet();
      executor.execute(
          () -> {
            var unused =
                router
                    .answer(call)
                    .whenComplete(
                        (answer, failure) -> {
                          inFlight.decrementAndGet();
                          HttpAnswer sent =
                              answer != null
                                  ? answer
                                  : HttpRouter.unreadable("the server could not answer");
                          var unusedWrite = ctx.writeAndFlush(toResponse(sent, keepAlive));
                        });
          });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      // a reset connection or a TLS handshake gone wrong: nothing to answer
      var unusedClose = ctx.close();
    }
  }

  private static HttpCall headersOnly(HttpRequest request) {
    return HttpCall.of(request.method().name(), request.uri(), headers(request), new byte[0]);
  }

  private static Map<String, List<String>> headers(HttpRequest request) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Map.Entry<String, String> header : request.headers()) {
      headers.computeIfAbsent(header.getKey(), name -> new ArrayList<>()).add(header.getValue());
    }
    return headers;
  }

  private static FullHttpResponse toResponse(HttpAnswer answer, boolean keepAlive) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(answer.status()),
            Unpooled.wrappedBuffer(answer.body()));
    answer.headers().forEach((name, value) -> response.headers().set(name, value));
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, answer.contentType())
        .setInt(HttpHeaderNames.CONTENT_LENGTH, answer.body().length);
    if (!keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    return response;
  }
}
