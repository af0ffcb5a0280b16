package org.csdlab.lab;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.csdlab.fluffle.FileLayout;
import org.csdlab.fluffle.Snapshot;
import org.csdlab.fluffle.ZoneUse;
import org.csdlab.lab.display.Html;
import org.csdlab.lab.display.HtmlRenderable;
import org.csdlab.zns.Geometry;

/**
 * A snapshot of a file and what it pins: the file as it was when it was taken (read it with {@link
 * #read}), and the zones holding its blocks, which the cleaner leaves alone until the pin is
 * closed. A zone shown as "held back" has dead blocks the cleaner would otherwise reclaim.
 *
 * <pre>{@code
 * try (var pin = lab.fs().snapshot("/readings.bin")) {
 *   lab.fs().write("/readings.bin", other);       // a new version in new blocks
 *   pin.read(0, 16)                              // still the old bytes
 *   pin                                          // SnapshotPin[/readings.bin: 16 blocks in zones 5, 6 ...]
 * }
 * }</pre>
 */
public final class SnapshotPin implements HtmlRenderable, AutoCloseable {
  private final LabFs fs;
  private final String path;
  private final FileLayout layout;
  private final Snapshot snapshot;
  private final AutoCloseable owner;

  SnapshotPin(LabFs fs, Snapshot snapshot) {
    this(fs, snapshot.path(), snapshot.layout(), snapshot, snapshot);
  }

  private SnapshotPin(
      LabFs fs, String path, FileLayout layout, Snapshot snapshot, AutoCloseable owner) {
    this.fs = fs;
    this.path = path;
    this.layout = layout;
    this.snapshot = snapshot;
    this.owner = owner;
  }

  /** The pin of a handle's read-stream snapshot: closing it closes the handle. */
  static SnapshotPin ofHandle(LabFs fs, String path, FileLayout layout, LabHandle handle) {
    return new SnapshotPin(fs, path, layout, null, handle);
  }

  /** The file's path. */
  public String path() {
    return path;
  }

  /** The file's inode, size and block LBAs when the snapshot was taken. */
  public FileLayout layout() {
    return layout;
  }

  /** The zones holding the snapshot's blocks, each with how many of its blocks it holds. */
  public Map<Integer, Integer> pinnedZones() {
    Geometry g = fs.device().geometry();
    Map<Integer, Integer> zones = new TreeMap<>();
    for (long lba : layout.lbaOfBlock()) {
      if (lba >= 0) {
        zones.merge(g.zoneOf(lba), 1, Integer::sum);
      }
    }
    return zones;
  }

  /** Pinned zones with dead blocks: those the cleaner would clean but is held back from. */
  public List<Integer> heldBack() {
    List<ZoneUse> uses = fs.zoneUses();
    return pinnedZones().keySet().stream()
        .filter(z -> uses.get(z).deadBlocks() > 0 && !isOpenLog(uses.get(z).kind()))
        .toList();
  }

  private static boolean isOpenLog(ZoneUse.Kind kind) {
    return kind == ZoneUse.Kind.HOT_LOG
        || kind == ZoneUse.Kind.COLD_LOG
        || kind == ZoneUse.Kind.METADATA_LOG;
  }

  /**
   * Up to {@code length} bytes at {@code offset} of the file as it was when the snapshot was taken.
   */
  public byte[] read(long offset, int length) {
    if (snapshot == null) {
      throw new LabFsException(
          "read",
          path,
          LabFsException.Kind.BAD_ARGUMENT,
          "the pin of an offload handle is read through the handle's kernel: handle.run()",
          null);
    }
    return fs.call("read", path, f -> snapshot.read(offset, length));
  }

  /** Whether the pin still holds its zones. */
  public boolean isOpen() {
    return snapshot != null ? snapshot.isOpen() : !((LabHandle) owner).isClosed();
  }

  /** Releases the pinned blocks (for a handle's pin: closes the handle). */
  @Override
  public void close() {
    try {
      owner.close();
    } catch (Exception e) {
      throw new IllegalStateException("closing the snapshot of " + path + ": " + e.getMessage(), e);
    }
  }

  private String zoneList() {
    return pinnedZones().keySet().stream().map(String::valueOf).collect(Collectors.joining(", "));
  }

  /**
   * As {@code SnapshotPin[/a.bin: 16 blocks in zones 5, 6; holds back zone 5 from the cleaner;
   * open]}.
   */
  @Override
  public String toString() {
    String held = "";
    if (isOpen() && fs.isMounted()) {
      List<Integer> back = heldBack();
      held =
          back.isEmpty()
              ? "; no zone with dead blocks held back"
              : "; holds back zone"
                  + (back.size() == 1 ? " " : "s ")
                  + back.stream().map(String::valueOf).collect(Collectors.joining(", "))
                  + " from the cleaner";
    }
    return "SnapshotPin["
        + path
        + ": "
        + layout.blockCount()
        + " blocks in zone"
        + (pinnedZones().size() == 1 ? " " : "s ")
        + zoneList()
        + held
        + (isOpen() ? "; open" : "; closed")
        + "]";
  }

  /** Every zone of the drive, the pinned ones marked, those held back from the cleaner in red. */
  @Override
  public String toHtml() {
    if (!isOpen() || !fs.isMounted()) {
      return Html.panel("snapshot of " + path, Html.escape(toString()));
    }
    Map<Integer, Integer> pinned = pinnedZones();
    List<Integer> back = heldBack();
    StringBuilder strip =
        new StringBuilder("<div style=\"display:flex;flex-wrap:wrap;gap:2px;max-width:680px\">");
    for (ZoneUse zone : fs.zoneUses()) {
      int blocks = pinned.getOrDefault(zone.zone(), 0);
      boolean held = back.contains(zone.zone());
      String background =
          held ? Html.ALERT : blocks > 0 ? FsZoneMap.colour(ZoneUse.Kind.CHECKPOINT) : Html.SHADE;
      strip
          .append("<div data-zone=\"")
          .append(zone.zone())
          .append("\" data-pinned-blocks=\"")
          .append(blocks)
          .append("\" data-held-back=\"")
          .append(held)
          .append("\" title=\"")
          .append(
              Html.escape(
                  "zone "
                      + zone.zone()
                      + ": "
                      + FsZoneMap.label(zone.kind())
                      + (blocks > 0 ? ", " + blocks + " blocks of the snapshot" : "")
                      + (held ? ", " + zone.deadBlocks() + " dead blocks held back" : "")))
          .append("\" style=\"width:22px;height:22px;border:1px solid ")
          .append(Html.BORDER)
          .append(";background:")
          .append(background)
          .append(";font-size:9px;")
          .append(Html.MONO)
          .append("\">")
          .append(zone.zone())
          .append("</div>");
    }
    strip.append("</div>");
    return Html.panel(toString(), strip.toString());
  }
}
