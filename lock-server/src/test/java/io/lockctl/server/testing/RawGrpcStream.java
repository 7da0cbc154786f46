package io.lockctl.server.testing;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
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
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2PingFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.ReferenceCountUtil;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * One gRPC call written as raw HTTP/2 frames on a connection of its own, for requests that
 * grpc-java's client will not send: a message that never completes, a frame header with reserved
 * bits, a compressed flag without an encoding. The answer is what the server's trailers (or a
 * reset) say. It also records what the server says to the connection: the stream window of each of
 * its SETTINGS, and its PINGs.
 */
public final class RawGrpcStream implements AutoCloseable {
  /** How the server ended the stream: a status (with its ErrorInfo reason, or null), or a reset. */
  public record Answer(Status.Code code, String message, String reason, Long resetCode) {}

  private final EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final CompletableFuture<Answer> answer = new CompletableFuture<>();
  private final CompletableFuture<Void> settled = new CompletableFuture<>();
  private final List<Integer> windowSettings = new CopyOnWriteArrayList<>();
  private final List<Long> pings = new CopyOnWriteArrayList<>();
  private final Channel connection;
  private final Http2StreamChannel stream;

  private RawGrpcStream(int port, String method, Map<String, String> extraHeaders)
      throws InterruptedException {
    connection =
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
                        .addLast(new ConnectionFrames());
                  }
                })
            .connect("127.0.0.1", port)
            .sync()
            .channel();
    stream =
        new Http2StreamChannelBootstrap(connection).handler(new Answers()).open().sync().getNow();
    Http2Headers headers =
        new DefaultHttp2Headers()
            .method("POST")
            .scheme("http")
            .path("/" + method)
            .authority("127.0.0.1:" + port)
            .add("content-type", "application/grpc")
            .add("te", "trailers");
    extraHeaders.forEach(headers::add);
    stream.writeAndFlush(new DefaultHttp2HeadersFrame(headers, false)).sync();
  }

  /** Opens a call to {@code method} (its full name), sending {@code extraHeaders} too. */
  public static RawGrpcStream open(int port, String method, Map<String, String> extraHeaders)
      throws InterruptedException {
    return new RawGrpcStream(port, method, extraHeaders);
  }

  /** A gRPC frame header: the flags byte, then the length the message is said to have. */
  public static ByteBuf frameHeader(int flags, long announcedLength) {
    return Unpooled.buffer(5).writeByte(flags).writeInt((int) announcedLength);
  }

  /** Sends {@code bytes} as one DATA frame, ending the request if {@code last}. */
  public void send(ByteBuf bytes, boolean last) throws InterruptedException {
    stream.writeAndFlush(new DefaultHttp2DataFrame(bytes, last)).sync();
  }

  /**
   * Sends {@code bytes} as DATA without waiting for the server's flow-control window to take them
   * all: for a stream the server may cut off meanwhile (what was not sent then fails unseen).
   */
  @SuppressWarnings("FutureReturnValueIgnored")
  public void sendWithoutWaiting(ByteBuf bytes) {
    stream.writeAndFlush(new DefaultHttp2DataFrame(bytes, false));
  }

  /** How the server ended the call, waiting up to {@code seconds}. */
  public Answer answer(int seconds) throws Exception {
    return answer.get(seconds, TimeUnit.SECONDS);
  }

  /**
   * The SETTINGS_INITIAL_WINDOW_SIZE of every SETTINGS frame from the server so far that sets it,
   * waiting up to 5 s for the server's first SETTINGS.
   */
  public List<Integer> serverWindowSettings() throws Exception {
    settled.get(5, TimeUnit.SECONDS);
    return List.copyOf(windowSettings);
  }

  /** The payload of every PING the server has sent so far (not the acknowledgements). */
  public List<Long> serverPings() {
    return List.copyOf(pings);
  }

  /**
   * The stream window the server grants now, as this client's HTTP/2 codec applies it: the window
   * any new stream starts with.
   */
  public int grantedStreamWindow() throws Exception {
    Http2FrameCodec codec = connection.pipeline().get(Http2FrameCodec.class);
    return connection
        .eventLoop()
        .submit(() -> codec.connection().remote().flowController().initialWindowSize())
        .get(5, TimeUnit.SECONDS);
  }

  /** Whether the server has ended the call yet. */
  public boolean answered() {
    return answer.isDone();
  }

  @Override
  public void close() throws InterruptedException {
    connection.close().sync();
    loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  private final class ConnectionFrames extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object frame) {
      if (frame instanceof Http2SettingsFrame settings) {
        Integer window = settings.settings().initialWindowSize();
        if (window != null) {
          windowSettings.add(window);
        }
        settled.complete(null);
      } else if (frame instanceof Http2PingFrame ping && !ping.ack()) {
        pings.add(ping.content());
      }
      ReferenceCountUtil.release(frame);
    }
  }

  private final class Answers extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object frame) {
      if (frame instanceof Http2HeadersFrame headers && headers.headers().contains("grpc-status")) {
        Http2Headers trailers = headers.headers();
        answer.complete(
            new Answer(
                Status.fromCodeValue(Integer.parseInt(trailers.get("grpc-status").toString()))
                    .getCode(),
                String.valueOf(trailers.get("grpc-message")),
                reason(trailers.get("grpc-status-details-bin")),
                null));
      } else if (frame instanceof Http2ResetFrame reset) {
        answer.complete(new Answer(null, null, null, reset.errorCode()));
      }
      ReferenceCountUtil.release(frame);
    }
  }

  private static String reason(CharSequence details) {
    if (details == null) {
      return null;
    }
    try {
      com.google.rpc.Status status =
          com.google.rpc.Status.parseFrom(Base64.getDecoder().decode(details.toString()));
      for (Any detail : status.getDetailsList()) {
        if (detail.is(ErrorInfo.class)) {
          return detail.unpack(ErrorInfo.class).getReason();
        }
      }
      return null;
    } catch (InvalidProtocolBufferException unreadable) {
      throw new AssertionError("unreadable grpc-status-details-bin", unreadable);
    }
  }
}
