package org.csdlab.zns;

import java.util.ArrayList;
import java.util.List;

/** Runs {@link Command} values on a device and turns the outcome into a {@link Completion}. */
final class CommandExecutor {
  /** The Zone Send Action of Set Zone Descriptor Extension, which carries data. */
  private static final int SET_ZONE_DESCRIPTOR_EXTENSION = 0x10;

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
    } else if (command instanceof Command.WriteZeroes z) {
      device.writeZeroes(z.slba(), z.blocks());
      return 0;
    } else if (command instanceof Command.ZoneAppend a) {
      return device.append(a.zslba(), a.data());
    } else if (command instanceof Command.ZoneManagementSend s) {
      ZoneAction action = zoneSendAction(s.zoneSendAction());
      if (s.selectAll()) {
        device.manageAll(action);
      } else {
        device.manage(zoneStarting(action.commandName(), s.slba()), action);
      }
      return 0;
    } else if (command instanceof Command.SetZoneDescriptorExtension x) {
      device.setDescriptorExtension(
          zoneStarting("set zone descriptor extension", x.slba()), x.data());
      return 0;
    } else if (command instanceof Command.ZoneManagementReceive r) {
      report(r);
      return 0;
    } else if (command instanceof Command.Identify i) {
      identify(i);
      return 0;
    }
    throw new IllegalArgumentException("unknown command " + command);
  }

  /** The action a raw Zone Send Action value names; reserved values are an Invalid Field. */
  static ZoneAction zoneSendAction(int code) {
    return ZoneAction.fromCode(code)
        .orElseThrow(
            () ->
                new ZnsException(
                    StatusCode.INVALID_FIELD,
                    "zone management send",
                    ZnsException.NONE,
                    ZnsException.NONE,
                    String.format(
                        "zone management send: zone send action %02Xh %s",
                        code,
                        code == SET_ZONE_DESCRIPTOR_EXTENSION
                            ? "(Set Zone Descriptor Extension) carries data; send it as"
                                + " Command.SetZoneDescriptorExtension"
                            : "is reserved; the actions are 01h close, 02h finish, 03h open,"
                                + " 04h reset, 05h offline and 10h set zone descriptor"
                                + " extension")));
  }

  /** Zone Management Receive: Report Zones or Extended Report Zones into the host buffer. */
  private void report(Command.ZoneManagementReceive r) {
    Geometry g = device.geometry();
    String command =
        r.zoneReceiveAction() == Command.ZoneManagementReceive.EXTENDED_REPORT_ZONES
            ? "extended report zones"
            : "report zones";
    if (r.zoneReceiveAction() != Command.ZoneManagementReceive.REPORT_ZONES
        && r.zoneReceiveAction() != Command.ZoneManagementReceive.EXTENDED_REPORT_ZONES) {
      throw new ZnsException(
          StatusCode.INVALID_FIELD,
          "zone management receive",
          ZnsException.NONE,
          ZnsException.NONE,
          String.format(
              "zone management receive: zone receive action %02Xh is reserved; the actions are"
                  + " 00h report zones and 01h extended report zones",
              r.zoneReceiveAction()));
    }
    ReportFilter filter =
        ReportFilter.fromCode(r.reportingOptions())
            .orElseThrow(
                () ->
                    new ZnsException(
                        StatusCode.INVALID_FIELD,
                        command,
                        ZnsException.NONE,
                        ZnsException.NONE,
                        String.format(
                            "%s: reporting options %02Xh are reserved; the options are 00h (all"
                                + " zones) to 07h (Offline zones)",
                            command, r.reportingOptions())));
    if (r.slba() < 0 || r.slba() >= g.totalBlocks()) {
      throw new ZnsException(
          StatusCode.LBA_OUT_OF_RANGE,
          command,
          ZnsException.NONE,
          ZnsException.NONE,
          command + ": lba " + r.slba() + " is outside the device");
    }
    device.checkTransfer(command, r.buffer().length);
    int first = g.zoneOf(r.slba());
    boolean extended = r.zoneReceiveAction() == Command.ZoneManagementReceive.EXTENDED_REPORT_ZONES;
    int extensionBytes = g.zoneDescriptorExtensionBytes();
    if (extended && extensionBytes == 0) {
      throw new ZnsException(
          StatusCode.INVALID_FIELD,
          command,
          ZnsException.NONE,
          ZnsException.NONE,
          "extended report zones: the device has no zone descriptor extensions");
    }
    if (r.buffer().length < ZoneReportLayout.HEADER_BYTES) {
      throw new ZnsException(
          StatusCode.INVALID_FIELD,
          command,
          ZnsException.NONE,
          ZnsException.NONE,
          command
              + ": a buffer of "
              + r.buffer().length
              + " bytes cannot hold the "
              + ZoneReportLayout.HEADER_BYTES
              + "-byte header");
    }
    List<ZoneReportLayout.Entry> matching = new ArrayList<>();
    for (ZoneReportLayout.Entry e : device.reportEntries(filter)) {
      if (e.zone().id() >= first) {
        matching.add(e);
      }
    }
    ZoneReportLayout.write(r.buffer(), matching, r.partial(), extended ? extensionBytes : 0);
  }

  /** Identify: the data structure the CNS value names, into the host buffer. */
  private void identify(Command.Identify i) {
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
    switch (i.cns()) {
      case Command.Identify.ZONED_NAMESPACE -> device.identify().writeTo(i.buffer());
      case Command.Identify.CONTROLLER -> device.identifyController().writeControllerTo(i.buffer());
      case Command.Identify.ZONED_CONTROLLER ->
          device.identifyController().writeZonedControllerTo(i.buffer());
      default ->
          throw new ZnsException(
              StatusCode.INVALID_FIELD,
              "identify",
              ZnsException.NONE,
              ZnsException.NONE,
              String.format(
                  "identify: CNS %02Xh is not supported; the device answers 01h (controller), 05h"
                      + " (zoned namespace) and 06h (zoned controller)",
                  i.cns()));
    }
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
