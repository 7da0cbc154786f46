package io.lockctl.cli;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints responses. JSON is the proto JSON mapping with the proto's own field names (as the .proto
 * files and requests spell them) and every field, defaults included. A table shows a list
 * response's items as rows and any other response as one {@code field value} line per field.
 */
final class Output {
  private static final JsonFormat.Printer JSON =
      JsonFormat.printer()
          .usingTypeRegistry(Schema.typeRegistry())
          .preservingProtoFieldNames()
          .includingDefaultValueFields();

  private final OutputFormat format;
  private final PrintWriter out;

  Output(OutputFormat format, PrintWriter out) {
    this.format = format;
    this.out = out;
  }

  /** A whole response. */
  void print(Message response) {
    if (format == OutputFormat.json) {
      out.println(json(response, false));
    } else {
      table(response);
    }
    out.flush();
  }

  /** One message of a stream, on one line, so a reader can act on each as it comes. */
  void printLine(Message message) {
    if (format == OutputFormat.json) {
      out.println(json(message, true));
    } else {
      List<String> pairs = new ArrayList<>();
      Flattened.of(message, false).forEach((field, value) -> pairs.add(field + "=" + value));
      out.println(String.join(" ", pairs));
    }
    out.flush();
  }

  /** Plain text, whatever the format (a PEM block, a message). */
  void printText(String text) {
    out.print(text.endsWith("\n") ? text : text + "\n");
    out.flush();
  }

  static String json(Message message, boolean compact) {
    try {
      return compact ? JSON.omittingInsignificantWhitespace().print(message) : JSON.print(message);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a response that proto JSON cannot print", e);
    }
  }

  private void table(Message response) {
    FieldDescriptor items = listField(response);
    if (items == null) {
      keyValues(Flattened.of(single(response), true));
      return;
    }
    List<Map<String, String>> rows = new ArrayList<>();
    Set<String> columns = new LinkedHashSet<>();
    for (Object item : (List<?>) response.getField(items)) {
      Map<String, String> row = Flattened.of((Message) item, false);
      rows.add(row);
      columns.addAll(row.keySet());
    }
    if (rows.isEmpty()) {
      out.println("(no " + items.getName() + ")");
    } else {
      rowsTable(new ArrayList<>(columns), rows);
    }
    Map<String, String> rest = new LinkedHashMap<>(Flattened.of(response, false));
    rest.keySet().removeIf(key -> key.startsWith(items.getName() + "["));
    keyValues(rest);
  }

  /** The response's repeated message field, when it is a list response. */
  private static FieldDescriptor listField(Message response) {
    for (FieldDescriptor field : response.getDescriptorForType().getFields()) {
      if (field.isRepeated()
          && !field.isMapField()
          && field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        return field;
      }
    }
    return null;
  }

  /** A response that only wraps one message ({@code GetSnapshotResponse{snapshot}}) shows it. */
  private static Message single(Message response) {
    List<FieldDescriptor> fields = response.getDescriptorForType().getFields();
    if (fields.size() == 1
        && fields.get(0).getJavaType() == FieldDescriptor.JavaType.MESSAGE
        && !fields.get(0).isRepeated()
        && response.hasField(fields.get(0))) {
      return (Message) response.getField(fields.get(0));
    }
    return response;
  }

  private void keyValues(Map<String, String> cells) {
    int width = cells.keySet().stream().mapToInt(String::length).max().orElse(0);
    cells.forEach((field, value) -> out.println(pad(field, width) + "  " + value));
  }

  private void rowsTable(List<String> columns, List<Map<String, String>> rows) {
    int[] widths = new int[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      widths[c] = columns.get(c).length();
      for (Map<String, String> row : rows) {
        widths[c] = Math.max(widths[c], row.getOrDefault(columns.get(c), "").length());
      }
    }
    out.println(line(columns, widths));
    for (Map<String, String> row : rows) {
      List<String> cells = new ArrayList<>();
      for (String column : columns) {
        cells.add(row.getOrDefault(column, ""));
      }
      out.println(line(cells, widths));
    }
  }

  private static String line(List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      line.append(c == cells.size() - 1 ? cells.get(c) : pad(cells.get(c), widths[c]) + "  ");
    }
    return line.toString();
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }
}
