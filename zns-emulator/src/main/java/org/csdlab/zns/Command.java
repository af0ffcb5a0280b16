package org.csdlab.zns;

import java.util.Objects;

/**
 * NVMe commands as values, in the shape the spec gives them, for {@link ZnsDevice#submit}. Commands
 * that return data carry the host buffer the device fills, as a real controller would fill host
 * memory.
 */
public sealed interface Command
    permits Command.Read,
        Command.Write,
        Command.ZoneAppend,
        Command.ZoneManagementSend,
        Command.SetZoneDescriptorExtension,
        Command.ZoneManagementReceive,
        Command.Identify {

  /** The opcode of this command in the spec. */
  int opcode();

  /**
   * Read (02h): {@code blocks} logical blocks from {@code slba} into {@code buffer}.
   *
   * @param slba starting LBA
   * @param blocks number of blocks (the spec's NLB is this minus one)
   * @param buffer host buffer, at least {@code blocks} × block size bytes
   */
  record Read(long slba, int blocks, byte[] buffer) implements Command {
    public Read {
      Objects.requireNonNull(buffer, "buffer");
    }

    @Override
    public int opcode() {
      return 0x02;
    }

    @Override
    public String toString() {
      return "Read[slba=" + slba + ", nlb=" + (blocks - 1) + "]";
    }
  }

  /** Write (01h): {@code data} at {@code slba}, which must be its zone's write pointer. */
  record Write(long slba, byte[] data) implements Command {
    public Write {
      Objects.requireNonNull(data, "data");
    }

    @Override
    public int opcode() {
      return 0x01;
    }

    @Override
    public String toString() {
      return "Write[slba=" + slba + ", bytes=" + data.length + "]";
    }
  }

  /**
   * Zone Append (7Dh): {@code data} to the zone starting at {@code zslba}; DW1:DW0 of the
   * completion is the LBA written.
   */
  record ZoneAppend(long zslba, byte[] data) implements Command {
    public ZoneAppend {
      Objects.requireNonNull(data, "data");
    }

    @Override
    public int opcode() {
      return 0x7D;
    }

    @Override
    public String toString() {
      return "ZoneAppend[zslba=" + zslba + ", bytes=" + data.length + "]";
    }
  }

  /**
   * Zone Management Send (79h): {@code action} on the zone starting at {@code slba}, or on all
   * zones.
   */
  record ZoneManagementSend(long slba, ZoneAction action, boolean selectAll) implements Command {
    public ZoneManagementSend {
      Objects.requireNonNull(action, "action");
    }

    @Override
    public int opcode() {
      return 0x79;
    }
  }

  /**
   * Zone Management Send (79h) with Set Zone Descriptor Extension (10h): {@code data} becomes the
   * extension of the Empty zone starting at {@code slba}.
   */
  record SetZoneDescriptorExtension(long slba, byte[] data) implements Command {
    public SetZoneDescriptorExtension {
      Objects.requireNonNull(data, "data");
    }

    @Override
    public int opcode() {
      return 0x79;
    }

    @Override
    public String toString() {
      return "SetZoneDescriptorExtension[slba=" + slba + ", bytes=" + data.length + "]";
    }
  }

  /**
   * Zone Management Receive (7Ah) with Report Zones, or Extended Report Zones: fills {@code buffer}
   * with a report header and zone descriptors (layout in {@link ZoneReportLayout}) for the zones
   * {@code filter} selects, from the zone holding {@code slba} on.
   *
   * @param partial the Partial Report bit: when set, the header counts the descriptors that fit in
   *     the buffer; when clear, every matching zone
   * @param extended Extended Report Zones: each descriptor is followed by its zone's descriptor
   *     extension
   */
  record ZoneManagementReceive(
      long slba, ReportFilter filter, boolean partial, boolean extended, byte[] buffer)
      implements Command {
    /** A plain Report Zones. */
    public ZoneManagementReceive(long slba, ReportFilter filter, boolean partial, byte[] buffer) {
      this(slba, filter, partial, false, buffer);
    }

    public ZoneManagementReceive {
      Objects.requireNonNull(filter, "filter");
      Objects.requireNonNull(buffer, "buffer");
    }

    @Override
    public int opcode() {
      return 0x7A;
    }

    @Override
    public String toString() {
      return "ZoneManagementReceive[slba="
          + slba
          + ", filter="
          + filter
          + ", partial="
          + partial
          + ", extended="
          + extended
          + ", bytes="
          + buffer.length
          + "]";
    }
  }

  /**
   * Identify (06h), CNS 05h for the Zoned Namespace command set: fills {@code buffer} (4096 bytes).
   */
  record Identify(byte[] buffer) implements Command {
    public Identify {
      Objects.requireNonNull(buffer, "buffer");
    }

    @Override
    public int opcode() {
      return 0x06;
    }

    @Override
    public String toString() {
      return "Identify[cns=05h, csi=02h]";
    }
  }
}
