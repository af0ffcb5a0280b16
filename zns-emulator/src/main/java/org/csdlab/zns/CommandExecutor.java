package org.csdlab.zns;

import java.util.ArrayList;
import java.util.List;

/** Runs {@link Command} values on a device and turns the outcome into a {@link Completion}. */
final class CommandExecutor {
  private final ZnsDevice device;

  CommandExecutor(ZnsDevice device) {
    this.device = device;
  }

  Completion execute(Command command) {
    try {
      return Completion.success(run(command));
    } catch (ZnsException e) {
      return Completion.failure(e.statusCode());
    }
  }

  private long run(Command command) {
    Geometry g = device.geometry();
    if (command instanceof Command.Read r) {
      if ((long) r.blocks() * g.blockSizeBytes() > r.buffer().length) {
        throw new ZnsException(StatusCode.INVALID_FIELD, "read", ZnsException.NONE, ZnsException.NONE,
            "read: buffer of " + r.buffer().length + " bytes cannot hold " + r.blocks() + " blocks");
      }
      byte[] data = device.read(r.slba(), r.blocks());
      System.arraycopy(data, 0, r.buffer(), 0, data.length);
      return 0;
    } else if (command instanceof Command.Write w) {
      device.write(w.slba(), w.data());
      return 0;
    } else if (command instanceof Command.ZoneAppend a) {
      return device.append(a.zslba(), a.data());
    } else if (command instanceof Command.ZoneManagementSend s) {
      if (s.selectAll()) {
        device.manageAll(s.action());
      } else {
        device.manage(zoneStarting(s.action().commandName(), s.slba()), s.action());
      }
      return 0;
    } else if (command instanceof Command.ZoneManagementReceive r) {
      if (r.slba() < 0 || r.slba() >= g.totalBlocks()) {
        throw new ZnsException(StatusCode.LBA_OUT_OF_RANGE, "report zones", ZnsException.NONE, ZnsException.NONE,
            "report zones: lba " + r.slba() + " is outside the device");
      }
      int first = g.zoneOf(r.slba());
      List<Zone> matching = new ArrayList<>();
      for (Zone z : device.report(r.filter())) {
        if (z.id() >= first) {
          matching.add(z);
        }
      }
      ZoneReportLayout.write(r.buffer(), matching, r.partial());
      return 0;
    } else if (command instanceof Command.Identify i) {
      device.identify().writeTo(i.buffer());
      return 0;
    }
    throw new IllegalArgumentException("unknown command " + command);
  }

  /** The zone starting at {@code slba}; Zone Management Send needs a zone start LBA. */
  private int zoneStarting(String command, long slba) {
    Geometry g = device.geometry();
    if (slba < 0 || slba >= g.totalBlocks()) {
      throw new ZnsException(StatusCode.LBA_OUT_OF_RANGE, command, ZnsException.NONE, ZnsException.NONE,
          command + ": lba " + slba + " is outside the device");
    }
    int zone = g.zoneOf(slba);
    if (g.zoneStartLba(zone) != slba) {
      throw new ZnsException(StatusCode.INVALID_FIELD, command, zone, ZnsException.NONE,
          command + ": lba " + slba + " is not a zone start; zone " + zone + " starts at " + g.zoneStartLba(zone));
    }
    return zone;
  }
}
