package org.csdlab.fluffle.crash;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.csdlab.fluffle.FileHandle;
import org.csdlab.fluffle.FluffleFs;

/**
 * One filesystem operation of a crash-test workload, run on the filesystem and on the model alike.
 */
sealed interface CrashOp {
  /**
   * Whether the operation succeeds on a filesystem in the model's state (workloads hold only
   * those).
   */
  boolean validIn(FsModel m);

  void applyTo(FluffleFs fs);

  void applyTo(FsModel m);

  /** Model ids whose content, size or name the operation changes (read before it runs). */
  default Set<Integer> touches(FsModel before) {
    return Set.of();
  }

  /** Model ids the operation makes durable (read after it runs). */
  default Set<Integer> makesDurable(FsModel after) {
    return Set.of();
  }

  private static Set<Integer> idsAt(FsModel m, String... paths) {
    Set<Integer> out = new HashSet<>();
    for (String p : paths) {
      FsModel.Node n = m.node(p);
      if (n != null) {
        out.add(n.id());
      }
    }
    return out;
  }

  record Create(String path) implements CrashOp {
    @Override
    public boolean validIn(FsModel m) {
      return !m.exists(path) && m.isDirectory(FsModel.parent(path));
    }

    @Override
    public void applyTo(FluffleFs fs) {
      fs.create(path);
    }

    @Override
    public void applyTo(FsModel m) {
      m.create(path, false);
    }

    @Override
    public String toString() {
      return "create " + path;
    }
  }

  record Mkdir(String path) implements CrashOp {
    @Override
    public boolean validIn(FsModel m) {
      return !m.exists(path) && m.isDirectory(FsModel.parent(path));
    }

    @Override
    public void applyTo(FluffleFs fs) {
      fs.mkdir(path);
    }

    @Override
    public void applyTo(FsModel m) {
      m.create(path, true);
    }

    @Override
    public String toString() {
      return "mkdir " + path;
    }
  }

  /**
   * Writes {@code length} bytes made from {@code seed} (never zero, unique per seed) at {@code
   * offset}.
   */
  record Write(String path, long offset, int length, long seed) implements CrashOp {
    byte[] data() {
      byte[] d = new byte[length];
      new Random(seed).nextBytes(d);
      for (int i = 0; i < d.length; i++) {
        if (d[i] == 0) {
          d[i] = 1;
        }
      }
      return d;
    }

    @Override
    public boolean validIn(FsModel m) {
      return m.isFile(path);
    }

    @Override
    public void applyTo(FluffleFs fs) {
      try (FileHandle h = fs.open(path)) {
        h.write(offset, data());
      }
    }

    @Override
    public void applyTo(FsModel m) {
      m.write(m.node(path).id(), offset, data());
    }

    @Override
    public Set<Integer> touches(FsModel before) {
      return idsAt(before, path);
    }

    @Override
    public String toString() {
      return "write " + path + " " + length + " B at " + offset;
    }
  }

  record Truncate(String path, long size) implements CrashOp {
    @Override
    public boolean validIn(FsModel m) {
      return m.isFile(path);
    }

    @Override
    public void applyTo(FluffleFs fs) {
      try (FileHandle h = fs.open(path)) {
        h.truncate(size);
      }
    }

    @Override
    public void applyTo(FsModel m) {
      m.truncate(m.node(path).id(), size);
    }

    @Override
    public Set<Integer> touches(FsModel before) {
      return idsAt(before, path);
    }

    @Override
    public String toString() {
      return "truncate " + path + " to " + size;
    }
  }

  record Unlink(String path) implements CrashOp {
    @Override
    public boolean validIn(FsModel m) {
      return m.isFile(path);
    }

    @Override
    public void applyTo(FluffleFs fs) {
      fs.unlink(path);
    }

    @Override
    public void applyTo(FsModel m) {
      m.remove(path);
    }

    @Override
    public Set<Integer> touches(FsModel before) {
      return idsAt(before, path);
    }

    @Override
    public String toString() {
      return "unlink " + path;
    }
  }

  record Rmdir(String path) implements CrashOp {
    @Override
    public boolean validIn(FsModel m) {
      return !path.equals("/") && m.isEmptyDirectory(path);
    }

    @Override
    public void applyTo(FluffleFs fs) {
      fs.rmdir(path);
    }

    @Override
    public void applyTo(FsModel m) {
      m.remove(path);
    }

    @Override
    public Set<Integer> touches(FsModel before) {
      return idsAt(before, path);
    }

    @Override
    public String toString() {
      return "rmdir " + path;
    }
  }

  /**
   * Renames a file (replacing a file at {@code to} if there is one) or a directory with what it
   * holds (replacing an empty directory at {@code to} if there is one).
   */
  record Rename(String from, String to) implements CrashOp {
    @Override
    public boolean validIn(FsModel m) {
      if (!m.exists(from)
          || from.equals("/")
          || from.equals(to)
          || to.startsWith(from + "/")
          || !m.isDirectory(FsModel.parent(to))) {
        return false;
      }
      return m.isFile(from)
          ? !m.exists(to) || m.isFile(to)
          : !m.exists(to) || m.isEmptyDirectory(to);
    }

    @Override
    public void applyTo(FluffleFs fs) {
      fs.rename(from, to);
    }

    @Override
    public void applyTo(FsModel m) {
      m.remove(to);
      m.rename(from, to);
    }

    /** Where {@code path} is after the rename if the rename moves it, else null. */
    String moved(String path) {
      return path.equals(from) || path.startsWith(from + "/")
          ? to + path.substring(from.length())
          : null;
    }

    @Override
    public Set<Integer> touches(FsModel before) {
      Set<Integer> out = idsAt(before, from, to);
      before
          .tree()
          .forEach(
              (path, node) -> {
                if (moved(path) != null) {
                  out.add(node.id());
                }
              });
      return out;
    }

    @Override
    public String toString() {
      return "rename " + from + " " + to;
    }
  }

  record Fsync(String path) implements CrashOp {
    @Override
    public boolean validIn(FsModel m) {
      return m.isFile(path);
    }

    @Override
    public void applyTo(FluffleFs fs) {
      try (FileHandle h = fs.open(path)) {
        h.fsync();
      }
    }

    @Override
    public void applyTo(FsModel m) {}

    @Override
    public Set<Integer> makesDurable(FsModel after) {
      return idsAt(after, path);
    }

    @Override
    public String toString() {
      return "fsync " + path;
    }
  }

  record Sync() implements CrashOp {
    @Override
    public boolean validIn(FsModel m) {
      return true;
    }

    @Override
    public void applyTo(FluffleFs fs) {
      fs.sync();
    }

    @Override
    public void applyTo(FsModel m) {}

    @Override
    public Set<Integer> makesDurable(FsModel after) {
      Set<Integer> all = new HashSet<>();
      after.tree().values().forEach(n -> all.add(n.id()));
      return all;
    }

    @Override
    public String toString() {
      return "sync";
    }
  }

  /**
   * Takes a snapshot of a file and keeps it until the unmount: its blocks stay pinned, so the
   * cleaner must work around them. Snapshots do not survive a crash or an unmount.
   */
  record Pin(String path) implements CrashOp {
    @Override
    public boolean validIn(FsModel m) {
      return m.isFile(path);
    }

    @Override
    public void applyTo(FluffleFs fs) {
      fs.snapshot(path); // held until the unmount releases every pin
    }

    @Override
    public void applyTo(FsModel m) {}

    @Override
    public String toString() {
      return "pin " + path;
    }
  }

  /** A forced cleaning pass: changes where blocks lie, never what files hold. */
  record Clean() implements CrashOp {
    @Override
    public boolean validIn(FsModel m) {
      return true;
    }

    @Override
    public void applyTo(FluffleFs fs) {
      fs.clean(org.csdlab.fluffle.CleaningPolicy.GREEDY);
    }

    @Override
    public void applyTo(FsModel m) {}

    @Override
    public String toString() {
      return "clean";
    }
  }
}
