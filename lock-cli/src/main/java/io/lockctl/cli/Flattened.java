package io.lockctl.cli;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Duration;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A message as dotted field paths and printable values ({@code lock.lock_status = COMPLIANCE}), in
 * field order: the cells of the table output. Timestamps print as RFC 3339, durations as seconds,
 * bytes as base64, enums by name.
 */
final class Flattened {
  private Flattened() {}

  /**
   * The fields of {@code message}; with {@code withDefaults}, its own scalar fields even when they
   * hold the default (so {@code ok: false} is shown), nested ones only when set.
   */
  static Map<String, String> of(Message message, boolean withDefaults) {
    Map<String, String> cells = new LinkedHashMap<>();
    add(cells, "", message, withDefaults);
    return cells;
  }

  private static void add(Map<String, String> cells, String prefix, Message message, boolean all) {
    for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
      String name = prefix + field.getName();
      if (field.isMapField()) {
        for (Object entry : (List<?>) message.getField(field)) {
          Message pair = (Message) entry;
          FieldDescriptor key = pair.getDescriptorForType().findFieldByName("key");
          FieldDescriptor value = pair.getDescriptorForType().findFieldByName("value");
          cells.put(name + "." + pair.getField(key), scalar(value, pair.getField(value)));
        }
      } else if (field.isRepeated()) {
        List<?> values = (List<?>) message.getField(field);
        if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !isWellKnown(field)) {
          for (int i = 0; i < values.size(); i++) {
            add(cells, name + "[" + i + "].", (Message) values.get(i), false);
          }
        } else if (!values.isEmpty()) {
          List<String> printed = new ArrayList<>();
          for (Object value : values) {
            printed.add(scalar(field, value));
          }
          cells.put(name, String.join(",", printed));
        }
      } else if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        if (message.hasField(field)) {
          if (isWellKnown(field)) {
            cells.put(name, scalar(field, message.getField(field)));
          } else {
            add(cells, name + ".", (Message) message.getField(field), false);
          }
        }
      } else if (all || message.hasField(field)) {
        cells.put(name, scalar(field, message.getField(field)));
      }
    }
  }

  private static boolean isWellKnown(FieldDescriptor field) {
    String type = field.getMessageType().getFullName();
    return type.equals(Timestamp.getDescriptor().getFullName())
        || type.equals(Duration.getDescriptor().getFullName());
  }

  private static String scalar(FieldDescriptor field, Object value) {
    return switch (field.getJavaType()) {
      case ENUM -> ((EnumValueDescriptor) value).getName();
      case BYTE_STRING -> Base64.getEncoder().encodeToString(((ByteString) value).toByteArray());
      case MESSAGE -> wellKnown((Message) value);
      case STRING -> oneLine((String) value);
      default -> String.valueOf(value);
    };
  }

  /** Keeps a multi-line value (a checkpoint's text) on its row. */
  private static String oneLine(String text) {
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t");
  }

  private static String wellKnown(Message value) {
    try {
      if (value instanceof Timestamp timestamp) {
        return Timestamps.toString(timestamp);
      }
      if (value instanceof Duration duration) {
        return Durations.toString(duration);
      }
      // a DynamicMessage of a well-known type: by its bytes
      String type = value.getDescriptorForType().getFullName();
      if (type.equals(Timestamp.getDescriptor().getFullName())) {
        return Timestamps.toString(Timestamp.parseFrom(value.toByteString()));
      }
      return Durations.toString(Duration.parseFrom(value.toByteString()));
    } catch (com.google.protobuf.InvalidProtocolBufferException | IllegalArgumentException e) {
      return value.toString().trim();
    }
  }
}
