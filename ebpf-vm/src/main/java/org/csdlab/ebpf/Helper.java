package org.csdlab.ebpf;

/**
 * A function a program calls with {@code call id}: five u64 arguments (r1–r5) in, one u64 (r0) out.
 * It reaches VM memory only through {@link HelperContext#memory()}, which checks bounds.
 */
@FunctionalInterface
public interface Helper {
  /**
   * Runs the helper; the result becomes r0. Throwing stops the program with a {@link
   * HelperException}.
   */
  long call(HelperContext context, long r1, long r2, long r3, long r4, long r5);
}
