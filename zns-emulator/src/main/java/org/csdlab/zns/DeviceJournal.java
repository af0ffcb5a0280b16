package org.csdlab.zns;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A journal of every command that changed a device, for crash testing in the style of CrashMonkey:
 * record a workload, then rebuild the device as a power cut after any prefix of its commands would
 * have left it, optionally with the last write torn at a block boundary.
 *
 * <pre>{@code
 * DeviceJournal journal = DeviceJournal.attach(device);
 * workload.run(device);
 * for (int n = 0; n <= journal.size(); n++) {
 *   ZnsDevice crashed = journal.replay(n);       // the first n mutating commands, nothing after
 *   check(crashed);
 * }
 * }</pre>
 *
 * <p>Recorded, after they succeed: write, write zeroes, zone append (with the LBA it chose), zone
 * management send on one zone or with Select All, and set zone descriptor extension. Reads, reports
 * and refused commands change nothing and are not recorded; neither are injected faults, which no
 * host command causes. The journal starts from the device as it is when attached: a replay first
 * restores that state (zone data, states, write pointers, extensions), then applies the entries.
 *
 * <p>Replays are fresh in-memory devices with the recorded device's geometry, timing profile and
 * other settings (implicit close, RAZB, DULBE, MDTS, ZASL). Commands on different zones that run in
 * parallel are recorded in the order they completed; for a single-threaded workload the journal is
 * the exact command order. Attach while no command is running, so the starting state is one the
 * device really had; attaching reads that state without touching the device's statistics or modeled
 * clock.
 */
public final class DeviceJournal {
  private final ZnsDevice device;
  private final List<ZoneImage> base;
  private final List<Entry> entries = new ArrayList<>();
  private boolean attached = true;

  private DeviceJournal(ZnsDevice device, List<ZoneImage> base) {
    this.device = device;
    this.base = base;
  }

  /**
   * Starts recording every mutating command of {@code device} from now on, taking the device's
   * present state as the journal's starting point.
   *
   * @throws IllegalStateException a journal is already attached to the device
   */
  public static DeviceJournal attach(ZnsDevice device) {
    Objects.requireNonNull(device, "device");
    DeviceJournal journal = new DeviceJournal(device, ZoneImage.capture(device));
    device.attachJournal(journal);
    return journal;
  }

  /** Stops recording; the entries so far stay and can still be replayed. */
  public synchronized void detach() {
    if (attached) {
      device.detachJournal(this);
      attached = false;
    }
  }

  /** Number of recorded commands. */
  public synchronized int size() {
    return entries.size();
  }

  /** The recorded commands, in order (a copy). */
  public synchronized List<Entry> entries() {
    return List.copyOf(entries);
  }

  /** The {@code index}-th recorded command, from 0. */
  public synchronized Entry entry(int index) {
    Objects.checkIndex(index, entries.size());
    return entries.get(index);
  }

  /**
   * A fresh in-memory device as a power cut right after the first {@code prefixLength} recorded
   * commands would leave it: the starting state, then those commands.
   *
   * @throws IllegalArgumentException {@code prefixLength} is negative or more than {@link #size()}
   */
  public ZnsDevice replay(int prefixLength) {
    List<Entry> prefix = prefix(prefixLength);
    ZnsDevice out = freshDevice();
    for (Entry e : prefix) {
      e.applyTo(out);
    }
    return out;
  }

  /**
   * A fresh in-memory device as a power cut during the {@code prefixLength}-th command (a write or
   * an append) would leave it: the first {@code prefixLength - 1} commands applied, then only the
   * first {@code blocksOfLastWrite} blocks of that command's data.
   *
   * @param blocksOfLastWrite blocks of the torn command that reached the media, from 0 to one less
   *     than its block count
   * @throws IllegalArgumentException the command is not a write or append, or the block count is
   *     out of range
   */
  public ZnsDevice replayTorn(int prefixLength, int blocksOfLastWrite) {
    if (prefixLength < 1) {
      throw new IllegalArgumentException(
          "a torn replay needs a command to tear: prefixLength must be at least 1, was "
              + prefixLength);
    }
    List<Entry> prefix = prefix(prefixLength);
    Entry last = prefix.get(prefixLength - 1);
    if (!(last instanceof DataEntry torn)) {
      throw new IllegalArgumentException(
          "command "
              + (prefixLength - 1)
              + " is "
              + last
              + "; only a write or an append can be torn");
    }
    int blocks = torn.blocks(device.geometry().blockSizeBytes());
    if (blocksOfLastWrite < 0 || blocksOfLastWrite >= blocks) {
      throw new IllegalArgumentException(
          "command "
              + (prefixLength - 1)
              + " writes "
              + blocks
              + " blocks; a torn replay keeps 0 to "
              + (blocks - 1)
              + " of them, not "
              + blocksOfLastWrite);
    }
    ZnsDevice out = freshDevice();
    for (Entry e : prefix.subList(0, prefixLength - 1)) {
      e.applyTo(out);
    }
    if (blocksOfLastWrite > 0) {
      byte[] part =
          Arrays.copyOf(torn.data(), blocksOfLastWrite * device.geometry().blockSizeBytes());
      out.write(torn.firstLba(), part);
    }
    return out;
  }

  /** Blocks the {@code index}-th command writes (0 for zone management). */
  public int blocksOf(int index) {
    return entry(index) instanceof DataEntry d ? d.blocks(device.geometry().blockSizeBytes()) : 0;
  }

  synchronized void record(Entry entry) {
    entries.add(entry);
  }

  private synchronized List<Entry> prefix(int prefixLength) {
    if (prefixLength < 0 || prefixLength > entries.size()) {
      throw new IllegalArgumentException(
          "prefixLength must be 0 to "
              + entries.size()
              + " (the recorded commands), was "
              + prefixLength);
    }
    return List.copyOf(entries.subList(0, prefixLength));
  }

  private ZnsDevice freshDevice() {
    ZnsDevice out = device.toBuilder().build();
    for (ZoneImage z : base) {
      z.restoreInto(out);
    }
    return out;
  }

  @Override
  public synchronized String toString() {
    return "DeviceJournal[" + entries.size() + " commands" + (attached ? "" : ", detached") + "]";
  }

  // ---------------------------------------------------------------- entries

  /** One recorded command, replayable on a device in the same state. */
  public sealed interface Entry permits DataEntry, WriteZeroes, Manage, ManageAll, SetExtension {
    /** Runs the command on {@code target}; fails if it does not do what it did when recorded. */
    void applyTo(ZnsDevice target);
  }

  /** A recorded command that stores data, so it can be torn. */
  public sealed interface DataEntry extends Entry permits Write, Append {
    /** The data written (a copy). */
    byte[] data();

    /** The LBA of the first block written. */
    long firstLba();

    /** Blocks written, for a device of {@code blockSizeBytes}. */
    default int blocks(int blockSizeBytes) {
      return data().length / blockSizeBytes;
    }
  }

  /** A write of {@code data} at {@code lba}. */
  public record Write(long lba, byte[] data) implements DataEntry {
    public Write {
      data = data.clone();
    }

    @Override
    public byte[] data() {
      return data.clone();
    }

    @Override
    public long firstLba() {
      return lba;
    }

    @Override
    public void applyTo(ZnsDevice target) {
      target.write(lba, data);
    }

    @Override
    public String toString() {
      return "Write[lba=" + lba + ", bytes=" + data.length + "]";
    }
  }

  /**
   * A zone append of {@code data} to the zone starting at {@code zoneStartLba}, which landed at
   * {@code lba}.
   */
  public record Append(long zoneStartLba, long lba, byte[] data) implements DataEntry {
    public Append {
      data = data.clone();
    }

    @Override
    public byte[] data() {
      return data.clone();
    }

    @Override
    public long firstLba() {
      return lba;
    }

    @Override
    public void applyTo(ZnsDevice target) {
      long landed = target.append(zoneStartLba, data);
      if (landed != lba) {
        throw new IllegalStateException(
            "replayed append to zone start "
                + zoneStartLba
                + " landed at lba "
                + landed
                + ", recorded at lba "
                + lba
                + "; the replay device is not in the recorded state");
      }
    }

    @Override
    public String toString() {
      return "Append[zslba=" + zoneStartLba + ", lba=" + lba + ", bytes=" + data.length + "]";
    }
  }

  /**
   * A Write Zeroes of {@code blocks} blocks at {@code lba}. It is not a {@link DataEntry}: a torn
   * one would leave zeros where the media already reads as zeros, so replays never tear it.
   */
  public record WriteZeroes(long lba, int blocks) implements Entry {
    @Override
    public void applyTo(ZnsDevice target) {
      target.writeZeroes(lba, blocks);
    }
  }

  /** A zone management send of {@code action} to zone {@code zone}. */
  public record Manage(int zone, ZoneAction action) implements Entry {
    @Override
    public void applyTo(ZnsDevice target) {
      target.manage(zone, action);
    }
  }

  /** A zone management send of {@code action} with Select All. */
  public record ManageAll(ZoneAction action) implements Entry {
    @Override
    public void applyTo(ZnsDevice target) {
      target.manageAll(action);
    }
  }

  /** A set zone descriptor extension of zone {@code zone}. */
  public record SetExtension(int zone, byte[] extension) implements Entry {
    public SetExtension {
      extension = extension.clone();
    }

    @Override
    public byte[] extension() {
      return extension.clone();
    }

    @Override
    public void applyTo(ZnsDevice target) {
      target.setDescriptorExtension(zone, extension);
    }

    @Override
    public String toString() {
      return "SetExtension[zone=" + zone + ", bytes=" + extension.length + "]";
    }
  }

  // ---------------------------------------------------------------- starting state

  /** One zone as it was when the journal was attached; restored by host commands and faults. */
  private record ZoneImage(Zone zone, byte[] data, byte[] extension) {
    static List<ZoneImage> capture(ZnsDevice device) {
      List<ZoneImage> out = new ArrayList<>();
      for (int id = 0; id < device.geometry().zoneCount(); id++) {
        Zone z = device.zone(id); // not a Report Zones command: nothing is counted
        byte[] extension = device.descriptorExtension(z.id());
        boolean readable = z.state() != ZoneState.OFFLINE && z.writtenBlocks() > 0;
        byte[] data =
            readable ? device.peek(z.id(), Math.toIntExact(z.writtenBlocks())) : new byte[0];
        if (z.state() != ZoneState.EMPTY || extension.length > 0) {
          out.add(new ZoneImage(z, data, extension));
        }
      }
      // zones that end inactive first, opened last, so restoring never needs more open or
      // active zones than the original holds
      out.sort(
          Comparator.comparingInt(
              i ->
                  switch (i.zone.state()) {
                    case CLOSED -> 1;
                    case EXPLICITLY_OPENED -> 2;
                    case IMPLICITLY_OPENED -> 3;
                    default -> 0;
                  }));
      return List.copyOf(out);
    }

    void restoreInto(ZnsDevice target) {
      int id = zone.id();
      if (extension.length > 0) {
        target.setDescriptorExtension(id, extension);
      }
      // in commands the target's MDTS allows (a whole zone may be larger)
      int step = target.maxTransferBytes();
      for (int done = 0; done < data.length; done += step) {
        int n = Math.min(step, data.length - done);
        target.write(
            zone.startLba() + done / target.geometry().blockSizeBytes(),
            Arrays.copyOfRange(data, done, done + n));
      }
      switch (zone.state()) {
        case CLOSED -> {
          if (target.zone(id).state() != ZoneState.CLOSED) {
            target.manage(id, ZoneAction.CLOSE);
          }
        }
        case FULL -> {
          if (target.zone(id).state() != ZoneState.FULL) {
            target.manage(id, ZoneAction.FINISH);
          }
        }
        case EXPLICITLY_OPENED -> target.manage(id, ZoneAction.OPEN);
        case READ_ONLY -> target.faults().markReadOnly(id);
        case OFFLINE -> target.faults().markOffline(id);
        default -> {
          // EMPTY (with an extension, now Closed as the original) and IMPLICITLY_OPENED need
          // nothing more
        }
      }
    }
  }
}
