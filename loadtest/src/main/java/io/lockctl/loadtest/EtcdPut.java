package io.lockctl.loadtest;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * etcd's {@code etcdserverpb.KV/Put}, the peer that lockctl's durable writes are measured against,
 * without etcd's generated code: a PutRequest is two bytes fields (key = 1, value = 2), written
 * here with protobuf's own encoder, and the response is received as bytes and not decoded.
 */
final class EtcdPut {

  static final MethodDescriptor<byte[], byte[]> METHOD =
      MethodDescriptor.<byte[], byte[]>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName("etcdserverpb.KV/Put")
          .setRequestMarshaller(new Bytes())
          .setResponseMarshaller(new Bytes())
          .build();

  /** What lockctl stores for a lock is about this size: the value is not what is measured. */
  private static final ByteString VALUE = ByteString.copyFrom(new byte[64]);

  private static final int KEY_FIELD = 1;
  private static final int VALUE_FIELD = 2;

  private EtcdPut() {}

  /** A PutRequest of {@code key} to a 64-byte value. */
  static byte[] request(String key) {
    ByteString keyBytes = ByteString.copyFrom(key, StandardCharsets.UTF_8);
    byte[] request =
        new byte
            [CodedOutputStream.computeBytesSize(KEY_FIELD, keyBytes)
                + CodedOutputStream.computeBytesSize(VALUE_FIELD, VALUE)];
    CodedOutputStream out = CodedOutputStream.newInstance(request);
    try {
      out.writeBytes(KEY_FIELD, keyBytes);
      out.writeBytes(VALUE_FIELD, VALUE);
      out.checkNoSpaceLeft();
    } catch (IOException cannotHappen) {
      throw new UncheckedIOException(cannotHappen);
    }
    return request;
  }

  private static final class Bytes implements MethodDescriptor.Marshaller<byte[]> {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
