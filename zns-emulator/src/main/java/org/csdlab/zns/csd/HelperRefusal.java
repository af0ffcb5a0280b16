package org.csdlab.zns.csd;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why a helper call of a kernel returned -1: OpenCSD's helpers return -1 for every failure, which
 * alone does not say what to change, so the lab records the reason in the run's {@link CsdResult}.
 *
 * @param helper the helper's name ({@code read}, {@code write})
 * @param arguments the call's arguments by name, in the order of the helper's parameters
 * @param reason what was wrong, e.g. {@code at or above the write pointer 50}
 */
public record HelperRefusal(String helper, Map<String, Long> arguments, String reason) {

  public HelperRefusal {
    arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
  }

  /** As {@code read zone 3 sector 100 offset 0 size 4096: at or above the write pointer 50}. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(helper);
    arguments.forEach((name, value) -> out.append(' ').append(name).append(' ').append(value));
    return out.append(": ").append(reason).toString();
  }
}
