package org.csdlab.ebpf.maps;

import org.csdlab.ebpf.HelperRegistry;
import org.csdlab.ebpf.conformance.ConformanceHelpers;

/** Named sets of helpers a VM can be built with. */
public final class HelperSets {
  private HelperSets() {}

  /**
   * The Linux helpers ({@link LinuxHelpers}) for {@code maps}, with the counter clock and seed 0.
   */
  public static HelperRegistry linux(MapSet maps) {
    return new LinuxHelpers(maps).registry();
  }

  /** The helpers of the conformance test programs. */
  public static HelperRegistry conformance() {
    return ConformanceHelpers.registry();
  }

  /** The set called {@code name} ({@code linux} or {@code conformance}). */
  public static HelperRegistry named(String name, MapSet maps) {
    return switch (name) {
      case "linux" -> linux(maps);
      case "conformance" -> conformance();
      default ->
          throw new IllegalArgumentException(
              "no helper set named '" + name + "'; sets: linux, conformance");
    };
  }
}
