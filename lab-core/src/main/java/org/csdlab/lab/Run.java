package org.csdlab.lab;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.nio.file.Path;
import org.csdlab.lab.display.HtmlRenderable;
import org.csdlab.lab.json.LabJson;

/**
 * One measured piece of work with an answer: a scan on the host ({@link HostRun}) or a kernel on
 * the drive ({@link CsdRun}). Two runs make a {@link Comparison}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = HostRun.class, name = "host"),
  @JsonSubTypes.Type(value = CsdRun.class, name = "csd")
})
public sealed interface Run extends HtmlRenderable permits HostRun, CsdRun {

  /** Where it ran and what: {@code host countU32Above} or {@code drive count_u32_above}. */
  String label();

  /** The answer, e.g. how many values were above the threshold. */
  long value();

  /** Bytes that crossed the host link. */
  long hostBytes();

  /** Modeled time on the drive's timing model (and device core), in ns. */
  long modeledNanos();

  /** Wall-clock time this JVM took, in ns. */
  long wallNanos();

  /**
   * Writes this run to {@code file} as JSON (with its {@code kind}: host or csd) and returns the
   * file.
   */
  default Path save(Path file) {
    return LabJson.save(this, file);
  }

  /** This run as JSON text. */
  default String toJson() {
    return LabJson.write(this);
  }

  /**
   * Reads a run saved with {@link #save}: a {@link HostRun} or a {@link CsdRun}, as its {@code
   * kind} says.
   */
  static Run load(Path file) {
    return LabJson.load(file, Run.class);
  }

  /** Reads a run from JSON text. */
  static Run fromJson(String json) {
    return LabJson.parse(json, Run.class, LabJson.NO_FILE);
  }
}
