package org.csdlab.lab.json;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

/**
 * Finds a field in a JSON document that the record it describes does not have, looking into nested
 * records, lists of records and the subtypes of {@link JsonTypeInfo} interfaces (chosen by their
 * type property), and reports it with its path, its line and column and the fields that are
 * allowed.
 */
final class UnknownFields {
  private final String source;
  private final String json;

  private UnknownFields(String source, String json) {
    this.source = source;
    this.json = json;
  }

  /** Checks the document {@code node}, parsed from {@code json}, against {@code type}. */
  static void check(JsonNode node, Class<?> type, String source, String json) {
    new UnknownFields(source, json).check(node, type, "", JsonPointer.empty());
  }

  private void check(JsonNode node, Type generic, String path, JsonPointer pointer) {
    Class<?> type = rawType(generic);
    if (node == null || type == null) {
      return;
    }
    if (node.isArray()
        && Collection.class.isAssignableFrom(type)
        && generic instanceof ParameterizedType list) {
      for (int i = 0; i < node.size(); i++) {
        check(
            node.get(i),
            list.getActualTypeArguments()[0],
            path + "[" + i + "]",
            pointer.appendIndex(i));
      }
      return;
    }
    if (!node.isObject()) {
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
        throw JsonProblems.unknownField(
            source, JsonProblems.locate(json, pointer.appendProperty(name)), field, known);
      }
      for (RecordComponent component : concrete.getRecordComponents()) {
        if (component.getName().equals(name)) {
          check(node.get(name), component.getGenericType(), field, pointer.appendProperty(name));
        }
      }
    }
  }

  private static Class<?> rawType(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    return type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c ? c : null;
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
