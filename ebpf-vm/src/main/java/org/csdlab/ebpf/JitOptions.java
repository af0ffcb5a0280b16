package org.csdlab.ebpf;

/**
 * Choices of the JIT's code that depend on the JVM running it, chosen for this JVM by default;
 * tests force each so both forms are checked on any JDK.
 *
 * @param unsignedCompareIntrinsic compile unsigned comparisons with {@code Long.compareUnsigned}
 *     and {@code Integer.compareUnsigned}, which HotSpot turns into one unsigned comparison since
 *     JDK 20; JDK 17 compiles them as additions and a three-way compare, slower than comparing
 *     signed with both sign bits flipped (measured on count_above over 64 MiB: 43 ms against 28 ms
 *     on JDK 17; on JDK 25 the intrinsic is the faster, 32 ms against 38 ms)
 */
record JitOptions(boolean unsignedCompareIntrinsic) {
  private static final JitOptions FOR_THIS_JVM = new JitOptions(Runtime.version().feature() >= 20);

  static JitOptions forThisJvm() {
    return FOR_THIS_JVM;
  }
}
