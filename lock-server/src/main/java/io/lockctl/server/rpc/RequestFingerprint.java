package io.lockctl.server.rpc;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
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
    Message message = withoutTokenAndDryRun(request);
    byte[] bytes = new byte[message.getSerializedSize()];
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    out.useDeterministicSerialization();
    try {
      message.writeTo(out);
    } catch (IOException impossible) {
      throw new UncheckedIOException("writing to memory failed", impossible);
    }
    out.checkNoSpaceLeft();
    return sha256(bytes);
  }

  /** The request itself when neither field is set, as in most calls: no copy to clear them. */
  private static Message withoutTokenAndDryRun(Message request) {
    FieldDescriptor token = request.getDescriptorForType().findFieldByName(CLIENT_TOKEN);
    FieldDescriptor dryRun = request.getDescriptorForType().findFieldByName(DRY_RUN);
    if (!isSet(request, token) && !isSet(request, dryRun)) {
      return request;
    }
    Message.Builder stripped = request.toBuilder();
    if (token != null) {
      stripped.clearField(token);
    }
    if (dryRun != null) {
      stripped.clearField(dryRun);
    }
    return stripped.build();
  }

  private static boolean isSet(Message request, FieldDescriptor field) {
    return field != null && request.hasField(field);
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every JDK has SHA-256", impossible);
    }
  }
}
