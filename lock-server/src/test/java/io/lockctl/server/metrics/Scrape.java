package io.lockctl.server.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The samples of one Prometheus text exposition, read the way a scraper reads them. */
record Scrape(String text, List<Sample> samples) {
  private static final Pattern LINE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)(?: \\d+)?$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  record Sample(String name, Map<String, String> labels, double value) {}

  static Scrape parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Matcher sample = LINE.matcher(line);
      if (!sample.matches()) {
        throw new AssertionError("not a sample line: " + line);
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (sample.group(2) != null) {
        Matcher label = LABEL.matcher(sample.group(2));
        while (label.find()) {
          labels.put(label.group(1), label.group(2));
        }
      }
      samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
    }
    return new Scrape(text, List.copyOf(samples));
  }

  /** The value of the one sample named {@code name} whose labels include {@code labels}. */
  OptionalDouble value(String name, Map<String, String> labels) {
    List<Sample> matching =
        samples.stream()
            .filter(s -> s.name().equals(name))
            .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
            .toList();
    if (matching.size() > 1) {
      throw new AssertionError(matching.size() + " samples of " + name + " match " + labels);
    }
    return matching.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(matching.get(0).value());
  }

  /** Like {@link #value}; fails, showing the exposition, when there is no such sample. */
  double require(String name, Map<String, String> labels) {
    return value(name, labels)
        .orElseThrow(() -> new AssertionError("no sample " + name + labels + " in:\n" + text));
  }

  long count(String name) {
    return samples.stream().filter(s -> s.name().equals(name)).count();
  }
}
