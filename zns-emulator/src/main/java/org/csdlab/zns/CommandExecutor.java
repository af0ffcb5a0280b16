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
    device.clearLastCommandNanos();
    try {
      long value = run(command);
      return Completion.success(value, device.lastCommandNanos());
    } catch (ZnsException e) {
      return Completion.failure(e.statusCode());
    }
  }

  private long run(Command command) {
    Geometry g = device.geometry();
    if (command instanceof Command.Read r) {
      if ((long) r.blocks() * g.blockSizeBytes() > r.buffer().length) {
        throw new ZnsException(
            StatusCode.INVALID_FIELD,
            "read",
            ZnsException.NONE,
            ZnsException.NONE,
            "read: buffer of "
                + r.buffer().length
                + " bytes cannot hold "
                + r.blocks()
                + " blocks");
      }
      device.read(r.slba(), r.blocks(), r.buffer(), 0);
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
    } else if (command instanceof Command.SetZoneDescriptorExtension x) {
      device.setDescriptorExtension(
          zoneStarting("set zone descriptor extension", x.slba()), x.data());
      return 0;
    } else if (command instanceof Command.ZoneManagementReceive r) {
      if (r.slba() < 0 || r.slba() >= g.totalBlocks()) {
        throw new ZnsException(
            StatusCode.LBA_OUT_OF_RANGE,
            "report zones",
            ZnsException.NONE,
            ZnsException.NONE,
            "report zones: lba " + r.slba() + " is outside the device");
      }
      int first = g.zoneOf(r.slba());
      int extensionBytes = g.zoneDescriptorExtensionBytes();
      if (r.extended() && extensionBytes == 0) {
        throw new ZnsException(
            StatusCode.INVALID_FIELD,
            "extended report zones",
            ZnsException.NONE,
            ZnsException.NONE,
            "extended report zones: the device has no zone descriptor extensions");
      }
      List<ZoneReportLayout.Entry> matching = new ArrayList<>();
      for (ZoneReportLayout.Entry e : device.reportEntries(r.filter())) {
        if (e.zone().id() >= first) {
          matching.add(e);
        }
      }
      if (r.buffer().length < ZoneReportLayout.HEADER_BYTES) {
        throw new ZnsException(
            StatusCode.INVALID_FIELD,
            "report zones",
            ZnsException.NONE,
            ZnsException.NONE,
            "report zones: a buffer of "
                + r.buffer().length
                + " bytes cannot hold the "
                + ZoneReportLayout.HEADER_BYTES
                + "-byte header");
      }
      ZoneReportLayout.write(r.buffer(), matching, r.partial(), r.extended() ? extensionBytes : 0);
      return 0;
    } else if (command instanceof Command.Identify i) {
      if (i.buffer().length < NamespaceIdentity.BYTES) {
        throw new ZnsException(
            StatusCode.INVALID_FIELD,
            "identify",
            ZnsException.NONE,
            ZnsException.NONE,
            "identify: the buffer must hold "
                + NamespaceIdentity.BYTES
                + " bytes, has "
                + i.buffer().length);
      }
      device.identify().writeTo(i.buffer());
      return 0;
    }
    throw new IllegalArgumentException("unknown command " + command);
  }

  /**
   * The zone starting at {@code slba}; Zone Management Send needs a zone start LBA, and one at or
   * past the namespace size is an Invalid Field, not an LBA out of range (as QEMU answers too).
   */
  private int zoneStarting(String command, long slba) {
    Geometry g = device.geometry();
    if (slba < 0 || slba >= g.totalBlocks()) {
      throw new ZnsException(
          StatusCode.INVALID_FIELD,
          command,
          ZnsException.NONE,
          ZnsException.NONE,
          command + ": lba " + slba + " is outside the device");
    }
    int zone = g.zoneOf(slba);
    if (g.zoneStartLba(zone) != slba) {
      throw new ZnsException(
          StatusCode.INVALID_FIELD,
          command,
          zone,
          ZnsException.NONE,
          command
              + ": lba "
              + slba
              + " is not a zone start; zone "
              + zone
              + " starts at "
              + g.zoneStartLba(zone));
    }
    return zone;
  }
}
