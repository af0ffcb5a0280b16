package org.csdlab.lab;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.csdlab.zns.timing.TimingProfile;

/**
 * The one place the lab reads and writes JSON (configurations and saved results), so every file
 * has the same layout (indented, fields in declaration order) and every error names the file and
 * the field: unknown fields, missing fields and values a constructor refuses are all reported.
 */
final class LabJson {
  static final String NO_FILE = "<string>";

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .addMixIn(TimingProfile.class, TimingProfileByName.class);

  /** Lets a timing profile be written as its name ({@code "timing": "tlc-zns"}) as well as field by field. */
  abstract static class TimingProfileByName {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static TimingProfile named(String name) {
      return TimingProfile.named(name);
    }
  }

  private LabJson() {}

  /** {@code value} as indented JSON text. */
  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new LabJsonException(NO_FILE, "", "cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Writes {@code value} to {@code file} (replacing it) and returns the file. */
  static Path save(Object value, Path file) {
    String text = write(value);
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, text);
      return file;
    } catch (IOException e) {
      throw new LabJsonException(file.toString(), "", "cannot be written: " + e, e);
    }
  }

  /** The {@code type} value in {@code file}. */
  static <T> T load(Path file, Class<T> type) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new LabJsonException(file.toString(), "", "no such file", e);
    } catch (IOException e) {
      throw new LabJsonException(file.toString(), "", "cannot be read: " + e, e);
    }
    return parse(text, type, file.toString());
  }

  /** The {@code type} value in {@code json}; {@code source} names where the text came from in errors. */
  static <T> T parse(String json, Class<T> type, String source) {
    if (json == null || json.isBlank()) {
      throw new LabJsonException(source, "", "is empty; expected a JSON object describing a "
          + type.getSimpleName(), null);
    }
    try {
      // Jackson builds a record before it looks at unknown fields, so a misspelt field would be
      // reported as a missing one; checking the names first reports the misspelling itself
      UnknownFields.check(MAPPER.readTree(json), type, source);
      T value = MAPPER.readValue(json, type);
      if (value == null) {
        throw new LabJsonException(source, "", "holds null; expected a JSON object describing a "
            + type.getSimpleName(), null);
      }
      return value;
    } catch (JsonMappingException e) {
      throw new LabJsonException(source, fieldOf(e), problemOf(e), e);
    } catch (JsonProcessingException e) {
      throw new LabJsonException(source, "", "is not valid JSON at line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
    }
  }

  private static boolean isMissingField(JsonMappingException e) {
    String message = e.getOriginalMessage();
    return message.contains("Missing creator property") || message.contains("Missing required creator property");
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
    return path.toString();
  }

  private static String problemOf(JsonMappingException e) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      return "is not a known field; known fields: " + unknown.getKnownPropertyIds();
    }
    if (e instanceof ValueInstantiationException) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return cause.getMessage();
    }
    if (e instanceof InvalidFormatException format) {
      return "value " + format.getValue() + " is not a valid " + format.getTargetType().getSimpleName();
    }
    String message = e.getOriginalMessage();
    if (isMissingField(e)) {
      return "is missing";
    }
    if (message.contains("Cannot map `null` into type")) {
      return "must not be null";
    }
    int cut = message.indexOf(" at [Source");
    return cut < 0 ? message : message.substring(0, cut);
  }

  private static String between(String text, String open, String close) {
    int start = text.indexOf(open);
    int end = start < 0 ? -1 : text.indexOf(close, start + 1);
    return end < 0 ? null : text.substring(start + 1, end);
  }
}
