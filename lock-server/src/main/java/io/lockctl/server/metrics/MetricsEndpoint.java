package io.lockctl.server.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.lockctl.server.ServerConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code GET /metrics} in the Prometheus text format, on its own plain-HTTP port ({@code
 * --metrics-port}), off unless configured. The JDK's HTTP server on one thread: a scrape is small
 * and rare.
 */
@Singleton
public final class MetricsEndpoint {
  static final String PATH = "/metrics";
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private static final Logger LOG = Logger.getLogger(MetricsEndpoint.class.getName());

  private final ServerConfig.MetricsAddress address;
  private final LockctlMetrics metrics;
  private HttpServer server;
  private ExecutorService thread;

  @Inject
  MetricsEndpoint(ServerConfig config, LockctlMetrics metrics) {
    this.address = config.metrics();
    this.metrics = metrics;
  }

  /** Starts serving if configured; returns the bound port, or -1 when metrics are off. */
  public synchronized int start() throws IOException {
    if (address == null) {
      return -1;
    }
    server = HttpServer.create(new InetSocketAddress(address.host(), address.port()), 0);
    server.createContext(PATH, this::answer);
    thread =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread t = new Thread(runnable, "lockctl-metrics");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(thread);
    server.start();
    int port = server.getAddress().getPort();
    LOG.info(() -> "metrics on http://" + address.host() + ":" + port + PATH);
    return port;
  }

  public synchronized void stop() {
    if (server != null) {
      server.stop(0);
      thread.shutdownNow();
      server = null;
    }
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET")
          && !exchange.getRequestMethod().equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      if (!exchange.getRequestURI().getPath().equals(PATH)) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      byte[] body;
      try {
        body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
      } catch (RuntimeException failed) { // e.g. the store is unreachable for the lock census
        LOG.log(Level.WARNING, "a metrics scrape failed", failed);
        exchange.sendResponseHeaders(503, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      if (exchange.getRequestMethod().equals("HEAD")) {
        exchange.sendResponseHeaders(200, -1);
        return;
      }
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
