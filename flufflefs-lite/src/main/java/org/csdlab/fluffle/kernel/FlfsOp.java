package org.csdlab.fluffle.kernel;

/** Why a kernel bound to a file runs: the {@code op} field of the call information. */
public enum FlfsOp {
  /**
   * A read through a handle with a read-stream kernel: the kernel's return data is the read's
   * answer.
   */
  READ_STREAM(0),
  /** A write just stored: the kernel sees exactly the blocks written. */
  WRITE_EVENT(1);

  private final int code;

  FlfsOp(int code) {
    this.code = code;
  }

  /** The value in the call information (FluffleFS's {@code enum flfs_operations}). */
  public int code() {
    return code;
  }

  /** The op with {@code code}. */
  public static FlfsOp ofCode(int code) {
    for (FlfsOp op : values()) {
      if (op.code == code) {
        return op;
      }
    }
    throw new IllegalArgumentException(
        "flfs_call op " + code + " is not one of 0 (READ_STREAM), 1 (WRITE_EVENT)");
  }
}
