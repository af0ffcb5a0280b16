//md # Zoned storage
//md
//md Flash cannot overwrite a page in place: it erases whole blocks and programs pages in order.
//md An ordinary SSD hides this behind a translation layer; a *Zoned Namespace* (ZNS) SSD shows it.
//md The drive is split into **zones** that are written sequentially from their start, at the
//md zone's **write pointer**, and erased only as a whole with a **reset**. In this tutorial you will
//md
//md 1. look at zones, their states and write pointers,
//md 2. provoke each error the ZNS specification defines for a misuse, and read why,
//md 3. let the drive choose where data goes with **zone append**,
//md 4. see how the drive's timing model turns command size into throughput.
//md
//md Every number checked below comes from the deterministic model, so you see exactly these values.
import java.util.*;
import org.csdlab.lab.*;
import org.csdlab.zns.*;
import org.csdlab.lab.chart.*;
import org.csdlab.lab.tutorial.*;
import static org.csdlab.lab.tutorial.Tutorials.*;

var lab = Lab.create();
var dev = lab.device();
show(dev);
//md ## 1. Zones and the write pointer
//md
//md The lab's drive has **64 zones of 4096 blocks of 4 KiB** (16 MiB each), all **Empty**, each
//md with its write pointer at its first block. At most 14 zones may be open at once.
var geometry = dev.geometry();
show(geometry);
Check.that("zones on the drive", geometry.zoneCount()).is(64);
Check.that("blocks per zone", geometry.zoneSizeBlocks()).is(4096);
Check.that("block size in bytes", geometry.blockSizeBytes()).is(4096);
Check.that("zones open at once, at most", geometry.maxOpenZones()).is(14);
Check.that("state of zone 0", dev.zone(0).state()).is(ZoneState.EMPTY);
//md Writing one block at the start of zone 0 opens it *implicitly* and moves its write pointer
//md from LBA 0 to LBA 1.
var block = new byte[geometry.blockSizeBytes()];
dev.write(0, block);
show(dev.zone(0));
Check.that("state of zone 0 after a write", dev.zone(0).state()).is(ZoneState.IMPLICITLY_OPENED);
Check.that("write pointer of zone 0", dev.zone(0).writePointer()).is(1);
//md ## 2. Each misuse, and what the drive answers
//md
//md **Writing anywhere but the write pointer** is refused with *Zone Invalid Write* (status 0xBC).
//md The exception says which zone, which LBA, and where the write pointer is.
var invalidWrite = Check.raises("a write at LBA 5 of zone 0", ZnsException.class, () -> dev.write(5, block));
Check.that("status of a write off the write pointer",
    invalidWrite.statusCode()).is(StatusCode.ZONE_INVALID_WRITE);
Check.that("the write pointer the error reports", invalidWrite.writePointer()).is(1);
//md **Writing to a Full zone** is refused with *Zone Is Full* (0xB9). *Finish* makes a zone Full
//md at once (its write pointer jumps to the end); only a reset makes it writable again.
dev.finish(1);
var zone1 = geometry.zoneStartLba(1);
var full = Check.raises("a write to the finished zone 1", ZnsException.class, () -> dev.write(zone1, block));
Check.that("status of a write to a full zone", full.statusCode()).is(StatusCode.ZONE_IS_FULL);
dev.reset(1);
Check.that("state of zone 1 after a reset", dev.zone(1).state()).is(ZoneState.EMPTY);
//md **Writing part of a block** is a malformed command: *Invalid Field in Command* (0x02). Data
//md always comes in whole blocks.
var partial = Check.raises("a write of 100 bytes", ZnsException.class, () -> dev.write(1, new byte[100]));
Check.that("status of a partial-block write", partial.statusCode()).is(StatusCode.INVALID_FIELD);
//md **Reading past the end of the drive**: *LBA Out of Range* (0x80).
var outOfRange = Check.raises("a read past the last LBA", ZnsException.class,
    () -> dev.read(geometry.totalBlocks(), 1));
Check.that("status of a read past the end", outOfRange.statusCode()).is(StatusCode.LBA_OUT_OF_RANGE);
//md The limits on open and active zones, a zone capacity smaller than the zone size, and zones
//md that fail are easier to see on a tiny drive: **8 zones of 16 blocks, of which 12 are writable**
//md (the *zone capacity*), at most **2 open** and **3 active** zones (open or closed).
var tiny = Lab.builder().geometry(Geometry.builder().zoneCount(8).zoneSizeBlocks(16).zoneCapacityBlocks(12)
    .blockSizeBytes(4096).maxOpenZones(2).maxActiveZones(3).build()).build().device();
show(tiny.geometry());
//md **Crossing the zone capacity**: 11 blocks fit in zone 0; a 2-block write at LBA 11 would end
//md past block 12, and is refused with *Zone Boundary Error* (0xB8). One block fills the zone, which
//md becomes Full by itself. Blocks between the capacity and the zone size can be read: they are
//md never written and read as zeros.
tiny.write(0, new byte[11 * 4096]);
var boundary = Check.raises("a 2-block write at LBA 11 of a 12-block zone", ZnsException.class,
    () -> tiny.write(11, new byte[2 * 4096]));
Check.that("status of a write across the capacity", boundary.statusCode()).is(StatusCode.ZONE_BOUNDARY_ERROR);
tiny.write(11, block);
Check.that("state of a zone written to its capacity", tiny.zone(0).state()).is(ZoneState.FULL);
Check.that("write pointer of the full zone", tiny.zone(0).writePointer()).is(12);
Check.that("a block past the capacity reads as zeros", Arrays.equals(tiny.read(13, 1), block)).isTrue();
//md **Too many open zones**: zones 1 and 2 opened explicitly use the 2 open resources; opening zone
//md 3 is refused with *Too Many Open Zones* (0xBE). Closing zone 2 frees an open resource, but a
//md closed zone stays *active*...
tiny.open(1);
tiny.open(2);
var tooManyOpen = Check.raises("opening a third zone", ZnsException.class, () -> tiny.open(3));
Check.that("status of a third open", tooManyOpen.statusCode()).is(StatusCode.TOO_MANY_OPEN_ZONES);
tiny.close(2);
tiny.open(3);
show(tiny.zones());
Check.that("state of zone 2 after close", tiny.zone(2).state()).is(ZoneState.CLOSED);
//md ...so with zones 1, 2 and 3 active, opening zone 4 is refused with *Too Many Active Zones*
//md (0xBD). Finishing (or resetting) the open zone 1 frees both its open and its active resource.
var tooManyActive = Check.raises("activating a fourth zone", ZnsException.class, () -> tiny.open(4));
Check.that("status of a fourth active zone", tooManyActive.statusCode()).is(StatusCode.TOO_MANY_ACTIVE_ZONES);
tiny.finish(1);
tiny.open(4);
Check.that("state of zone 4 once zone 1 is finished", tiny.zone(4).state()).is(ZoneState.EXPLICITLY_OPENED);
//md **Zones that fail**: a drive may turn a worn zone *Read Only* or *Offline*. The lab injects
//md these faults. A Read Only zone refuses writes with *Zone Is Read Only* (0xBA); an Offline zone
//md refuses even reads (*Zone Is Offline*, 0xBB). Neither can be reset: *Invalid Zone State
//md Transition* (0xBF), and the message lists the states a reset is allowed from.
tiny.raw().faults().markReadOnly(6);
tiny.raw().faults().markOffline(7);
var readOnly = Check.raises("a write to read-only zone 6", ZnsException.class,
    () -> tiny.write(tiny.geometry().zoneStartLba(6), block));
Check.that("status of a write to a read-only zone", readOnly.statusCode()).is(StatusCode.ZONE_IS_READ_ONLY);
var offline = Check.raises("a read of offline zone 7", ZnsException.class,
    () -> tiny.read(tiny.geometry().zoneStartLba(7), 1));
Check.that("status of a read of an offline zone", offline.statusCode()).is(StatusCode.ZONE_IS_OFFLINE);
var resetReadOnly = Check.raises("a reset of read-only zone 6", ZnsException.class, () -> tiny.reset(6));
Check.that("status of resetting a read-only zone",
    resetReadOnly.statusCode()).is(StatusCode.INVALID_ZONE_STATE_TRANSITION);
Check.that("the states a reset is allowed from", resetReadOnly.getMessage()).contains("is allowed from");
var resetOffline = Check.raises("a reset of offline zone 7", ZnsException.class, () -> tiny.reset(7));
Check.that("status of resetting an offline zone",
    resetOffline.statusCode()).is(StatusCode.INVALID_ZONE_STATE_TRANSITION);
show(tiny);
//md A refused command changes nothing: zone 0 is still Full with its write pointer at 12.
Check.that("zone 0 after all those refusals", tiny.zone(0).toString()).is("Zone[id=0, state=FULL, wp=12]");
//md ### Exercise: a zone made Full
//md
//md On `dev`, write **two blocks** whose every byte is 7 at the start of **zone 3**, then make the
//md zone **Full** without writing the rest of it.
//exercise full-zone-3 "Write two blocks to zone 3, then make it Full"
//stub var sevens = new byte[2 * geometry.blockSizeBytes()];
//stub Arrays.fill(sevens, (byte) 7);
//stub // write sevens at the start of zone 3 (geometry.zoneStartLba(3)), then make the zone Full
//stub show(dev.zone(3));
//solution
var sevens = new byte[2 * geometry.blockSizeBytes()];
Arrays.fill(sevens, (byte) 7);
dev.write(geometry.zoneStartLba(3), sevens);
dev.finish(3);
show(dev.zone(3));
//hidden
var sevensExpected = new byte[2 * geometry.blockSizeBytes()];
Arrays.fill(sevensExpected, (byte) 7);
Check.that("state of zone 3", dev.zone(3).state()).is(ZoneState.FULL);
Check.that("the first two blocks of zone 3 hold 7s",
    Arrays.equals(dev.read(geometry.zoneStartLba(3), 2), sevensExpected)).isTrue();
Check.that("the third block of zone 3 was never written (reads as zeros)",
    Arrays.equals(dev.read(geometry.zoneStartLba(3) + 2, 1), block)).isTrue();
//end
//md ## 3. Zone append
//md
//md With several writers on one zone, each would have to know the write pointer. *Zone append*
//md sends the data to the zone and lets the drive place it at the write pointer, returning the
//md LBA it chose. Zone 2 starts at LBA 8192: the first append of 3 blocks lands there, the next one
//md right after them, at 8195.
long first = dev.append(2, new byte[3 * 4096]);
long second = dev.append(2, block);
Check.that("LBA of the first append to zone 2", first).is(8192);
Check.that("LBA of the second append to zone 2", second).is(8195);
Check.that("write pointer of zone 2", dev.zone(2).writePointer()).is(8196);
//md A reset empties the zone and returns its write pointer to the start; the data is gone.
dev.reset(2);
Check.that("write pointer of zone 2 after a reset", dev.zone(2).writePointer()).is(8192);
//md ### Exercise: where did my data go?
//md
//md Append **2 blocks** and then **3 blocks** to **zone 4** of `dev`, keeping the LBA each append
//md returns in `firstAppend` and `secondAppend`.
//exercise append-zone-4 "Append to zone 4 and keep the LBAs"
//stub long firstAppend = -1;    // the LBA the drive chose for 2 blocks appended to zone 4
//stub long secondAppend = -1;   // ... and for 3 more blocks after them
//solution
long firstAppend = dev.append(4, new byte[2 * 4096]);
long secondAppend = dev.append(4, new byte[3 * 4096]);
//hidden
Check.that("LBA of your first append to zone 4", firstAppend).is(geometry.zoneStartLba(4));
Check.that("LBA of your second append to zone 4", secondAppend).is(geometry.zoneStartLba(4) + 2);
Check.that("write pointer of zone 4 after 5 blocks", dev.zone(4).writePointer()).is(geometry.zoneStartLba(4) + 5);
//end
//md ## 4. The timing model: command size and throughput
//md
//md Besides real time, the drive keeps a **modeled clock**. The lab uses the *teaching* profile:
//md 2 channels × 2 dies, a 4 KiB page takes 100 µs on a channel and 50 µs on the host link,
//md programming a page takes 500 µs, reading one 50 µs, a zone reset 2 ms. Zones are striped
//md over the 4 dies. So one 4 KiB write costs 50 (link) + 100 (channel) + 500 (program)
//md = **650 µs**, and one 4 KiB read 50 (sense) + 100 (channel) + 50 (link) = **200 µs**.
//md Commands here run one after the other, so a command's modeled time is how far it moves the
//md drive's clock, `dev.modeledNanos()`.
show(dev.raw().timing());
long modeledNanosOf(Runnable command) {
  long start = dev.modeledNanos();
  command.run();
  return dev.modeledNanos() - start;
}
Check.that("modeled time of one 4 KiB write (ns)", modeledNanosOf(() -> dev.append(20, block))).is(650_000);
Check.that("modeled time of one 4 KiB read (ns)",
    modeledNanosOf(() -> dev.read(geometry.zoneStartLba(20), 1))).is(200_000);
Check.that("modeled time of a zone reset (ns)", modeledNanosOf(() -> dev.reset(20))).is(2_000_000);
//md Now write and read back 1 MiB, in commands of 1, 4, 16, 64 and 256 blocks. A one-block
//md command uses one die while three wait; a command of 4 blocks or more programs all four dies
//md at once, and larger commands also overlap the host link with the flash.
var sizes = new int[] {1, 4, 16, 64, 256};
var writeMBps = new double[sizes.length];
var readMBps = new double[sizes.length];
var writeNanos = new long[sizes.length];
var readNanos = new long[sizes.length];
for (int i = 0; i < sizes.length; i++) {
  int blocks = sizes[i];
  int zone = 30 + i;
  writeNanos[i] = modeledNanosOf(() -> {
    for (int n = 0; n < 256 / blocks; n++) {
      dev.append(zone, new byte[blocks * 4096]);
    }
  });
  readNanos[i] = modeledNanosOf(() -> {
    for (int n = 0; n < 256 / blocks; n++) {
      dev.read(geometry.zoneStartLba(zone) + (long) n * blocks, blocks);
    }
  });
  writeMBps[i] = (1 << 20) * 1e3 / writeNanos[i];
  readMBps[i] = (1 << 20) * 1e3 / readNanos[i];
  System.out.printf("%3d blocks a command: write %6.1f ms (%5.2f MB/s)   read %5.2f ms (%5.2f MB/s)%n",
      blocks, writeNanos[i] / 1e6, writeMBps[i], readNanos[i] / 1e6, readMBps[i]);
}
var blocksPerCommand = Arrays.stream(sizes).asDoubleStream().toArray();
show(Charts.lines("Throughput against command size (modeled)", "blocks per command", "MB/s", List.of(
    new Line("write", blocksPerCommand, writeMBps), new Line("read", blocksPerCommand, readMBps))));
//md Writing 1 MiB one block at a time takes **166.4 ms** (6.3 MB/s); in 4-block commands
//md **57.6 ms**; in 256-block commands **51.3 ms** (20.4 MB/s), close to the limit of two
//md channels at 40.96 MB/s each shared with programming time. Reads go from **51.2 ms** to
//md **25.65 ms** (40.9 MB/s, where the host link's 81.92 MB/s and the channels meet the sense latency).
Check.that("modeled time to write 1 MiB in 1-block commands (ns)", writeNanos[0]).is(166_400_000);
Check.that("modeled time to write 1 MiB in 4-block commands (ns)", writeNanos[1]).is(57_600_000);
Check.that("modeled time to write 1 MiB in 256-block commands (ns)", writeNanos[4]).is(51_300_000);
Check.that("modeled time to read 1 MiB in 1-block commands (ns)", readNanos[0]).is(51_200_000);
Check.that("modeled time to read 1 MiB in 256-block commands (ns)", readNanos[4]).is(25_650_000);
Check.that("throughput writing in 1-block commands (MB/s)", writeMBps[0]).isCloseTo(6.3, 0.05);
Check.that("throughput writing in 256-block commands (MB/s)", writeMBps[4]).isCloseTo(20.4, 0.05);
Check.that("throughput reading in 256-block commands (MB/s)", readMBps[4]).isCloseTo(40.9, 0.05);
Check.that("write speedup from 1-block to 256-block commands",
    (double) writeNanos[0] / writeNanos[4]).isCloseTo(3.24, 0.01);
//md ## What next
//md
//md Tutorial 3 runs a program *on* the drive, next to the data, and compares it with reading
//md everything to the host.
