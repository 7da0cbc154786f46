package io.lockctl.cli;

import io.grpc.CallCredentials;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ChannelCredentials;
import io.grpc.ClientInterceptors;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.MetadataUtils;
import io.lockctl.client.BearerTokenCredentials;
import io.lockctl.client.LockctlClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The channel and call options that the connection flags describe; closed after the command. */
final class Connection implements AutoCloseable {
  private final ManagedChannel managed;
  private final Channel channel;
  private final CallCredentials credentials;
  private final long timeoutSeconds;

  private Connection(
      ManagedChannel managed, Channel channel, CallCredentials credentials, long timeoutSeconds) {
    this.managed = managed;
    this.channel = channel;
    this.credentials = credentials;
    this.timeoutSeconds = timeoutSeconds;
  }

  /** Opens the connection {@code flags} describe; contradictory flags are a usage error. */
  static Connection open(Lockctl flags, CommandSpec spec) {
    boolean tls = flags.tls || flags.tlsCa != null || flags.tlsCert != null;
    if ((flags.tlsCert == null) != (flags.tlsKey == null)) {
      throw new ParameterException(spec.commandLine(), "--tls-cert and --tls-key go together");
    }
    if (flags.token != null && flags.tokenFile != null) {
      throw new ParameterException(spec.commandLine(), "give --token or --token-file, not both");
    }
    CallCredentials credentials = null;
    if (flags.token != null) {
      String token = flags.token;
      credentials = new BearerTokenCredentials(() -> token);
    } else if (flags.tokenFile != null) {
      credentials = BearerTokenCredentials.fromFile(flags.tokenFile);
    }
    if (credentials != null && !tls) {
      throw new ParameterException(
          spec.commandLine(),
          "a bearer token is sent only over TLS: add --tls-ca FILE (or --tls for the system's CAs)");
    }
    if (flags.timeoutSeconds <= 0) {
      throw new ParameterException(spec.commandLine(), "--timeout must be a positive number");
    }
    ManagedChannel managed =
        Grpc.newChannelBuilder(flags.target, channelCredentials(tls, flags)).build();
    Channel channel = managed;
    if (flags.caller != null) {
      Metadata headers = new Metadata();
      headers.put(LockctlClient.CALLER_HEADER, flags.caller);
      channel =
          ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
    }
    return new Connection(managed, channel, credentials, flags.timeoutSeconds);
  }

  Channel channel() {
    return channel;
  }

  /** Options for a unary call: the deadline and the credentials. */
  CallOptions unary() {
    return streaming().withDeadlineAfter(timeoutSeconds, TimeUnit.SECONDS);
  }

  /** Options for a stream that runs until stopped: the credentials only. */
  CallOptions streaming() {
    return credentials == null
        ? CallOptions.DEFAULT
        : CallOptions.DEFAULT.withCallCredentials(credentials);
  }

  @Override
  public void close() {
    managed.shutdownNow();
    try {
      managed.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ChannelCredentials channelCredentials(boolean tls, Lockctl flags) {
    if (!tls) {
      return InsecureChannelCredentials.create();
    }
    TlsChannelCredentials.Builder builder = TlsChannelCredentials.newBuilder();
    try {
      if (flags.tlsCa != null) {
        builder.trustManager(readable(flags.tlsCa).toFile());
      }
      if (flags.tlsCert != null) {
        builder.keyManager(readable(flags.tlsCert).toFile(), readable(flags.tlsKey).toFile());
      }
    } catch (IOException | IllegalArgumentException unusable) {
      throw new UncheckedIOException(
          new IOException("cannot use the TLS files: " + unusable.getMessage(), unusable));
    }
    return builder.build();
  }

  private static Path readable(Path file) throws IOException {
    if (!file.toFile().canRead()) {
      throw new IOException("cannot read " + file);
    }
    return file;
  }
}
