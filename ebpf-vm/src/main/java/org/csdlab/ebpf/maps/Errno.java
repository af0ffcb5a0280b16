package org.csdlab.ebpf.maps;

/** The Linux error numbers map operations and helpers return, negated. */
public final class Errno {
  private Errno() {}

  /** No such entry. */
  public static final int ENOENT = 2;

  /** Too many entries (map full, or array index out of range). */
  public static final int E2BIG = 7;

  /** Try again: the ring buffer has no room. */
  public static final int EAGAIN = 11;

  /** The entry exists. */
  public static final int EEXIST = 17;

  /** Invalid argument. */
  public static final int EINVAL = 22;

  /** The name of a negated error number, as {@code -EEXIST}, or the number itself. */
  public static String name(long result) {
    return switch ((int) -result) {
      case ENOENT -> "-ENOENT";
      case E2BIG -> "-E2BIG";
      case EAGAIN -> "-EAGAIN";
      case EEXIST -> "-EEXIST";
      case EINVAL -> "-EINVAL";
      default -> Long.toString(result);
    };
  }
}
