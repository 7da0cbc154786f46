package io.lockctl.server.rpc;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import io.lockctl.core.paging.Page;
import io.lockctl.server.ServerConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Keeps a list response within what a client receives ({@code --max-response-bytes}, by default
 * gRPC clients' own 4 MiB limit): a page stops at its page size or at the item that would pass the
 * limit, whichever comes first, and its token then goes on from there. A caller learns the end of a
 * list only from an empty token, never from a short page.
 */
@Singleton
public final class ResponseCap {
  /** Room for the page token and the response's other fields. */
  private static final int RESERVED_BYTES = 8 << 10;

  private final int maxResponseBytes;

  @Inject
  ResponseCap(ServerConfig config) {
    this(config.limits().maxResponseBytes());
  }

  ResponseCap(int maxResponseBytes) {
    this.maxResponseBytes = maxResponseBytes;
  }

  /** What goes in one response: the items as protos and the token to go on after them. */
  public record Capped<P>(List<P> items, String nextPageToken) {}

  /** The items of {@code page} that fit, each made by {@code toProto}, at least one. */
  public <T, P extends Message> Capped<P> fit(Page<T> page, Function<T, P> toProto) {
    List<P> protos = new ArrayList<>();
    long bytes = RESERVED_BYTES;
    for (T item : page.items()) {
      P proto = toProto.apply(item);
      // the repeated field's tag (at most 2 bytes for fields below 2048) and length prefix
      bytes += 2 + CodedOutputStream.computeUInt32SizeNoTag(proto.getSerializedSize());
      bytes += proto.getSerializedSize();
      if (bytes > maxResponseBytes && !protos.isEmpty()) {
        return new Capped<>(protos, page.firstItems(protos.size()).nextPageToken());
      }
      protos.add(proto);
    }
    return new Capped<>(protos, page.nextPageToken());
  }
}
