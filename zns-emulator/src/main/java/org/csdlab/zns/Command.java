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
        Command.WriteZeroes,
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
   * Write Zeroes (08h): {@code blocks} zero blocks at {@code slba}, which must be its zone's write
   * pointer, as for a Write; no data crosses the host link, so MDTS does not limit it.
   *
   * @param blocks number of blocks (the spec's NLB is this minus one)
   */
  record WriteZeroes(long slba, int blocks) implements Command {
    @Override
    public int opcode() {
      return 0x08;
    }

    @Override
    public String toString() {
      return "WriteZeroes[slba=" + slba + ", nlb=" + (blocks - 1) + "]";
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
   * Zone Management Send (79h): the Zone Send Action {@code zoneSendAction} on the zone starting at
   * {@code slba}, or on all zones. The action is the raw value, so a test harness can send reserved
   * ones (the device refuses them with Invalid Field); {@link ZoneAction} names the defined ones.
   */
  record ZoneManagementSend(long slba, int zoneSendAction, boolean selectAll) implements Command {
    /** A defined action. */
    public ZoneManagementSend(long slba, ZoneAction action, boolean selectAll) {
      this(slba, Objects.requireNonNull(action, "action").code(), selectAll);
    }

    @Override
    public int opcode() {
      return 0x79;
    }

    @Override
    public String toString() {
      return String.format(
          "ZoneManagementSend[slba=%d, zsa=%02Xh, selectAll=%s]", slba, zoneSendAction, selectAll);
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
   * Zone Management Receive (7Ah): fills {@code buffer} with a report header and zone descriptors
   * (layout in {@link ZoneReportLayout}) for the zones the reporting options select, from the zone
   * holding {@code slba} on. Action and options are the raw values, so a test harness can send
   * reserved ones (the device refuses them with Invalid Field).
   *
   * @param zoneReceiveAction {@link #REPORT_ZONES} or {@link #EXTENDED_REPORT_ZONES} (each
   *     descriptor followed by its zone's descriptor extension)
   * @param reportingOptions a {@link ReportFilter#code()}
   * @param partial the Partial Report bit: when set, the header counts the descriptors that fit in
   *     the buffer; when clear, every matching zone
   */
  record ZoneManagementReceive(
      long slba, int zoneReceiveAction, int reportingOptions, boolean partial, byte[] buffer)
      implements Command {
    /** Zone Receive Action 00h: Report Zones. */
    public static final int REPORT_ZONES = 0x0;

    /** Zone Receive Action 01h: Extended Report Zones. */
    public static final int EXTENDED_REPORT_ZONES = 0x1;

    /** A Report Zones, or an Extended Report Zones if {@code extended}. */
    public ZoneManagementReceive(
        long slba, ReportFilter filter, boolean partial, boolean extended, byte[] buffer) {
      this(
          slba,
          extended ? EXTENDED_REPORT_ZONES : REPORT_ZONES,
          Objects.requireNonNull(filter, "filter").code(),
          partial,
          buffer);
    }

    /** A plain Report Zones. */
    public ZoneManagementReceive(long slba, ReportFilter filter, boolean partial, byte[] buffer) {
      this(slba, filter, partial, false, buffer);
    }

    public ZoneManagementReceive {
      Objects.requireNonNull(buffer, "buffer");
    }

    @Override
    public int opcode() {
      return 0x7A;
    }

    @Override
    public String toString() {
      return String.format(
          "ZoneManagementReceive[slba=%d, zra=%02Xh, options=%02Xh, partial=%s, bytes=%d]",
          slba, zoneReceiveAction, reportingOptions, partial, buffer.length);
    }
  }

  /**
   * Identify (06h) with Controller or Namespace Structure {@code cns}: fills {@code buffer} (4096
   * bytes) with {@link #ZONED_NAMESPACE} (05h, CSI 02h, the default: {@link NamespaceIdentity}),
   * {@link #CONTROLLER} (01h: MDTS) or {@link #ZONED_CONTROLLER} (06h, CSI 02h: ZASL, see {@link
   * ControllerIdentity}); other values are refused with Invalid Field.
   */
  record Identify(int cns, byte[] buffer) implements Command {
    /** CNS 01h: Identify Controller. */
    public static final int CONTROLLER = 0x01;

    /** CNS 05h with CSI 02h: the Zoned Namespace Identify Namespace data structure. */
    public static final int ZONED_NAMESPACE = 0x05;

    /** CNS 06h with CSI 02h: the Zoned Namespace Identify Controller data structure. */
    public static final int ZONED_CONTROLLER = 0x06;

    /** Identify of the zoned namespace (CNS 05h). */
    public Identify(byte[] buffer) {
      this(ZONED_NAMESPACE, buffer);
    }

    public Identify {
      Objects.requireNonNull(buffer, "buffer");
    }

    @Override
    public int opcode() {
      return 0x06;
    }

    @Override
    public String toString() {
      return String.format("Identify[cns=%02Xh]", cns);
    }
  }
}
