package org.csdlab.fluffle;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A directory's entry list as bytes: {@code count u32}, then per entry {@code nameLength u16, name
 * (UTF-8), ino u64}, little-endian. The bytes are spread over the payloads of the directory's
 * {@link NodeBlock#KIND_DENTRY} blocks.
 */
final class DirectoryCodec {
  private DirectoryCodec() {}

  static byte[] encode(Map<String, Long> entries) {
    ByteBuffer b = ByteBuffer.allocate(encodedLength(entries)).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(entries.size());
    for (Map.Entry<String, Long> e : entries.entrySet()) {
      byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
      b.putShort((short) name.length).put(name).putLong(e.getValue());
    }
    return b.array();
  }

  /** Bytes {@link #encode} gives for {@code entries}, counted without encoding them. */
  static int encodedLength(Map<String, Long> entries) {
    int len = 4;
    for (String name : entries.keySet()) {
      len += 2 + utf8Length(name) + 8;
    }
    return len;
  }

  private static int utf8Length(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3; // a lone surrogate encodes as '?' (1 byte): 3 is an upper bound
      }
    }
    return n;
  }

  /**
   * The entries, or a {@link CorruptImageException} naming the directory if the bytes are
   * malformed.
   */
  static TreeMap<String, Long> decode(byte[] bytes, long ino) {
    TreeMap<String, Long> out = new TreeMap<>();
    try {
      ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
      int count = b.getInt();
      if (count < 0) {
        throw new CorruptImageException(
            "", "directory inode " + ino + ": negative entry count " + count);
      }
      for (int i = 0; i < count; i++) {
        int n = Short.toUnsignedInt(b.getShort());
        byte[] name = new byte[n];
        b.get(name);
        out.put(new String(name, StandardCharsets.UTF_8), b.getLong());
      }
    } catch (BufferUnderflowException e) {
      throw new CorruptImageException(
          "", "directory inode " + ino + ": entry list ends early (" + bytes.length + " bytes)");
    }
    return out;
  }
}
