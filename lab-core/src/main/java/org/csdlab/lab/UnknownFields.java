package org.csdlab.lab;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Finds a field in a JSON document that the record it describes does not have, looking into
 * nested records and into the subtypes of {@link JsonTypeInfo} interfaces (chosen by their type
 * property), and reports it with its path and the fields that are allowed.
 */
final class UnknownFields {
  private UnknownFields() {}

  static void check(JsonNode node, Class<?> type, String source) {
    check(node, type, source, "");
  }

  private static void check(JsonNode node, Class<?> type, String source, String path) {
    if (node == null || !node.isObject()) {
      return;
    }
    Class<?> concrete = type;
    List<String> known = new ArrayList<>();
    JsonTypeInfo typeInfo = type.getAnnotation(JsonTypeInfo.class);
    if (typeInfo != null) {
      known.add(typeInfo.property());
      concrete = subtype(type, node.path(typeInfo.property()).asText(null));
      if (concrete == null) {
        return; // an unknown kind: the mapper reports it with the kinds there are
      }
    }
    if (!concrete.isRecord()) {
      return;
    }
    for (RecordComponent component : concrete.getRecordComponents()) {
      known.add(component.getName());
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      String field = path.isEmpty() ? name : path + "." + name;
      if (!known.contains(name)) {
        throw new LabJsonException(source, field, "is not a known field; known fields: " + known, null);
      }
      for (RecordComponent component : concrete.getRecordComponents()) {
        if (component.getName().equals(name)) {
          check(node.get(name), component.getType(), source, field);
        }
      }
    }
  }

  private static Class<?> subtype(Class<?> type, String name) {
    JsonSubTypes subtypes = type.getAnnotation(JsonSubTypes.class);
    if (subtypes == null || name == null) {
      return null;
    }
    for (JsonSubTypes.Type subtype : subtypes.value()) {
      if (subtype.name().equals(name)) {
        return subtype.value();
      }
    }
    return null;
  }
}
