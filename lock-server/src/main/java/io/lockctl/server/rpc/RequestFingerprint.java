package io.lockctl.server.rpc;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The digest that tells a replay of a mutating request from a different request under the same
 * client token: SHA-256 of the request's deterministic serialization (map entries in key order)
 * without {@code client_token} and {@code dry_run}, which do not change what the call does.
 */
public final class RequestFingerprint {
  private static final String CLIENT_TOKEN = "client_token";
  private static final String DRY_RUN = "dry_run";

  private RequestFingerprint() {}

  public static byte[] of(Message request) {
    Message.Builder stripped = request.toBuilder();
    clear(stripped, CLIENT_TOKEN);
    clear(stripped, DRY_RUN);
    Message message = stripped.build();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(message.getSerializedSize());
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    out.useDeterministicSerialization();
    try {
      message.writeTo(out);
      out.flush();
    } catch (IOException impossible) {
      throw new UncheckedIOException("writing to memory failed", impossible);
    }
    return sha256(bytes.toByteArray());
  }

  private static void clear(Message.Builder builder, String fieldName) {
    FieldDescriptor field = builder.getDescriptorForType().findFieldByName(fieldName);
    if (field != null) {
      builder.clearField(field);
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every JDK has SHA-256", impossible);
    }
  }
}
