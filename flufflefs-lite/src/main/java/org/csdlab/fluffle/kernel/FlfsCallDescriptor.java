package org.csdlab.fluffle.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The bytes of the call information a kernel bound to a file reads with {@code get_call_info}:
 * FluffleFS's packed {@code struct flfs_call}, then the LBAs. All fields little-endian; the C view
 * is {@code tutorials/include/flfs_helpers.h}.
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
 *  +---------------------------------------------------------------+
 *  |                     lbas[0..n) (u64 each)                    ...  52
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>The outer struct is packed, the inner {@code struct inode} is not (hence the padding after the
 * type), exactly as FluffleFS declares them. The LBA count is (length − {@link #HEADER_LENGTH}) /
 * 8.
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

  /** Bytes before the LBA list: {@code sizeof(struct flfs_call)}. */
  public static final int HEADER_LENGTH = 52;

  /** {@code FLFS_FILE}. */
  public static final int TYPE_FILE = 0;

  /** {@code FLFS_DIR}. */
  public static final int TYPE_DIR = 1;

  private FlfsCallDescriptor() {}

  /** Offset of the {@code index}-th LBA. */
  public static int lbaOffset(int index) {
    return HEADER_LENGTH + index * Long.BYTES;
  }

  /** The call information for {@code call}. */
  public static byte[] encode(FlfsCall call) {
    long[] lbas = call.lbas();
    ByteBuffer b = ByteBuffer.allocate(lbaOffset(lbas.length)).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(OP_OFFSET, call.op().code())
        .putLong(SIZE_OFFSET, call.size())
        .putLong(OFFSET_OFFSET, call.offset())
        .putLong(INODE_OFFSET, call.inode())
        .putLong(PARENT_OFFSET, call.parentInode())
        .putInt(TYPE_OFFSET, call.directory() ? TYPE_DIR : TYPE_FILE)
        .putInt(PAD_OFFSET, 0)
        .putLong(FILE_SIZE_OFFSET, call.fileSize());
    for (int i = 0; i < lbas.length; i++) {
      b.putLong(lbaOffset(i), lbas[i]);
    }
    return b.array();
  }

  /** The call {@code bytes} describe. */
  public static FlfsCall decode(byte[] bytes) {
    checkLength(bytes.length);
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int type = b.getInt(TYPE_OFFSET);
    if (type != TYPE_FILE && type != TYPE_DIR) {
      throw new IllegalArgumentException(
          "flfs_call type "
              + type
              + " at byte "
              + TYPE_OFFSET
              + " is neither FLFS_FILE (0) nor FLFS_DIR (1)");
    }
    long[] lbas = new long[(bytes.length - HEADER_LENGTH) / Long.BYTES];
    for (int i = 0; i < lbas.length; i++) {
      lbas[i] = b.getLong(lbaOffset(i));
    }
    return new FlfsCall(
        FlfsOp.ofCode(b.getInt(OP_OFFSET)),
        b.getLong(SIZE_OFFSET),
        b.getLong(OFFSET_OFFSET),
        b.getLong(INODE_OFFSET),
        b.getLong(PARENT_OFFSET),
        type == TYPE_DIR,
        b.getLong(FILE_SIZE_OFFSET),
        lbas);
  }

  /** Refuses a length that is not a header followed by whole LBAs. */
  public static void checkLength(int length) {
    if (length < HEADER_LENGTH || (length - HEADER_LENGTH) % Long.BYTES != 0) {
      throw new IllegalArgumentException(
          "flfs_call of "
              + length
              + " bytes: it must be the "
              + HEADER_LENGTH
              + "-byte header followed by whole 8-byte LBAs");
    }
  }
}
