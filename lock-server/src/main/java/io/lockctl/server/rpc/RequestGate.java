package io.lockctl.server.rpc;

import io.grpc.Attributes;
import io.grpc.Grpc;
import io.grpc.KnownLength;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.SecurityLevel;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import io.lockctl.server.auth.RateLimitedLog;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Reads every request message before the service sees it, so that bytes the service could not use
 * get an answer with a reason: a message larger than the limit is RESOURCE_EXHAUSTED /
 * REQUEST_TOO_LARGE, one that does not parse as the method's request is INVALID_ARGUMENT /
 * INVALID_PARAMETER. Without this, gRPC reports a parse failure as UNKNOWN "Application error
 * processing RPC" and logs its stack trace, which any caller can cause at will.
 *
 * <p>Each refusal is logged as one line, at most once an interval per method and kind.
 */
public final class RequestGate {
  private static final Logger LOG = Logger.getLogger(RequestGate.class.getName());

  private final int maxRequestBytes;
  private final RateLimitedLog refusals;

  /**
   * Requests of up to {@code maxRequestBytes} bytes (uncompressed) are handed to the service;
   * refusals are logged at most once per {@code logInterval} for each method and kind.
   */
  public RequestGate(int maxRequestBytes, Duration logInterval) {
    this.maxRequestBytes = maxRequestBytes;
    this.refusals = new RateLimitedLog(LOG, logInterval);
  }

  /** {@code service} with every method's requests read through this gate. */
  public ServerServiceDefinition guard(ServerServiceDefinition service) {
    ServiceDescriptor original = service.getServiceDescriptor();
    ServiceDescriptor.Builder descriptor =
        ServiceDescriptor.newBuilder(original.getName())
            .setSchemaDescriptor(original.getSchemaDescriptor());
    List<ServerMethodDefinition<?, ?>> methods = new ArrayList<>();
    for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
      ServerMethodDefinition<?, ?> gated = guardMethod(method);
      descriptor.addMethod(gated.getMethodDescriptor());
      methods.add(gated);
    }
    ServerServiceDefinition.Builder guarded = ServerServiceDefinition.builder(descriptor.build());
    methods.forEach(guarded::addMethod);
    return guarded.build();
  }

  private <ReqT, RespT> ServerMethodDefinition<Arrival<ReqT>, RespT> guardMethod(
      ServerMethodDefinition<ReqT, RespT> method) {
    MethodDescriptor<ReqT, RespT> original = method.getMethodDescriptor();
    MethodDescriptor<Arrival<ReqT>, RespT> gated =
        original.toBuilder(
                new GatedMarshaller<>(original.getRequestMarshaller()),
                original.getResponseMarshaller())
            .build();
    return ServerMethodDefinition.create(
        gated, new GatedHandler<>(original, method.getServerCallHandler()));
  }

  /** A request as read off the wire: the parsed message, or why there is none. */
  private record Arrival<ReqT>(ReqT message, Rejection refusal, String kind) {}

  private final class GatedMarshaller<ReqT> implements MethodDescriptor.Marshaller<Arrival<ReqT>> {
    private final MethodDescriptor.Marshaller<ReqT> requests;

    GatedMarshaller(MethodDescriptor.Marshaller<ReqT> requests) {
      this.requests = requests;
    }

    @Override
    public InputStream stream(Arrival<ReqT> value) {
      return requests.stream(value.message());
    }

    @Override
    public Arrival<ReqT> parse(InputStream stream) {
      byte[] bytes;
      try {
        bytes = readUpToLimitAndOne(stream);
      } catch (IOException | RuntimeException unreadable) {
        // a compressed message that does not decompress, or one over the transport's own limit
        return malformed();
      }
      if (bytes.length > maxRequestBytes) {
        return new Arrival<>(
            null,
            Rejection.of(
                Reason.REQUEST_TOO_LARGE,
                "the request is larger than the " + maxRequestBytes + " bytes this server accepts",
                Map.of("max_request_bytes", Integer.toString(maxRequestBytes))),
            "too large");
      }
      try {
        return new Arrival<>(requests.parse(new KnownLengthBytes(bytes)), null, null);
      } catch (RuntimeException unparseable) {
        return malformed();
      }
    }

    /**
     * At most {@code maxRequestBytes + 1} bytes, enough to tell a message over the limit. An
     * uncompressed message's stream knows its length, and is read into one array of that length:
     * {@code readNBytes} of the limit would read it through an 8 KiB buffer and copy it.
     */
    private byte[] readUpToLimitAndOne(InputStream stream) throws IOException {
      int wanted = maxRequestBytes + 1;
      if (stream instanceof KnownLength) {
        wanted = Math.min(wanted, stream.available());
      }
      return stream.readNBytes(wanted);
    }

    private Arrival<ReqT> malformed() {
      return new Arrival<>(
          null,
          Rejection.of(
              Reason.INVALID_PARAMETER, "the request bytes are not a valid request message"),
          "malformed");
    }
  }

  /** Lets gRPC's protobuf marshaller take its fast path for a buffer of known length. */
  private static final class KnownLengthBytes extends ByteArrayInputStream implements KnownLength {
    KnownLengthBytes(byte[] bytes) {
      super(bytes);
    }
  }

  private final class GatedHandler<ReqT, RespT> implements ServerCallHandler<Arrival<ReqT>, RespT> {
    private final MethodDescriptor<ReqT, RespT> method;
    private final ServerCallHandler<ReqT, RespT> next;

    GatedHandler(MethodDescriptor<ReqT, RespT> method, ServerCallHandler<ReqT, RespT> next) {
      this.method = method;
      this.next = next;
    }

    @Override
    public ServerCall.Listener<Arrival<ReqT>> startCall(
        ServerCall<Arrival<ReqT>, RespT> call, Metadata headers) {
      OnceClosedCall<ReqT, RespT> inner = new OnceClosedCall<>(call, method);
      ServerCall.Listener<ReqT> listener = next.startCall(inner, headers);
      return new ServerCall.Listener<>() {
        private boolean refused;

        @Override
        public void onMessage(Arrival<ReqT> arrival) {
          if (refused) {
            return;
          }
          if (arrival.refusal() == null) {
            listener.onMessage(arrival.message());
            return;
          }
          refused = true;
          refusals.warn(
              method.getFullMethodName() + " " + arrival.kind(),
              "refused "
                  + method.getFullMethodName()
                  + " from "
                  + call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR)
                  + ": "
                  + arrival.refusal().message());
          StatusRuntimeException status = StatusErrors.toStatus(arrival.refusal());
          inner.close(status.getStatus(), status.getTrailers());
        }

        @Override
        public void onHalfClose() {
          // a refused call is answered already; the service must not see a request-less call
          if (!refused) {
            listener.onHalfClose();
          }
        }

        @Override
        public void onCancel() {
          listener.onCancel();
        }

        @Override
        public void onComplete() {
          listener.onComplete();
        }

        @Override
        public void onReady() {
          listener.onReady();
        }
      };
    }
  }

  /**
   * The call as the service sees it, with its own method descriptor; it closes once, whoever closes
   * it first (the gate refusing a later message, or the service answering).
   */
  private static final class OnceClosedCall<ReqT, RespT> extends ServerCall<ReqT, RespT> {
    private final ServerCall<Arrival<ReqT>, RespT> call;
    private final MethodDescriptor<ReqT, RespT> method;
    private boolean closed;

    OnceClosedCall(ServerCall<Arrival<ReqT>, RespT> call, MethodDescriptor<ReqT, RespT> method) {
      this.call = call;
      this.method = method;
    }

    @Override
    public void request(int numMessages) {
      call.request(numMessages);
    }

    @Override
    public void sendHeaders(Metadata headers) {
      call.sendHeaders(headers);
    }

    @Override
    public void sendMessage(RespT message) {
      call.sendMessage(message);
    }

    @Override
    public boolean isReady() {
      return call.isReady();
    }

    @Override
    public void close(Status status, Metadata trailers) {
      synchronized (this) {
        if (closed) {
          return;
        }
        closed = true;
      }
      call.close(status, trailers);
    }

    @Override
    public boolean isCancelled() {
      return call.isCancelled();
    }

    @Override
    public void setMessageCompression(boolean enabled) {
      call.setMessageCompression(enabled);
    }

    @Override
    public void setCompression(String compressor) {
      call.setCompression(compressor);
    }

    @Override
    public void setOnReadyThreshold(int numBytes) {
      call.setOnReadyThreshold(numBytes);
    }

    @Override
    public SecurityLevel getSecurityLevel() {
      return call.getSecurityLevel();
    }

    @Override
    public Attributes getAttributes() {
      return call.getAttributes();
    }

    @Override
    public String getAuthority() {
      return call.getAuthority();
    }

    @Override
    public MethodDescriptor<ReqT, RespT> getMethodDescriptor() {
      return method;
    }
  }
}
