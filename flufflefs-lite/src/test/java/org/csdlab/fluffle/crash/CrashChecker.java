package org.csdlab.fluffle.crash;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares the tree a recovered filesystem holds with what the workload allows after a crash: only
 * data that was written (never another file's, never garbage), no name for two files, no block
 * owned twice, and everything made durable by fsync or sync still there unless a later operation
 * changed it.
 */
final class CrashChecker {
  private final Recording recording;
  private final int blockSize;

  CrashChecker(Recording recording, int blockSize) {
    this.recording = recording;
    this.blockSize = blockSize;
  }

  /**
   * The violations of the tree recovered after a crash when {@code completed} operations had
   * finished and operation {@code inFlight} (or -1) was under way.
   */
  List<String> check(Map<String, Observed> tree, int completed, int inFlight) {
    List<String> out = new ArrayList<>();
    int lastVisible =
        inFlight >= 0
            ? Math.min(inFlight + 1, recording.ops.size())
            : Math.min(completed, recording.ops.size());
    Map<Long, String> pathOfInode = new HashMap<>();
    Map<Long, String> ownerOfLba = new HashMap<>();
    for (Observed o : tree.values()) {
      String other = pathOfInode.put(o.inode(), o.path());
      if (other != null) {
        out.add("inode " + o.inode() + " has two names: " + other + " and " + o.path());
      }
      for (int b = 0; b < o.lbas().size(); b++) {
        long lba = o.lbas().get(b);
        if (lba >= 0) {
          String owner = ownerOfLba.put(lba, o.path() + " block " + b);
          if (owner != null) {
            out.add(
                "lba " + lba + " is owned twice: by " + owner + " and " + o.path() + " block " + b);
          }
        }
      }
      int id = recording.idOfInode(o.inode());
      if (id < 0) {
        out.add(o + ": no operation created inode " + o.inode());
        continue;
      }
      FsModel history = recording.models.get(lastVisible);
      if (!history.pathsOf(id).contains(o.path())) {
        out.add(
            o
                + ": model id "
                + id
                + " was never named "
                + o.path()
                + " (names: "
                + history.pathsOf(id)
                + ")");
      }
      if (o.directory()) {
        continue;
      }
      if (!history.everHadSize(id, o.size())) {
        out.add(o + ": the file never had size " + o.size());
      }
      for (long b = 0; b * blockSize < o.size(); b++) {
        int from = (int) (b * blockSize);
        byte[] bytes =
            Arrays.copyOfRange(
                o.content(), from, (int) Math.min(o.size(), from + (long) blockSize));
        if (!history.everHadBlock(id, b, bytes)) {
          out.add(
              o
                  + ": block "
                  + b
                  + " holds bytes never written to it (not a version of this file, not zeros)");
        }
      }
    }
    checkDurability(tree, completed, inFlight, out);
    return out;
  }

  /** Durable ids whose last durable state must be visible, and where. */
  private void checkDurability(
      Map<String, Observed> tree, int completed, int inFlight, List<String> out) {
    int ops = recording.ops.size();
    int lastStarted = inFlight >= 0 ? Math.min(inFlight, ops - 1) : Math.min(completed, ops) - 1;
    Map<Integer, Integer> durableAt = new HashMap<>();
    for (int i = 0; i < Math.min(completed, ops); i++) {
      for (int id : recording.ops.get(i).makesDurable(recording.models.get(i + 1))) {
        durableAt.put(id, i);
      }
    }
    Map<Long, Observed> byInode = new HashMap<>();
    tree.values().forEach(o -> byInode.put(o.inode(), o));
    for (Map.Entry<Integer, Integer> e : durableAt.entrySet()) {
      int id = e.getKey();
      int d = e.getValue();
      boolean changed = false;
      boolean removed = false;
      Set<String> names = new HashSet<>();
      FsModel atD = recording.models.get(d + 1);
      String durablePath = pathOf(atD, id);
      if (durablePath == null) {
        continue;
      }
      names.add(durablePath);
      for (int j = d + 1; j <= lastStarted; j++) {
        CrashOp op = recording.ops.get(j);
        FsModel before = recording.models.get(j);
        if (!op.touches(before).contains(id)) {
          continue;
        }
        if (op instanceof CrashOp.Rename r) {
          boolean moved = false;
          for (String name : new ArrayList<>(names)) {
            String to = r.moved(name);
            if (to != null) {
              names.add(to);
              moved = true;
            }
          }
          removed |= !moved; // the target a rename replaced
        } else if (op instanceof CrashOp.Unlink || op instanceof CrashOp.Rmdir) {
          removed = true;
        } else {
          changed = true;
        }
      }
      if (changed) {
        continue;
      }
      Long inode = recording.inodeOf.get(id);
      Observed seen = inode == null ? null : byInode.get(inode);
      String what =
          (atD.isDirectory(durablePath) ? "directory " : "file ")
              + durablePath
              + " (durable since operation "
              + d
              + ", "
              + recording.ops.get(d)
              + ")";
      if (seen == null) {
        if (!removed) {
          out.add(what + " is missing after the crash");
        }
        continue;
      }
      if (!names.contains(seen.path())) {
        out.add(what + " reappeared as " + seen.path() + "; allowed names " + names);
      }
      if (!seen.directory()) {
        byte[] expected = atD.content(id);
        if (!Arrays.equals(expected, seen.content())) {
          out.add(
              what
                  + " lost its durable contents: size "
                  + seen.size()
                  + ", expected "
                  + expected.length
                  + (seen.size() == expected.length ? " (same size, different bytes)" : ""));
        }
      }
    }
  }

  private static String pathOf(FsModel m, int id) {
    for (Map.Entry<String, FsModel.Node> e : m.tree().entrySet()) {
      if (e.getValue().id() == id) {
        return e.getKey();
      }
    }
    return null;
  }
}
