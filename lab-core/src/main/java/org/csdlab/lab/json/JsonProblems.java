package org.csdlab.lab.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;
import org.csdlab.ebpf.Excerpt;

/**
 * Turns Jackson's exceptions into {@link LabJsonException}s a student can act on: the place (line,
 * column), the field path, and what was expected and found, in the lab's words rather than
 * Jackson's ({@code Cannot deserialize value of type ...}, {@code [Source: ...]}, {@code
 * StreamReadFeature...}).
 */
final class JsonProblems {
  /**
   * Jackson's source descriptions, which name its own settings: {@code at [Source: REDACTED
   * (`StreamReadFeature...`...]}.
   */
  private static final Pattern SOURCE =
      Pattern.compile("\\s*(\\(for \\w+ starting at )?\\s*\\[Source:.*", Pattern.DOTALL);

  private static final Pattern AT_SOURCE = Pattern.compile("\\s+at\\s*$");
  private static final Pattern SETTING = Pattern.compile(",? from `[^`]*`");

  private JsonProblems() {}

  /** A document that is not valid JSON, or that exceeds a limit of the reader. */
  static LabJsonException ofSyntax(JsonProcessingException e, String source) {
    String what =
        e instanceof StreamConstraintsException
            ? "exceeds a limit of the JSON reader: "
            : "is not valid JSON: ";
    JsonLocation at = e.getLocation();
    return new LabJsonException(
        source, line(at), column(at), "", what + clean(e.getOriginalMessage()), e);
  }

  /** A document ({@code json}) that is JSON but does not describe the type asked for. */
  static LabJsonException ofMapping(JsonMappingException e, String source, String json) {
    JsonLocation at = e.getLocation() != null ? e.getLocation() : locate(json, pointerOf(e));
    return new LabJsonException(source, line(at), column(at), fieldOf(e), problemOf(e), e);
  }

  /**
   * Where in {@code json} the field or element at {@code pointer} starts; null if it cannot be
   * found.
   */
  static JsonLocation locate(String json, JsonPointer pointer) {
    try (JsonParser parser = LabJson.MAPPER.createParser(json)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (parser.getParsingContext().pathAsPointer().equals(pointer)) {
          return parser.currentTokenLocation();
        }
      }
    } catch (IOException e) {
      return null; // the text that cannot be read again loses only the position
    }
    return null;
  }

  private static JsonPointer pointerOf(JsonMappingException e) {
    JsonPointer pointer = JsonPointer.empty();
    for (JsonMappingException.Reference ref : e.getPath()) {
      pointer =
          ref.getFieldName() != null
              ? pointer.appendProperty(ref.getFieldName())
              : ref.getIndex() >= 0 ? pointer.appendIndex(ref.getIndex()) : pointer;
    }
    return pointer;
  }

  /** A field the type does not have, found at {@code at}. */
  static LabJsonException unknownField(
      String source, JsonLocation at, String field, Collection<String> known) {
    return new LabJsonException(
        source,
        line(at),
        column(at),
        field,
        "is not a known field; known fields: "
            + Excerpt.of(known.toString(), Excerpt.MAX_LIST_CHARS),
        null);
  }

  private static String fieldOf(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    if (e instanceof MismatchedInputException && isMissingField(e)) {
      String missing = between(e.getOriginalMessage(), "'", "'");
      if (missing != null && !path.toString().endsWith(missing)) {
        path.append(path.length() > 0 ? "." : "").append(missing);
      }
    }
    return Excerpt.of(path.toString(), Excerpt.MAX_LIST_CHARS);
  }

  private static String problemOf(JsonMappingException e) {
    if (e.getCause() instanceof StreamConstraintsException limit) {
      return "exceeds a limit of the JSON reader: " + clean(limit.getOriginalMessage());
    }
    if (e instanceof UnrecognizedPropertyException unknown) {
      return "is not a known field; known fields: "
          + Excerpt.of(String.valueOf(unknown.getKnownPropertyIds()), Excerpt.MAX_LIST_CHARS);
    }
    if (e instanceof ValueInstantiationException) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return Excerpt.of(String.valueOf(cause.getMessage()), Excerpt.MAX_LIST_CHARS);
    }
    if (e instanceof InvalidTypeIdException typeId) {
      return "has an unknown kind '"
          + Excerpt.of(typeId.getTypeId())
          + "': "
          + clean(e.getOriginalMessage().replaceFirst("^.*?: known type ids = ", "known kinds: "));
    }
    if (e instanceof InvalidFormatException format) {
      return "expected "
          + expected(format.getTargetType())
          + ", found "
          + quoted(format.getValue());
    }
    if (isMissingField(e)) {
      return "is missing";
    }
    String message = e.getOriginalMessage();
    if (message.contains("Cannot map `null` into type")) {
      return "must not be null";
    }
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      String found = found(e);
      if (found != null) {
        return "expected " + expected(mismatch.getTargetType()) + ", found " + found;
      }
    }
    return clean(message);
  }

  /** What a value of {@code type} looks like in JSON. */
  static String expected(Class<?> type) {
    if (type == int.class
        || type == Integer.class
        || type == long.class
        || type == Long.class
        || type == short.class
        || type == Short.class
        || type == byte.class
        || type == Byte.class) {
      return "a whole number ("
          + type.getSimpleName().toLowerCase(java.util.Locale.ROOT).replace("integer", "int")
          + ")";
    }
    if (type == double.class
        || type == Double.class
        || type == float.class
        || type == Float.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type.isEnum()) {
      return "one of "
          + Excerpt.of(Arrays.toString(type.getEnumConstants()), Excerpt.MAX_LIST_CHARS);
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    if (Map.class.isAssignableFrom(type)) {
      return "an object";
    }
    return "an object (" + type.getSimpleName() + ")";
  }

  /** The JSON value the parser stood on when the mapping failed, as a message shows it. */
  private static String found(JsonMappingException e) {
    if (!(e.getProcessor() instanceof JsonParser parser)) {
      return null;
    }
    JsonToken token = parser.currentToken();
    if (token == null) {
      return null;
    }
    try {
      return switch (token) {
        case VALUE_STRING -> "the string \"" + Excerpt.of(parser.getText()) + "\"";
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + Excerpt.of(parser.getText());
        case VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> parser.getText();
        case START_OBJECT, FIELD_NAME, END_OBJECT -> "an object";
        case START_ARRAY, END_ARRAY -> "an array";
        default -> null;
      };
    } catch (IOException ignored) {
      return null;
    }
  }

  private static String quoted(Object value) {
    return value instanceof String s
        ? "the string \"" + Excerpt.of(s) + "\""
        : value instanceof Number
            ? "the number " + Excerpt.of(String.valueOf(value))
            : Excerpt.of(String.valueOf(value));
  }

  /** Jackson's message without its source description and the names of its settings, cut. */
  private static String clean(String message) {
    String text = SOURCE.matcher(message).replaceFirst("");
    text = AT_SOURCE.matcher(text).replaceFirst("");
    text = SETTING.matcher(text).replaceAll("");
    return Excerpt.of(text.strip().replaceAll("\\s*\\R\\s*", " "), Excerpt.MAX_LIST_CHARS);
  }

  private static boolean isMissingField(JsonMappingException e) {
    String message = e.getOriginalMessage();
    return message.contains("Missing creator property")
        || message.contains("Missing required creator property");
  }

  private static int line(JsonLocation at) {
    return at == null || at.getLineNr() < 1 ? 0 : at.getLineNr();
  }

  private static int column(JsonLocation at) {
    return at == null || at.getLineNr() < 1 ? 0 : at.getColumnNr();
  }

  private static String between(String text, String open, String close) {
    int start = text.indexOf(open);
    int end = start < 0 ? -1 : text.indexOf(close, start + 1);
    return end < 0 ? null : text.substring(start + 1, end);
  }
}
