package org.csdlab.lab;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.csdlab.ebpf.Engine;
import org.csdlab.lab.display.Html;
import org.csdlab.lab.display.HtmlRenderable;
import org.csdlab.lab.json.LabJson;
import org.csdlab.zns.Geometry;
import org.csdlab.zns.timing.TimingProfile;

/**
 * Everything a {@link Lab} is made from, as a value that saves to and loads from JSON:
 *
 * <pre>{@code
 * lab.config().save(Path.of("lab.json"));
 * var again = Lab.fromConfig(LabConfig.load(Path.of("lab.json")));
 * }</pre>
 *
 * @param geometry the drive's zones and blocks
 * @param timing the drive's modeled timing, every parameter (its name says where it came from); in
 *     JSON also just a profile's name, e.g. {@code "timing": "tlc-zns"}
 * @param coreInstructionsPerSecond speed of the drive's core that runs offloaded kernels
 * @param memoryBytes the drive's scratch memory for kernels
 * @param fuel the most eBPF instructions one run may execute (on the drive or in the VM)
 * @param backendFile the device image file, or null for an in-memory drive
 * @param engine how eBPF runs, on the drive and in the workbench: {@link Engine#AUTO} (the JIT for
 *     programs with a loop), {@link Engine#JIT} or {@link Engine#INTERPRETER}; the same answers and
 *     modeled times on each, only the wall-clock time differs. In JSON it may be left out (a
 *     configuration saved before engines could be chosen): then {@code AUTO}.
 */
public record LabConfig(
    Geometry geometry,
    TimingProfile timing,
    long coreInstructionsPerSecond,
    int memoryBytes,
    long fuel,
    String backendFile,
    Engine engine)
    implements HtmlRenderable {

  /** Checks every value; the message names the field. */
  public LabConfig {
    Objects.requireNonNull(engine, "lab config: engine must be INTERPRETER, JIT or AUTO, was null");
    Objects.requireNonNull(geometry, "lab config: geometry must be set");
    Objects.requireNonNull(timing, "lab config: timing must be set");
    if (coreInstructionsPerSecond <= 0) {
      throw new IllegalArgumentException(
          "lab config: coreInstructionsPerSecond must be positive, was "
              + coreInstructionsPerSecond);
    }
    if (memoryBytes <= 0) {
      throw new IllegalArgumentException(
          "lab config: memoryBytes must be positive, was " + memoryBytes);
    }
    if (fuel <= 0) {
      throw new IllegalArgumentException("lab config: fuel must be positive, was " + fuel);
    }
    if (backendFile != null && backendFile.isBlank()) {
      throw new IllegalArgumentException(
          "lab config: backendFile must be a path or null (in memory), was blank");
    }
  }

  /**
   * The configuration JSON describes; an {@code engine} left out is {@link
   * LabJson#DEFAULT_ENGINE}'s value. (An injected constructor parameter, not a record component, so
   * Jackson does not also try to set the final field.)
   */
  @JsonCreator
  static LabConfig fromJsonFields(
      @JsonProperty("geometry") Geometry geometry,
      @JsonProperty("timing") TimingProfile timing,
      @JsonProperty("coreInstructionsPerSecond") long coreInstructionsPerSecond,
      @JsonProperty("memoryBytes") int memoryBytes,
      @JsonProperty("fuel") long fuel,
      @JsonProperty("backendFile") String backendFile,
      @JacksonInject(value = LabJson.DEFAULT_ENGINE, useInput = OptBoolean.TRUE)
          @JsonProperty("engine")
          Engine engine) {
    return new LabConfig(
        geometry, timing, coreInstructionsPerSecond, memoryBytes, fuel, backendFile, engine);
  }

  /** Reads a configuration saved with {@link #save}. */
  public static LabConfig load(Path file) {
    return LabJson.load(file, LabConfig.class);
  }

  /** Reads a configuration from JSON text. */
  public static LabConfig fromJson(String json) {
    return LabJson.parse(json, LabConfig.class, LabJson.NO_FILE);
  }

  /** Writes this configuration to {@code file} as JSON and returns the file. */
  public Path save(Path file) {
    return LabJson.save(this, file);
  }

  /** This configuration as JSON text. */
  public String toJson() {
    return LabJson.write(this);
  }

  /** The backend file as a path, or null for an in-memory drive. */
  public Path backendPath() {
    return backendFile == null ? null : Path.of(backendFile);
  }

  /**
   * One line, as {@code LabConfig[64 zones × 16.0 MiB; teaching timing; core 1 G insn/s, fuel 100
   * M; in memory]} ({@code toHtml()} and the JSON have every setting).
   */
  @Override
  public String toString() {
    return "LabConfig["
        + geometry.zoneCount()
        + " zones × "
        + Quantities.bytes(geometry.zoneCapacityBytes())
        + "; "
        + timing.name()
        + " timing; core "
        + Quantities.si(coreInstructionsPerSecond, "insn/s")
        + ", fuel "
        + Quantities.si(fuel, "").strip()
        + "; "
        + Quantities.backend(backendFile)
        + (engine == Engine.AUTO ? "" : "; " + engine.name().toLowerCase(java.util.Locale.ROOT))
        + "]";
  }

  @Override
  public String toHtml() {
    return Html.panel(
        "Lab configuration",
        Html.table(
            List.of("setting", "value"),
            List.of(
                List.of("geometry", geometry.toString()),
                List.of("timing", timing.toString()),
                List.of("device core", coreInstructionsPerSecond + " eBPF instructions/s"),
                List.of("device memory", Quantities.bytes(memoryBytes)),
                List.of("fuel", fuel + " instructions per run"),
                List.of("engine", engine.toString()),
                List.of("backend", backendFile == null ? "in memory" : backendFile))));
  }
}
