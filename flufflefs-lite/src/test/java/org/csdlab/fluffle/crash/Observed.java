package org.csdlab.fluffle.crash;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.csdlab.fluffle.FileHandle;
import org.csdlab.fluffle.FileStat;
import org.csdlab.fluffle.FluffleFs;

/**
 * What a mounted filesystem holds, read through its public API: every path, its inode, size, bytes
 * and blocks.
 */
record Observed(
    String path, boolean directory, long inode, long size, byte[] content, List<Long> lbas) {

  /** The whole tree, path to entry, walked from the root. */
  static Map<String, Observed> readTree(FluffleFs fs) {
    Map<String, Observed> out = new TreeMap<>();
    List<String> pending = new ArrayList<>(List.of("/"));
    while (!pending.isEmpty()) {
      String path = pending.remove(pending.size() - 1);
      FileStat stat = fs.stat(path);
      boolean directory = stat.type() == org.csdlab.fluffle.FileType.DIRECTORY;
      byte[] content = new byte[0];
      List<Long> lbas = List.of();
      if (directory) {
        for (String name : fs.list(path)) {
          pending.add(path.equals("/") ? "/" + name : path + "/" + name);
        }
      } else {
        try (FileHandle h = fs.open(path)) {
          content = h.read(0, Math.toIntExact(stat.size()));
        }
        lbas = fs.layout(path).lbaOfBlock();
      }
      out.put(path, new Observed(path, directory, stat.inode(), stat.size(), content, lbas));
    }
    return out;
  }

  /** The tree without block placement (what recovery must reproduce exactly). */
  static Map<String, String> summary(Map<String, Observed> tree) {
    Map<String, String> out = new TreeMap<>();
    tree.forEach(
        (p, o) ->
            out.put(
                p,
                (o.directory ? "dir" : "file")
                    + " inode "
                    + o.inode
                    + " size "
                    + o.size
                    + " content#"
                    + Arrays.hashCode(o.content)));
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Observed x
        && path.equals(x.path)
        && directory == x.directory
        && inode == x.inode
        && size == x.size
        && Arrays.equals(content, x.content)
        && lbas.equals(x.lbas);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, inode, size) * 31 + Arrays.hashCode(content);
  }

  @Override
  public String toString() {
    return (directory ? "dir " : "file ")
        + path
        + " inode "
        + inode
        + (directory ? "" : " size " + size);
  }
}
