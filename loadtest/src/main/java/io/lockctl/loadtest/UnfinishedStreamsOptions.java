package io.lockctl.loadtest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code unfinished-streams [--server-jar JAR] [--streams 3000] [--connections 30] [--message-bytes
 * 1048576] [--sent-bytes 1048575] [--hold 20s] [--headers-first] [--server-jvm "-Xmx1g ..."]
 * [--server-flags "--max-inflight-request-bytes 128MiB ..."] [--warm-up-rounds 0]}.
 *
 * @param messageBytes what each stream's gRPC frame header announces
 * @param sentBytes how much of that body each stream sends; the rest never comes
 * @param hold how long the streams stay open, unfinished, after the last one was opened
 * @param headersFirst open every stream (HEADERS only) before any sends its body, so that all are
 *     admitted while no request bytes are held yet; otherwise each stream sends its body at once
 * @param serverJvm extra java options for the server's JVM (split at spaces)
 * @param serverFlags extra lockctl flags (split at spaces)
 * @param warmUpRounds unmeasured rounds of the same streams (opened, held 2 s, dropped) before the
 *     measured one, so that the server meets the flood with its code paths compiled, as a server
 *     that has been running would; 0 measures a server that has answered one health check only
 */
record UnfinishedStreamsOptions(
    Path serverJar,
    Path workDir,
    int streams,
    int connections,
    int messageBytes,
    int sentBytes,
    Duration hold,
    boolean headersFirst,
    List<String> serverJvm,
    List<String> serverFlags,
    int warmUpRounds) {

  static final String USAGE =
      "unfinished-streams [--server-jar JAR] [--streams 3000] [--connections 30]"
          + " [--message-bytes 1048576] [--sent-bytes 1048575] [--hold 20s] [--headers-first]"
          + " [--server-jvm OPTS] [--server-flags FLAGS] [--warm-up-rounds 0]";

  static UnfinishedStreamsOptions parse(List<String> args) {
    Args a =
        Args.parse(
            args,
            Set.of(
                "server-jar",
                "streams",
                "connections",
                "message-bytes",
                "sent-bytes",
                "hold",
                "server-jvm",
                "server-flags",
                "warm-up-rounds"),
            Set.of("headers-first"));
    int messageBytes = a.intValue("message-bytes", 1, 1 << 20);
    int sentBytes = a.intValue("sent-bytes", 0, messageBytes - 1);
    if (sentBytes >= messageBytes) {
      throw new UsageException(
          "--sent-bytes must be less than --message-bytes: the body never ends");
    }
    Path toolDir = CompareOptions.toolDirectory();
    return new UnfinishedStreamsOptions(
        a.has("server-jar")
            ? Path.of(a.string("server-jar"))
            : CompareOptions.defaultServerJar(toolDir),
        toolDir.resolve("unfinished-streams-" + System.currentTimeMillis()),
        a.intValue("streams", 1, 3000),
        a.intValue("connections", 1, 30),
        messageBytes,
        sentBytes,
        a.duration("hold", Duration.ofSeconds(20)),
        a.flag("headers-first"),
        words(a.string("server-jvm", "")),
        words(a.string("server-flags", "")),
        a.intValue("warm-up-rounds", 0, 0));
  }

  private static List<String> words(String text) {
    return Arrays.stream(text.trim().split("\\s+")).filter(word -> !word.isEmpty()).toList();
  }
}
