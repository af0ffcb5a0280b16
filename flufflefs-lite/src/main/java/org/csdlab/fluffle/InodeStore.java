package org.csdlab.fluffle;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Inodes on the device: writes an inode's dirty directory blocks, indirect nodes and inode block to
 * the metadata log ({@link NodeBlock} layouts, {@link BlockTree} shape), and reads them back,
 * checking every block.
 */
final class InodeStore {
  private final Volume v;

  InodeStore(Volume v) {
    this.v = v;
  }

  /**
   * Writes what changed of an inode: its directory entries, its dirty indirect nodes (leaves first,
   * since parents hold their children's LBAs) and then the inode block.
   */
  void write(Inode f, int flags) {
    if (f.isDirectory() && f.entriesDirty) {
      writeEntries(f);
    }
    for (int height = 0; height < 3; height++) {
      List<Long> keys = new ArrayList<>();
      for (long key : f.dirtyNodes) {
        if (BlockTree.height(key) == height) {
          keys.add(key);
        }
      }
      if (keys.isEmpty()) {
        continue;
      }
      keys.sort(Comparator.naturalOrder());
      List<byte[]> images = new ArrayList<>();
      List<Long> written = new ArrayList<>();
      for (long key : keys) {
        byte[] image = encodeNode(f, key);
        if (image == null) {
          Long old = f.nodeLba.remove(key);
          if (old != null) {
            v.invalidate(old);
          }
        } else {
          images.add(image);
          written.add(key);
        }
      }
      BlockTag[] tags = new BlockTag[written.size()];
      for (int i = 0; i < tags.length; i++) {
        tags[i] = BlockTag.node(written.get(i));
      }
      long[] lbas = v.appendMeta(images, 0, Volume.filled(images.size(), f.ino), tags);
      for (int i = 0; i < lbas.length; i++) {
        Long old = f.nodeLba.put(written.get(i), lbas[i]);
        if (old != null) {
          v.invalidate(old);
        }
      }
      f.dirtyNodes.removeAll(keys);
    }
    byte[] image = encodeInode(f);
    long lba =
        v.appendMeta(List.of(image), flags, new long[] {f.ino}, new BlockTag[] {BlockTag.INODE})[0];
    v.invalidate(f.lba);
    f.lba = lba;
    f.dirty = false;
  }

  private void writeEntries(Inode dir) {
    byte[] bytes = DirectoryCodec.encode(dir.entries);
    int payload = v.blockSize - NodeBlock.HEADER_LENGTH;
    int n = (bytes.length + payload - 1) / payload;
    List<byte[]> images = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ByteBuffer b = NodeBlock.create(v.blockSize, NodeBlock.KIND_DENTRY, dir.ino, i);
      int len = Math.min(payload, bytes.length - i * payload);
      b.put(NodeBlock.HEADER_LENGTH, bytes, i * payload, len);
      images.add(b.array());
    }
    BlockTag[] tags = new BlockTag[n];
    for (int i = 0; i < n; i++) {
      tags[i] = BlockTag.block(i);
    }
    long[] lbas = v.appendMeta(images, 0, Volume.filled(n, dir.ino), tags);
    for (int i = 0; i < n; i++) {
      v.setBlock(dir, i, lbas[i]);
    }
    for (long i = n; i < dir.blockSlots(); i++) {
      if (dir.block(i) >= 0) {
        v.setBlock(dir, i, -1);
      }
    }
    dir.sizeBytes = bytes.length;
    dir.entriesDirty = false;
  }

  /** The node's block, or null when every pointer in it is -1 (the node is dropped). */
  private byte[] encodeNode(Inode f, long key) {
    ByteBuffer b = NodeBlock.create(v.blockSize, NodeBlock.KIND_INDIRECT, f.ino, key);
    boolean any = false;
    int t = BlockTree.tree(key);
    int d = BlockTree.depth(key);
    long first = v.tree.firstBlock(key);
    for (int j = 0; j < v.tree.fanout; j++) {
      long ptr =
          BlockTree.height(key) == 0
              ? f.block(first + j)
              : f.nodeLba.getOrDefault(
                  BlockTree.key(t, d + 1, BlockTree.index(key) * v.tree.fanout + j), -1L);
      b.putLong(NodeBlock.HEADER_LENGTH + 8 * j, ptr);
      any |= ptr >= 0;
    }
    return any ? b.array() : null;
  }

  private byte[] encodeInode(Inode f) {
    ByteBuffer b = NodeBlock.create(v.blockSize, NodeBlock.KIND_INODE, f.ino, 0);
    b.put(NodeBlock.TYPE_OFFSET, (byte) f.type.code());
    b.putLong(NodeBlock.PARENT_OFFSET, f.parent);
    b.putLong(NodeBlock.SIZE_OFFSET, f.sizeBytes);
    b.putLong(NodeBlock.MTIME_OFFSET, f.modifiedNanos);
    int at = NodeBlock.POINTERS_OFFSET;
    for (int j = 0; j < v.tree.direct; j++, at += 8) {
      b.putLong(at, f.block(j));
    }
    for (int t = 1; t <= 3; t++, at += 8) {
      b.putLong(at, f.nodeLba.getOrDefault(BlockTree.key(t, 0, 0), -1L));
    }
    return b.array();
  }

  /** Reads and checks the inode at {@code lba} with its whole block map and directory entries. */
  Inode load(long ino, long lba) {
    checkLba(lba, "inode " + ino);
    ByteBuffer b = NodeBlock.check(v.readBlocks(lba, 1), lba, NodeBlock.KIND_INODE, ino, 0);
    FileType type = FileType.ofCode(b.get(NodeBlock.TYPE_OFFSET));
    if (type == null) {
      throw new CorruptImageException(
          "",
          "inode " + ino + " at lba " + lba + " has unknown type " + b.get(NodeBlock.TYPE_OFFSET));
    }
    Inode f =
        new Inode(ino, type, b.getLong(NodeBlock.PARENT_OFFSET), b.getLong(NodeBlock.MTIME_OFFSET));
    f.sizeBytes = b.getLong(NodeBlock.SIZE_OFFSET);
    f.lba = lba;
    f.dirty = false;
    int at = NodeBlock.POINTERS_OFFSET;
    for (int j = 0; j < v.tree.direct; j++, at += 8) {
      f.setBlock(j, pointer(b.getLong(at), f));
    }
    for (int t = 1; t <= 3; t++, at += 8) {
      long root = pointer(b.getLong(at), f);
      if (root >= 0) {
        loadNode(f, BlockTree.key(t, 0, 0), root);
      }
    }
    if (f.isDirectory()) {
      f.entries.putAll(loadEntries(f));
    }
    return f;
  }

  private void loadNode(Inode f, long key, long lba) {
    ByteBuffer b = NodeBlock.check(v.readBlocks(lba, 1), lba, NodeBlock.KIND_INDIRECT, f.ino, key);
    f.nodeLba.put(key, lba);
    long first = v.tree.firstBlock(key);
    int t = BlockTree.tree(key);
    int d = BlockTree.depth(key);
    for (int j = 0; j < v.tree.fanout; j++) {
      long ptr = pointer(b.getLong(NodeBlock.HEADER_LENGTH + 8 * j), f);
      if (ptr < 0) {
        continue;
      }
      if (BlockTree.height(key) == 0) {
        f.setBlock(first + j, ptr);
      } else {
        loadNode(f, BlockTree.key(t, d + 1, BlockTree.index(key) * v.tree.fanout + j), ptr);
      }
    }
  }

  private java.util.TreeMap<String, Long> loadEntries(Inode dir) {
    int payload = v.blockSize - NodeBlock.HEADER_LENGTH;
    long n = (dir.sizeBytes + payload - 1) / payload;
    byte[] bytes = new byte[(int) dir.sizeBytes];
    for (int i = 0; i < n; i++) {
      long lba = dir.block(i);
      if (lba < 0) {
        throw new CorruptImageException("", "directory inode " + dir.ino + " has no block " + i);
      }
      byte[] block = v.readBlocks(lba, 1);
      NodeBlock.check(block, lba, NodeBlock.KIND_DENTRY, dir.ino, i);
      System.arraycopy(
          block,
          NodeBlock.HEADER_LENGTH,
          bytes,
          i * payload,
          (int) Math.min(payload, dir.sizeBytes - (long) i * payload));
    }
    return DirectoryCodec.decode(bytes, dir.ino);
  }

  private long pointer(long lba, Inode f) {
    if (lba != -1) {
      checkLba(lba, "a block of inode " + f.ino);
    }
    return lba;
  }

  private void checkLba(long lba, String what) {
    if (lba < 0
        || lba >= v.geometry.totalBlocks()
        || v.geometry.zoneOf(lba) < Volume.SYSTEM_ZONES
        || v.geometry.zoneOf(lba) >= v.zoneCount
        || lba - v.geometry.zoneStartLba(v.geometry.zoneOf(lba)) >= v.zoneCapacity) {
      throw new CorruptImageException(
          "", what + " points at lba " + lba + ", outside the data zones");
    }
  }
}
