package org.csdlab.fluffle.crash;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.csdlab.fluffle.FluffleFs;
import org.csdlab.fluffle.FsCounters;
import org.csdlab.fluffle.NoSpaceException;
import org.csdlab.zns.DeviceJournal;
import org.csdlab.zns.ZnsDevice;

/**
 * A workload run on a freshly formatted filesystem with every device command journaled: the model
 * after each operation and the journal positions where each operation began and ended.
 */
final class Recording {
  final List<CrashOp> ops;

  /** models.get(i): the filesystem's expected state after the first i operations. */
  final List<FsModel> models = new ArrayList<>();

  /**
   * begin[i], end[i]: journal sizes before and after operation i; the last entry is the unmount.
   */
  final int[] begin;

  final int[] end;

  /** The filesystem's inode number of each model id. */
  final Map<Integer, Long> inodeOf = new HashMap<>();

  final DeviceJournal journal;

  /** Structural problems {@code fs.check()} found on the live filesystem after an operation. */
  final List<String> liveProblems = new ArrayList<>();

  /** Operations refused with "no space left". */
  int refusedForSpace;

  /** The filesystem's counters just before the unmount. */
  FsCounters counters;

  private Recording(List<CrashOp> ops, DeviceJournal journal) {
    this.ops = List.copyOf(ops);
    this.journal = journal;
    this.begin = new int[ops.size() + 1];
    this.end = new int[ops.size() + 1];
  }

  /**
   * Formats a filesystem on {@code device}, then runs {@code ops} on it with a journal attached,
   * then unmounts.
   */
  static Recording run(ZnsDevice device, List<CrashOp> ops) {
    FluffleFs fs = CrashHarness.format(device);
    DeviceJournal journal = DeviceJournal.attach(device);
    Recording r = new Recording(ops, journal);
    FsModel model = new FsModel(device.geometry().blockSizeBytes());
    r.models.add(model.copy());
    r.inodeOf.put(0, fs.stat("/").inode());
    for (int i = 0; i < ops.size(); i++) {
      CrashOp op = ops.get(i);
      if (!op.validIn(model)) {
        throw new IllegalArgumentException(
            "operation " + i + " (" + op + ") is not valid in the model: " + ops);
      }
      r.begin[i] = journal.size();
      try {
        op.applyTo(fs);
        op.applyTo(model);
      } catch (NoSpaceException full) {
        // refused for space: it must change nothing, which the model (unchanged) checks
        r.refusedForSpace++;
      }
      r.end[i] = journal.size();
      if (op instanceof CrashOp.Create c) {
        r.inodeOf.put(model.node(c.path()).id(), fs.stat(c.path()).inode());
      } else if (op instanceof CrashOp.Mkdir c) {
        r.inodeOf.put(model.node(c.path()).id(), fs.stat(c.path()).inode());
      }
      r.models.add(model.copy());
      for (String problem : fs.check().problems()) {
        r.liveProblems.add("after operation " + i + " (" + op + "), before any crash: " + problem);
      }
    }
    r.begin[ops.size()] = journal.size();
    r.counters = fs.counters();
    fs.unmount();
    r.end[ops.size()] = journal.size();
    journal.detach();
    return r;
  }

  /**
   * Operations (the unmount is number {@code ops.size()}) whose commands all reached the device
   * when it holds {@code commands} whole commands.
   */
  int completedAt(int commands) {
    int done = 0;
    while (done < end.length && end[done] <= commands) {
      done++;
    }
    return done;
  }

  /**
   * The operation the crash interrupted, or -1: the first incomplete one if some of its commands
   * (or part of one, when {@code torn}) reached the device.
   */
  int inFlightAt(int commands, boolean torn) {
    int next = completedAt(commands);
    return next < end.length && (begin[next] < commands || torn) ? next : -1;
  }

  /**
   * Which operations a crash point falls after and during, e.g. "(3 operations done, during 3:
   * fsync /a)".
   */
  String describe(CrashHarness.CrashPoint point) {
    int whole = point.torn() ? point.commands() - 1 : point.commands();
    int done = completedAt(whole);
    int during = inFlightAt(whole, point.torn());
    String op =
        during < 0
            ? ""
            : ", during " + during + ": " + (during < ops.size() ? ops.get(during) : "unmount");
    return "(" + done + " operations done" + op + ")";
  }

  /** The model id of inode {@code inode}, or -1. */
  int idOfInode(long inode) {
    for (Map.Entry<Integer, Long> e : inodeOf.entrySet()) {
      if (e.getValue() == inode) {
        return e.getKey();
      }
    }
    return -1;
  }
}
