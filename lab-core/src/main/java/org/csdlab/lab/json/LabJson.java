package org.csdlab.lab.json;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.InjectableValues;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.csdlab.ebpf.Engine;
import org.csdlab.lab.io.InputFile;
import org.csdlab.lab.io.InputFileException;
import org.csdlab.zns.timing.TimingProfile;

/**
 * The one place the lab reads and writes JSON (configurations, saved results, the dataset
 * manifest), so every file has the same layout (indented, fields in declaration order) and every
 * error names the file, the line and column, the field and what was expected there: unknown fields,
 * missing fields, wrong types, syntax errors and values a constructor refuses are all reported as a
 * {@link LabJsonException}, never as Jackson's own text.
 */
public final class LabJson {
  /** What errors name as the file for JSON text that came from no file. */
  public static final String NO_FILE = "<string>";

  /**
   * The id of the engine a {@link org.csdlab.lab.LabConfig} gets when its JSON names none: {@code
   * AUTO}, the lab's default, for configurations saved before the engine could be chosen.
   */
  public static final String DEFAULT_ENGINE = "csdlab.defaultEngine";

  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .setInjectableValues(new InjectableValues.Std().addValue(DEFAULT_ENGINE, Engine.AUTO))
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .addMixIn(TimingProfile.class, TimingProfileByName.class);

  /**
   * Lets a timing profile be written as its name ({@code "timing": "tlc-zns"}) as well as field by
   * field.
   */
  abstract static class TimingProfileByName {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static TimingProfile named(String name) {
      return TimingProfile.named(name);
    }
  }

  private LabJson() {}

  /** {@code value} as indented JSON text. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new LabJsonException(
          NO_FILE, "", "cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Writes {@code value} to {@code file} (replacing it) and returns the file. */
  public static Path save(Object value, Path file) {
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

  /**
   * The {@code type} value in {@code file}, which must be a regular file of at most {@link
   * InputFile#TEXT_MAX_BYTES}.
   */
  public static <T> T load(Path file, Class<T> type) {
    String text;
    try {
      text = InputFile.text(file, "JSON file").readString();
    } catch (InputFileException e) {
      throw new LabJsonException(file.toString(), "", e.problem(), e);
    }
    return parse(text, type, file.toString());
  }

  /**
   * The {@code type} value in {@code json}; {@code source} names where the text came from in
   * errors.
   */
  public static <T> T parse(String json, Class<T> type, String source) {
    if (json == null || json.isBlank()) {
      throw new LabJsonException(
          source,
          "",
          "is empty; expected a JSON object describing a " + type.getSimpleName(),
          null);
    }
    try {
      // Jackson builds a record before it looks at unknown fields, so a misspelt field would be
      // reported as a missing one; checking the names first reports the misspelling itself
      UnknownFields.check(MAPPER.readTree(json), type, source, json);
      T value = MAPPER.readValue(json, type);
      if (value == null) {
        throw new LabJsonException(
            source,
            "",
            "holds null; expected a JSON object describing a " + type.getSimpleName(),
            null);
      }
      return value;
    } catch (JsonMappingException e) {
      throw JsonProblems.ofMapping(e, source, json);
    } catch (JsonProcessingException e) {
      throw JsonProblems.ofSyntax(e, source);
    }
  }
}
