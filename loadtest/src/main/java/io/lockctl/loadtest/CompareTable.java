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
    StringBuilder table = new StringBuilder()
        .append("| RPC | no-op max (calls/s) | lockctl max (calls/s) | ratio | open-loop rate (calls/s) ")
        .append("| no-op p99 (ms) | lockctl p99 (ms) | lockctl errors |\n")
        .append("|---|---:|---:|---|---:|---:|---|---|\n");
    for (RpcComparison row : rows) {
      table.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.2f (target %.1f: %s) | %d | %.2f | %.2f (target %.0f: %s) | %s |%n",
          row.rpc(),
          row.noopMax().throughput(),
          row.lockctlMax().throughput(),
          row.ratio(), row.throughputTarget(), verdict(row.throughputMet()),
          row.rate(),
          row.noopAtRate().p99Ms(),
          row.lockctlAtRate().p99Ms(), RpcComparison.P99_TARGET_MS, verdict(row.latencyMet()),
          errors(row)));
    }
    return table.toString();
  }

  private static String verdict(boolean met) {
    return met ? "met" : "MISSED";
  }

  private static String errors(RpcComparison row) {
    if (row.lockctlErrors() == 0) {
      return "none";
    }
    Map<String, Long> byCode = new TreeMap<>(row.lockctlMax().errors());
    row.lockctlAtRate().errors().forEach((code, n) -> byCode.merge(code, n, Long::sum));
    StringJoiner text = new StringJoiner(", ");
    byCode.forEach((code, n) -> text.add(code + "=" + n));
    return text.toString();
  }
}
