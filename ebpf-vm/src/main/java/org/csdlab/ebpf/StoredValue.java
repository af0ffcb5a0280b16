package org.csdlab.ebpf;

import org.csdlab.ebpf.HelperPrototype.ReturnRange;

/**
 * What a helper stores in the 8 bytes an argument points to ({@link ArgType#PTR_TO_UNINIT_LONG},
 * {@link ArgType#PTR_TO_UNINIT_POINTER}, {@link ArgType#PTR_TO_POINTER_UPDATED}), as the verifier
 * records it in the stack slot: a number in a range (OpenCSD's {@code get_mem_info} stores the
 * memory's size), or a pointer into the program's context or a named region at an offset in a range
 * (its {@code mem_ptr}, {@code get_call_info}'s {@code call}). A later 8-byte load of the slot
 * gives the value back, so accesses through a stored pointer are bounds-checked as any other.
 *
 * <p>Every fact here holds for the memory of the run that verified program runs with: the loading
 * path that supplies it (e.g. a drive's {@code verifierOptions()}) fixes it when the program is
 * loaded, and the run must not exceed it.
 */
public sealed interface StoredValue {
  /** Any u64: what a helper stores when its prototype promises nothing more. */
  StoredValue ANY_NUMBER = new Word(ReturnRange.ANY);

  /** A number in {@code range} (signed). */
  static StoredValue number(ReturnRange range) {
    return new Word(range);
  }

  /**
   * A pointer into the program's context (r1 at entry, whose size the verifier's options give), at
   * an offset between {@code minOffsetBytes} and {@code maxOffsetBytes}.
   */
  static Pointer intoContext(long minOffsetBytes, long maxOffsetBytes) {
    return new Pointer(null, -1, minOffsetBytes, maxOffsetBytes, true);
  }

  /**
   * A pointer into the region {@code region} of {@code sizeBytes}, at an offset between {@code
   * minOffsetBytes} and {@code maxOffsetBytes}.
   */
  static Pointer intoRegion(
      String region, long sizeBytes, long minOffsetBytes, long maxOffsetBytes, boolean writable) {
    if (region == null || region.isBlank()) {
      throw new IllegalArgumentException("a stored region pointer needs the region's name");
    }
    if (sizeBytes < 0) {
      throw new IllegalArgumentException(
          "region " + region + ": size must be at least 0 bytes, got " + sizeBytes);
    }
    return new Pointer(region, sizeBytes, minOffsetBytes, maxOffsetBytes, writable);
  }

  /** A stored u64 word, {@code min <= value <= max} (signed). */
  record Word(ReturnRange range) implements StoredValue {
    public Word {
      if (range == null) {
        throw new IllegalArgumentException("a stored number needs a range (ReturnRange.ANY)");
      }
    }

    @Override
    public String toString() {
      return "a number " + range;
    }
  }

  /**
   * A stored pointer: into the context when {@code region} is null (its size is the options'
   * context size; {@code sizeBytes} is -1), else into the region of that name and {@code
   * sizeBytes}; its offset from the start lies in [{@code minOffsetBytes}, {@code maxOffsetBytes}].
   */
  record Pointer(
      String region, long sizeBytes, long minOffsetBytes, long maxOffsetBytes, boolean writable)
      implements StoredValue {
    public Pointer {
      if (minOffsetBytes < 0 || minOffsetBytes > maxOffsetBytes) {
        throw new IllegalArgumentException(
            "a stored pointer's offsets must satisfy 0 <= min <= max, got ["
                + minOffsetBytes
                + ", "
                + maxOffsetBytes
                + "]");
      }
    }

    /** Whether it points into the program's context. */
    public boolean intoContext() {
      return region == null;
    }

    @Override
    public String toString() {
      return "a pointer into "
          + (region == null ? "the context" : region + " (" + sizeBytes + " bytes)")
          + " at offset "
          + (minOffsetBytes == maxOffsetBytes
              ? String.valueOf(minOffsetBytes)
              : "[" + minOffsetBytes + ", " + maxOffsetBytes + "]");
    }
  }
}
