package org.csdlab.fluffle.crash;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The oracle: what the filesystem should hold after each operation of a workload, and every version
 * each file ever had (the versions a crash may expose).
 *
 * <p>Files and directories are known by a model id, assigned at creation; the filesystem's inode
 * number of each id is learned when the workload runs it.
 */
final class FsModel {
  /** One name in the tree. */
  record Node(int id, boolean directory) {}

  private final int blockSize;
  private final TreeMap<String, Node> tree = new TreeMap<>();
  private final Map<Integer, byte[]> contents = new HashMap<>();

  /** Every size each file had. */
  private final Map<Integer, Set<Long>> sizes = new HashMap<>();

  /** Every image each file block had, zero-padded to the block size. */
  private final Map<Integer, Map<Long, Set<String>>> blockImages = new HashMap<>();

  /** Every path each id was reachable at. */
  private final Map<Integer, Set<String>> pathsOf = new HashMap<>();

  private int nextId = 1;

  FsModel(int blockSize) {
    this.blockSize = blockSize;
    tree.put("/", new Node(0, true));
    pathsOf.computeIfAbsent(0, k -> new HashSet<>()).add("/");
  }

  FsModel copy() {
    FsModel m = new FsModel(blockSize);
    m.tree.clear();
    m.tree.putAll(tree);
    contents.forEach((id, c) -> m.contents.put(id, c.clone()));
    sizes.forEach((id, s) -> m.sizes.put(id, new HashSet<>(s)));
    blockImages.forEach(
        (id, b) -> {
          Map<Long, Set<String>> copy = new HashMap<>();
          b.forEach((k, v) -> copy.put(k, new HashSet<>(v)));
          m.blockImages.put(id, copy);
        });
    pathsOf.forEach((id, p) -> m.pathsOf.put(id, new HashSet<>(p)));
    m.nextId = nextId;
    return m;
  }

  // ---------------------------------------------------------------- queries

  Node node(String path) {
    return tree.get(path);
  }

  boolean exists(String path) {
    return tree.containsKey(path);
  }

  boolean isFile(String path) {
    Node n = tree.get(path);
    return n != null && !n.directory();
  }

  boolean isDirectory(String path) {
    Node n = tree.get(path);
    return n != null && n.directory();
  }

  boolean isEmptyDirectory(String path) {
    return isDirectory(path) && children(path).isEmpty();
  }

  List<String> children(String dir) {
    String prefix = dir.equals("/") ? "/" : dir + "/";
    List<String> out = new ArrayList<>();
    for (String p : tree.tailMap(prefix, false).keySet()) {
      if (!p.startsWith(prefix)) {
        break;
      }
      if (p.indexOf('/', prefix.length()) < 0) {
        out.add(p);
      }
    }
    return out;
  }

  byte[] content(int id) {
    return contents.get(id).clone();
  }

  /** The tree: path to node (a copy). */
  Map<String, Node> tree() {
    return new TreeMap<>(tree);
  }

  List<String> files() {
    return tree.entrySet().stream()
        .filter(e -> !e.getValue().directory())
        .map(Map.Entry::getKey)
        .toList();
  }

  boolean everHadSize(int id, long size) {
    return sizes.getOrDefault(id, Set.of()).contains(size);
  }

  /**
   * Whether {@code bytes} (a block's bytes up to the file size) is a prefix of some image block
   * {@code block} of {@code id} had.
   */
  boolean everHadBlock(int id, long block, byte[] bytes) {
    Set<String> images = blockImages.getOrDefault(id, Map.of()).getOrDefault(block, Set.of());
    byte[] padded = Arrays.copyOf(bytes, blockSize);
    if (images.contains(key(padded))) {
      return true;
    }
    // a shorter view (the size cut the block) matches an image whose tail is past the size
    for (String image : images) {
      if (image.startsWith(key(bytes))) {
        return true;
      }
    }
    return isZero(bytes);
  }

  Set<String> pathsOf(int id) {
    return pathsOf.getOrDefault(id, Set.of());
  }

  static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash == 0 ? "/" : path.substring(0, slash);
  }

  // ---------------------------------------------------------------- changes

  int create(String path, boolean directory) {
    int id = nextId++;
    tree.put(path, new Node(id, directory));
    pathsOf.computeIfAbsent(id, k -> new HashSet<>()).add(path);
    if (!directory) {
      contents.put(id, new byte[0]);
      remember(id);
    }
    return id;
  }

  void remove(String path) {
    tree.remove(path);
  }

  void rename(String from, String to) {
    Node n = tree.remove(from);
    if (n.directory()) {
      // move the subtree
      String prefix = from + "/";
      for (String p : new ArrayList<>(tree.tailMap(prefix, true).keySet())) {
        if (!p.startsWith(prefix)) {
          break;
        }
        Node child = tree.remove(p);
        String moved = to + p.substring(from.length());
        tree.put(moved, child);
        pathsOf.computeIfAbsent(child.id(), k -> new HashSet<>()).add(moved);
      }
    }
    tree.put(to, n);
    pathsOf.computeIfAbsent(n.id(), k -> new HashSet<>()).add(to);
  }

  void write(int id, long offset, byte[] data) {
    byte[] c = contents.get(id);
    long end = offset + data.length;
    if (end > c.length) {
      c = Arrays.copyOf(c, (int) end);
    }
    System.arraycopy(data, 0, c, (int) offset, data.length);
    contents.put(id, c);
    remember(id);
  }

  void truncate(int id, long size) {
    contents.put(id, Arrays.copyOf(contents.get(id), (int) size));
    remember(id);
  }

  private void remember(int id) {
    byte[] c = contents.get(id);
    sizes.computeIfAbsent(id, k -> new HashSet<>()).add((long) c.length);
    Map<Long, Set<String>> images = blockImages.computeIfAbsent(id, k -> new HashMap<>());
    for (long b = 0; (long) b * blockSize < c.length; b++) {
      int from = (int) (b * blockSize);
      byte[] block =
          Arrays.copyOf(
              Arrays.copyOfRange(c, from, Math.min(c.length, from + blockSize)), blockSize);
      images.computeIfAbsent(b, k -> new HashSet<>()).add(key(block));
    }
  }

  private static String key(byte[] bytes) {
    return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  private static boolean isZero(byte[] bytes) {
    for (byte b : bytes) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
