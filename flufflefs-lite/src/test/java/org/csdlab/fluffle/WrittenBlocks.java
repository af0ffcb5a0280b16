package org.csdlab.fluffle;

import java.util.Arrays;
import java.util.List;
import org.csdlab.zns.DeviceJournal;
import org.csdlab.zns.Geometry;
import org.csdlab.zns.ZoneAction;

/**
 * What a drive with DULBE set knows and the emulator does not yet: how far each zone was really
 * written since its last reset (a Finish moves the write pointer, not this). Followed from a
 * device's {@link DeviceJournal}; as {@link Volume.BlockReads} it fails any read of a block never
 * written, as such a drive would.
 *
 * <p>Once zns-emulator has DULBE ({@code ZnsDevice.builder(g).deallocatedErrors(true)}), build the
 * test devices with it instead and mount them plainly: the drive then refuses those reads itself.
 */
final class WrittenBlocks implements Volume.BlockReads {
  private final Geometry geometry;
  private final long[] writtenEnd;
  private final DeviceJournal journal;
  private int seen;

  private WrittenBlocks(Geometry geometry, long[] writtenEnd, DeviceJournal journal, int seen) {
    this.geometry = geometry;
    this.writtenEnd = writtenEnd;
    this.journal = journal;
    this.seen = seen;
  }

  /** Follows {@code journal}, attached to a device on which nothing was written yet. */
  static WrittenBlocks following(DeviceJournal journal, Geometry geometry) {
    long[] ends = new long[geometry.zoneCount()];
    for (int z = 0; z < ends.length; z++) {
      ends[z] = geometry.zoneStartLba(z);
    }
    return new WrittenBlocks(geometry, ends, journal, 0);
  }

  /** What was written after the first {@code commands} commands of the journal followed so far. */
  WrittenBlocks after(int commands) {
    WrittenBlocks at = following(null, geometry);
    at.apply(journal.entries().subList(0, commands));
    return at;
  }

  /** Goes on from this state, following {@code next} (attached to the device in this state). */
  WrittenBlocks then(DeviceJournal next) {
    return new WrittenBlocks(geometry, writtenEnd.clone(), next, 0);
  }

  @Override
  public void reading(long lba, int blocks) {
    if (journal != null && journal.size() > seen) {
      apply(journal.entries().subList(seen, journal.size()));
      seen = journal.size();
    }
    for (long at = lba; at < lba + blocks; at++) {
      int z = geometry.zoneOf(at);
      if (at >= writtenEnd[z]) {
        throw new AssertionError(
            "read of lba "
                + at
                + " in zone "
                + z
                + ", which was written only up to lba "
                + writtenEnd[z]
                + " (a drive with DULBE set fails this read; the read was "
                + blocks
                + " blocks at "
                + lba
                + ")");
      }
    }
  }

  private void apply(List<DeviceJournal.Entry> entries) {
    int blockSize = geometry.blockSizeBytes();
    for (DeviceJournal.Entry e : entries) {
      if (e instanceof DeviceJournal.DataEntry d) {
        int z = geometry.zoneOf(d.firstLba());
        writtenEnd[z] = Math.max(writtenEnd[z], d.firstLba() + d.data().length / blockSize);
      } else if (e instanceof DeviceJournal.Manage m && m.action() == ZoneAction.RESET) {
        writtenEnd[m.zone()] = geometry.zoneStartLba(m.zone());
      } else if (e instanceof DeviceJournal.ManageAll m && m.action() == ZoneAction.RESET) {
        for (int z = 0; z < writtenEnd.length; z++) {
          writtenEnd[z] = geometry.zoneStartLba(z);
        }
      }
    }
  }

  @Override
  public String toString() {
    return "WrittenBlocks" + Arrays.toString(writtenEnd);
  }
}
