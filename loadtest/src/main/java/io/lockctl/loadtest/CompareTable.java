package io.lockctl.loadtest;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/** The results of a {@code compare} run as a Markdown table, one row per RPC. */
final class CompareTable {

  private CompareTable() {}

  static String markdown(List<RpcComparison> rows) {
    StringBuilder table =
        new StringBuilder()
            .append(
                "| RPC | no-op max (calls/s) | lockctl max (calls/s) | ratio | ratio from CPU per call ")
            .append("| open-loop rate (calls/s) ")
            .append("| no-op p99 (ms) | lockctl p99 (ms) | lockctl errors ")
            .append(
                "| server CPU us/call, no-op / lockctl | load generator CPU us/call, no-op / lockctl |\n")
            .append("|---|---:|---:|---|---:|---:|---:|---|---|---:|---:|\n");
    for (RpcComparison row : rows) {
      table.append(
          String.format(
              Locale.ROOT,
              "| %s | %.0f | %.0f | %s | %s | %d | %.2f | %.2f (target %.0f: %s) | %s | %s / %s | %.0f / %.0f |%n",
              row.rpc(),
              row.noopMax().report().throughput(),
              row.lockctlMax().report().throughput(),
              ratio(row),
              row.cpuRatio().map(r -> String.format(Locale.ROOT, "%.2f", r)).orElse("n/a"),
              row.rate(),
              row.noopAtRate().report().p99Ms(),
              row.lockctlAtRate().report().p99Ms(),
              RpcComparison.P99_TARGET_MS,
              verdict(row.latencyMet()),
              errors(row),
              micros(row.noopMax()),
              micros(row.lockctlMax()),
              row.noopMax().clientMicrosPerCall(),
              row.lockctlMax().clientMicrosPerCall()));
    }
    return table.toString();
  }

  /** The median ratio and its verdict, then every round's ratio in the order they ran. */
  private static String ratio(RpcComparison row) {
    String median =
        String.format(
            Locale.ROOT,
            "%.2f (target %.1f: %s)",
            row.ratio(),
            row.throughputTarget(),
            verdict(row.throughputMet()));
    if (row.rounds().size() == 1) {
      return median;
    }
    StringJoiner rounds = new StringJoiner(" / ", " rounds ", "");
    row.rounds().forEach(round -> rounds.add(String.format(Locale.ROOT, "%.2f", round.ratio())));
    return median + rounds;
  }

  /** The server's CPU per call at its maximum; "n/a" for a server compare did not start. */
  private static String micros(Point point) {
    return point
        .serverMicrosPerCall()
        .map(us -> String.format(Locale.ROOT, "%.0f", us))
        .orElse("n/a");
  }

  private static String verdict(boolean met) {
    return met ? "met" : "MISSED";
  }

  private static String errors(RpcComparison row) {
    if (row.lockctlErrors() == 0) {
      return "none";
    }
    Map<String, Long> byCode = new TreeMap<>(row.lockctlMax().report().errors());
    row.lockctlAtRate().report().errors().forEach((code, n) -> byCode.merge(code, n, Long::sum));
    StringJoiner text = new StringJoiner(", ");
    byCode.forEach((code, n) -> text.add(code + "=" + n));
    return text.toString();
  }
}
