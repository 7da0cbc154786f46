package io.lockctl.server.storage;

import static io.lockctl.server.testing.Requests.REGION;
import static io.lockctl.server.testing.Requests.register;
import static io.lockctl.server.testing.Requests.snapshotId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockctl.client.LockctlClient;
import io.lockctl.server.DaggerServerComponent;
import io.lockctl.server.LockctlServer;
import io.lockctl.server.ServerConfig;
import io.lockctl.server.testing.CapturedLog;
import io.lockctl.server.testing.TestPostgres;
import io.lockctl.v1.GetSnapshotRequest;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL ends the server's sessions: the write batch that meets the dead connection fails as
 * UNAVAILABLE, and the Java client, whose mutating calls carry a client token, retries it on a new
 * connection without the caller seeing a failure, and the write is applied once.
 */
class ClientRetryOnStoreLossTest {
  @TempDir Path dataDir;

  private final String sessions = "lockctl_retry_" + randomHex();
  private final CapturedLog quiet = CapturedLog.of("io.lockctl");
  private LockctlServer server;
  private LockctlClient client;

  @AfterEach
  void tearDown() throws Exception {
    try {
      if (client != null) {
        client.close();
      }
      if (server != null) {
        server.stop(Duration.ofSeconds(5));
      }
    } finally {
      quiet.close();
    }
  }

  @Test
  void aWriteThatMetALostConnectionIsRetriedByTheClient() throws Exception {
    String url = TestPostgres.newSchemaUrl() + "&ApplicationName=" + sessions;
    server =
        DaggerServerComponent.factory()
            .create(new ServerConfig("127.0.0.1", 0, dataDir, Duration.ofSeconds(5), url))
            .server();
    int port = server.start();
    client =
        LockctlClient.builder()
            .target("127.0.0.1:" + port)
            .defaultDeadline(Duration.ofSeconds(10))
            .build();
    client.registerSnapshot(register(snapshotId(1)).build());

    terminateSessions(url);
    client.registerSnapshot(register(snapshotId(2)).build());

    assertEquals(
        snapshotId(2),
        client
            .getSnapshot(
                GetSnapshotRequest.newBuilder()
                    .setRegionId(REGION)
                    .setSnapshotId(snapshotId(2))
                    .build())
            .getSnapshot()
            .getSnapshotId());
    assertTrue(
        quiet.messages(Level.SEVERE).contains("a write batch failed; nothing of it was committed"),
        () -> "the server never met the lost connection: " + quiet.messages(Level.SEVERE));
  }

  private void terminateSessions(String url) throws Exception {
    try (Connection admin = DriverManager.getConnection(url);
        PreparedStatement terminate =
            admin.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE application_name = ? AND pid <> pg_backend_pid()")) {
      terminate.setString(1, sessions);
      terminate.executeQuery().close();
    }
  }

  private static String randomHex() {
    byte[] random = new byte[6];
    new SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
