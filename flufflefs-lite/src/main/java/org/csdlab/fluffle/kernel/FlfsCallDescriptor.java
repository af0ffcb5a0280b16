package org.csdlab.fluffle.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The bytes of the call information a kernel bound to a file reads with {@code get_call_info}:
 * FluffleFS's packed {@code struct flfs_call}; for a write event its packed {@code struct
 * flfs_write_call}; then the LBAs. All fields little-endian; the C view is {@code
 * tutorials/include/flfs_helpers.h}.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                          op (u32)                             |  0
 *  +---------------------------------------------------------------+
 *  |                     dims.size (u64)                           |  4
 *  +---------------------------------------------------------------+
 *  |                     dims.offset (u64)                         | 12
 *  +---------------------------------------------------------------+
 *  |                     ino.inode (u64)                           | 20
 *  +---------------------------------------------------------------+
 *  |                     ino.parent (u64)                          | 28
 *  +---------------------------------------------------------------+
 *  |                     ino.type (u32)                            | 36
 *  +---------------------------------------------------------------+
 *  |                     padding (u32, zero)                       | 40
 *  +---------------------------------------------------------------+
 *  |                     ino.size (u64)                            | 44
 *  +===============================================================+
 *  |   write event only: struct flfs_write_call                    |
 *  |                     pre_pad (u64)                             | 52
 *  |                     post_pad (u64)                            | 60
 *  |                     start_ptr (u64)                           | 68
 *  |                     wp_ptr (u64)                              | 76
 *  |                     end_ptr (u64)                             | 84
 *  +===============================================================+
 *  |                     lbas[0..n) (u64 each)                    ...  52 (read), 92 (write)
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>The outer structs are packed, the inner {@code struct inode} is not (hence the padding after
 * the type), exactly as FluffleFS declares them. A hole is LBA {@link FlfsCall#HOLE} (0), as in
 * FluffleFS. The LBA count is (length − {@link #lbasOffset(FlfsOp)}) / 8; a kernel, which cannot
 * learn the length (OpenCSD's {@code get_call_info} returns nothing), counts the blocks covering
 * [dims.offset, dims.offset + dims.size) instead, as FluffleFS's kernels do, which is the same
 * number.
 */
public final class FlfsCallDescriptor {
  public static final int OP_OFFSET = 0;
  public static final int SIZE_OFFSET = 4;
  public static final int OFFSET_OFFSET = 12;
  public static final int INODE_OFFSET = 20;
  public static final int PARENT_OFFSET = 28;
  public static final int TYPE_OFFSET = 36;
  public static final int PAD_OFFSET = 40;
  public static final int FILE_SIZE_OFFSET = 44;

  /**
   * {@code sizeof(struct flfs_call)}: where a write event's write call, or a read's LBAs, begin.
   */
  public static final int HEADER_LENGTH = 52;

  public static final int PRE_PAD_OFFSET = HEADER_LENGTH;
  public static final int POST_PAD_OFFSET = HEADER_LENGTH + 8;
  public static final int START_PTR_OFFSET = HEADER_LENGTH + 16;
  public static final int WP_PTR_OFFSET = HEADER_LENGTH + 24;
  public static final int END_PTR_OFFSET = HEADER_LENGTH + 32;

  /** {@code sizeof(struct flfs_write_call)}. */
  public static final int WRITE_CALL_LENGTH = 40;

  /** {@code FLFS_FILE}. */
  public static final int TYPE_FILE = 0;

  /** {@code FLFS_DIR}. */
  public static final int TYPE_DIR = 1;

  private FlfsCallDescriptor() {}

  /**
   * Where the LBAs of a call for {@code op} begin (FluffleFS's {@code find_data_lba}): after the
   * {@code flfs_call}, and for a write event after its {@code flfs_write_call} too.
   */
  public static int lbasOffset(FlfsOp op) {
    return op == FlfsOp.WRITE_EVENT ? HEADER_LENGTH + WRITE_CALL_LENGTH : HEADER_LENGTH;
  }

  /** Offset of the {@code index}-th LBA of a call for {@code op}. */
  public static int lbaOffset(FlfsOp op, int index) {
    return lbasOffset(op) + index * Long.BYTES;
  }

  /** The call information for {@code call}. */
  public static byte[] encode(FlfsCall call) {
    long[] lbas = call.lbas();
    ByteBuffer b =
        ByteBuffer.allocate(lbaOffset(call.op(), lbas.length)).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(OP_OFFSET, call.op().code())
        .putLong(SIZE_OFFSET, call.size())
        .putLong(OFFSET_OFFSET, call.offset())
        .putLong(INODE_OFFSET, call.inode())
        .putLong(PARENT_OFFSET, call.parentInode())
        .putInt(TYPE_OFFSET, call.directory() ? TYPE_DIR : TYPE_FILE)
        .putInt(PAD_OFFSET, 0)
        .putLong(FILE_SIZE_OFFSET, call.fileSize());
    FlfsWriteCall write = call.writeCall();
    if (write != null) {
      b.putLong(PRE_PAD_OFFSET, write.prePadBytes())
          .putLong(POST_PAD_OFFSET, write.postPadBytes())
          .putLong(START_PTR_OFFSET, write.startLba())
          .putLong(WP_PTR_OFFSET, write.writePointerLba())
          .putLong(END_PTR_OFFSET, write.endLba());
    }
    for (int i = 0; i < lbas.length; i++) {
      b.putLong(lbaOffset(call.op(), i), lbas[i]);
    }
    return b.array();
  }

  /** The call {@code bytes} describe. */
  public static FlfsCall decode(byte[] bytes) {
    if (bytes.length < HEADER_LENGTH) {
      throw lengthError(bytes.length, "the " + HEADER_LENGTH + "-byte flfs_call");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    FlfsOp op = FlfsOp.ofCode(b.getInt(OP_OFFSET));
    checkLength(op, bytes.length);
    int type = b.getInt(TYPE_OFFSET);
    if (type != TYPE_FILE && type != TYPE_DIR) {
      throw new IllegalArgumentException(
          "flfs_call type "
              + type
              + " at byte "
              + TYPE_OFFSET
              + " is neither FLFS_FILE (0) nor FLFS_DIR (1)");
    }
    FlfsWriteCall write =
        op == FlfsOp.WRITE_EVENT
            ? new FlfsWriteCall(
                b.getLong(PRE_PAD_OFFSET),
                b.getLong(POST_PAD_OFFSET),
                b.getLong(START_PTR_OFFSET),
                b.getLong(WP_PTR_OFFSET),
                b.getLong(END_PTR_OFFSET))
            : null;
    long[] lbas = new long[(bytes.length - lbasOffset(op)) / Long.BYTES];
    for (int i = 0; i < lbas.length; i++) {
      lbas[i] = b.getLong(lbaOffset(op, i));
    }
    return new FlfsCall(
        op,
        b.getLong(SIZE_OFFSET),
        b.getLong(OFFSET_OFFSET),
        b.getLong(INODE_OFFSET),
        b.getLong(PARENT_OFFSET),
        type == TYPE_DIR,
        b.getLong(FILE_SIZE_OFFSET),
        write,
        lbas);
  }

  /** Refuses a length that is not the parts of a call for {@code op} followed by whole LBAs. */
  public static void checkLength(FlfsOp op, int length) {
    int lbas = lbasOffset(op);
    if (length < lbas || (length - lbas) % Long.BYTES != 0) {
      throw lengthError(
          length,
          op == FlfsOp.WRITE_EVENT
              ? "the "
                  + HEADER_LENGTH
                  + "-byte flfs_call and the "
                  + WRITE_CALL_LENGTH
                  + "-byte flfs_write_call of a write event followed by whole 8-byte LBAs"
              : "the " + HEADER_LENGTH + "-byte flfs_call followed by whole 8-byte LBAs");
    }
  }

  private static IllegalArgumentException lengthError(int length, String needed) {
    return new IllegalArgumentException("flfs_call of " + length + " bytes: it must be " + needed);
  }
}
