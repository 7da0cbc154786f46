package io.lockctl.server.rpc;

import io.grpc.Codec;
import io.grpc.Decompressor;
import io.grpc.DecompressorRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * gzip as grpc-java's own decompressor does it, except that a message whose gzip header is bad
 * fails at its first read rather than in {@link #decompress}. grpc-java calls {@code decompress} in
 * its transport, and answers a failure there UNKNOWN before any lockctl code sees the call; a
 * failing read reaches the {@link RequestGate}, which answers INVALID_ARGUMENT / INVALID_PARAMETER.
 */
public final class LazyGzip implements Decompressor {
  /** identity and this gzip, which the server advertises in grpc-accept-encoding. */
  public static final DecompressorRegistry REGISTRY =
      DecompressorRegistry.emptyInstance()
          .with(Codec.Identity.NONE, false)
          .with(new LazyGzip(), true);

  private LazyGzip() {}

  @Override
  public String getMessageEncoding() {
    return "gzip";
  }

  @Override
  public InputStream decompress(InputStream compressed) {
    return new InputStream() {
      private InputStream gzip;

      private InputStream gzip() throws IOException {
        if (gzip == null) {
          gzip = new GZIPInputStream(compressed);
        }
        return gzip;
      }

      @Override
      public int read() throws IOException {
        return gzip().read();
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        return gzip().read(buffer, offset, length);
      }

      @Override
      public void close() throws IOException {
        if (gzip != null) {
          gzip.close();
        }
        compressed.close();
      }
    };
  }
}
