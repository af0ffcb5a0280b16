//md # Snapshot-consistent offload
//md
//md OpenCSD's filesystem, **FluffleFS**, lets an application bind an eBPF kernel to a file: reads
//md through the file's handle then run the kernel on the drive, next to the data, and only its answer
//md crosses the host link. Its headline promise is **consistency**: the kernel reads the file as it
//md was when the kernel was bound — a *snapshot* — however other writers change the file meanwhile.
//md The lab's filesystem, flufflefs-lite, keeps that promise on the lab's zoned drive. In this
//md tutorial you will
//md
//md 1. bind a kernel to a file both ways: FluffleFS's extended attribute and the lab's fluent
//md    `fs.file(path).offload(kernel)`, and compare the offloaded read with a host read,
//md 2. let writer threads overwrite, append to and truncate the file while the kernel's handle is
//md    open, and see that the kernel still reads the old file while a fresh handle reads the new one,
//md 3. look at the snapshot's **pin**: the zones the cleaner must leave alone until the handle closes,
//md 4. bind a **write-event** kernel and read what its call information holds.
//md
//md A small drive keeps it quick: 24 zones of 64 blocks of 4 KiB (256 KiB per zone).
import java.util.*;
import java.nio.*;
import java.nio.file.*;
import org.csdlab.lab.*;
import org.csdlab.lab.dataset.*;
import org.csdlab.zns.*;
import org.csdlab.fluffle.*;
import org.csdlab.fluffle.kernel.*;
import org.csdlab.lab.tutorial.*;
import static org.csdlab.lab.tutorial.Tutorials.*;

var lab = Lab.builder().geometry(Geometry.builder().zoneCount(24).zoneSizeBlocks(64).build()).build();
var fs = lab.fs();   // flufflefs-lite, formatted on the blank drive
int blockBytes = lab.device().geometry().blockSizeBytes();
long threshold = Lab.RAND_MAX / 2;
show(fs);
Check.that("zones on the drive", lab.device().geometry().zoneCount()).is(24);
Check.that("blocks per zone", lab.device().geometry().zoneSizeBlocks()).is(64L);
Check.that("block size in bytes", blockBytes).is(4096);
//md ## 1. Bind a kernel to a file
//md
//md The file: 256 KiB of seeded u32 readings (seed 7), written with `writeTo(fs, path)`. Its 64
//md blocks were appended to the filesystem's log, so they lie in two runs of consecutive LBAs.
var written = lab.datasets().u32Readings(256, ByteUnit.KiB).seed(7).writeTo(fs, "/readings.bin");
var readings = fs.file("/readings.bin");
byte[] original = readings.read();
var boundLayout = readings.layout();   // where its blocks are now, for part 3
show(readings);
Check.that("size of /readings.bin in bytes", readings.sizeBytes()).is(256L * 1024);
Check.that("blocks of /readings.bin", readings.layout().layout().blockCount()).is(64);
Check.that("runs of consecutive LBAs", readings.layout().runs().size()).is(2);
//md ### The FluffleFS way: an extended attribute
//md
//md In FluffleFS the kernel is itself a file of the filesystem. An application opens the data file
//md and sets the attribute `user.process.csd_read_stream` on it, whose value is the kernel file's
//md inode number in decimal; from then on, reads through the handles open on the file run the
//md kernel. The kernel here is `tutorials/programs/flfs_count_u32.c`: it counts the u32 values
//md above `RAND_MAX/2` in the range read and returns the count as 8 bytes. `setxattr` is on the
//md mounted filesystem itself, `fs.raw()`.
fs.mkdir("/kernels");
fs.write("/kernels/flfs_count_u32.o", Files.readAllBytes(file("programs/flfs_count_u32.o")));
long kernelInode = fs.stat("/kernels/flfs_count_u32.o").inode();
var attrHandle = readings.open();
fs.raw().setxattr("/readings.bin", "user.process.csd_read_stream", String.valueOf(kernelInode).getBytes());
byte[] answer = attrHandle.read(0, original.length);   // runs the kernel on the drive
long attrCount = ByteBuffer.wrap(answer).order(ByteOrder.LITTLE_ENDIAN).getLong();
System.out.println("the read returned " + answer.length + " bytes: count " + attrCount);
//md The read of the whole file returned **8 bytes**, the count: **32,750** readings above
//md `RAND_MAX/2`, the same as counting the bytes in Java here.
long countInJava(byte[] data) {
  var words = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
  long n = 0;
  for (int at = 0; at + 4 <= data.length; at += 4) {
    if (Integer.toUnsignedLong(words.getInt(at)) > threshold) n++;
  }
  return n;
}
Check.that("bytes the offloaded read returned", answer.length).is(8);
Check.that("the kernel's count", attrCount).is(countInJava(original));
Check.that("readings above RAND_MAX/2", attrCount).is(32_750L);
attrHandle.close();
//md ### The fluent way
//md
//md The lab does the same in one call: `readings.offload(kernel)` opens the file with the kernel
//md bound, and `run()` reads the whole snapshot through it and returns the run, ready for
//md `lab.compare` against the host counting the same file over the host link.
var count = lab.csd().load(file("programs/flfs_count_u32.o"));
var countHandle = readings.offload(count);
var onDrive = countHandle.run();
var onHost = lab.host().countU32Above(readings, threshold);
var comparison = lab.compare(onHost, onDrive);
show(comparison);
//md * Both count **32,750** — the same answer as the attribute's read.
//md * The host moved all **262,144 bytes** over the link; the drive read them from its flash and
//md   sent **8 bytes**.
//md * Modeled time: **6.60 ms** on the host, **3.93 ms** on the drive (1.68× faster). The drive's
//md   time is 3.40 ms of flash reads, 0.53 ms of its core running 525,918 eBPF instructions and
//md   98 ns to send the count; the host's reads take longer because every byte of them also crosses
//md   the host link.
Check.that("the host and the drive agree", comparison.sameAnswer()).isTrue();
Check.that("the fluent run's count", onDrive.value()).is(attrCount);
Check.that("bytes over the host link, host read", onHost.hostBytes()).is(262_144L);
Check.that("bytes over the host link, offloaded", onDrive.hostBytes()).is(8L);
Check.that("bytes the drive read from its flash", onDrive.mediaBytesRead()).is(262_144L);
Check.that("modeled time on the host (ns)", onHost.modeledNanos()).is(6_600_000L);
Check.that("modeled time on the drive (ns)", onDrive.modeledNanos()).is(3_926_016L);
Check.that("modeled speedup of offloading", comparison.modeledSpeedup()).isCloseTo(1.68, 0.005);
Check.that("the drive's modeled flash time (ns)", onDrive.mediaNanos()).is(3_400_000L);
Check.that("eBPF instructions the drive ran", onDrive.instructions()).is(525_918L);
Check.that("the drive's modeled compute time (ns)", onDrive.computeNanos()).is(525_918L);
Check.that("the drive's modeled link time (ns)", onDrive.linkNanos()).is(98L);
//md ## 2. Writers change the file while the kernel's handle is open
//md
//md We bind a second kernel, `flfs_passthrough.c`, which returns the bytes it reads unchanged (what a
//md plain read would give), so we can compare every byte the drive sees. Then three writer threads
//md go to work on `/readings.bin` at the same time, in **8 rounds**:
//md
//md * the **overwriter** writes 16 KiB of `0xFF` bytes at offset 0;
//md * the **appender** appends 4 KiB of `0x11` bytes;
//md * the **truncater** cuts the file, to 192 KiB in the first round and 8 KiB less in each next
//md   one (136 KiB in the last).
//md
//md After each round (a `CyclicBarrier` waits for the three threads), this cell reads the whole file
//md through both handles while the writers go on with the next round. Within a round the threads
//md race: which of their calls comes first may differ from run to run.
var passthrough = lab.csd().load(file("programs/flfs_passthrough.o"));
var snapshotHandle = readings.offload(passthrough);   // bound now: its snapshot is the file as it is
byte[] filled(int bytes, int value) {
  var data = new byte[bytes];
  Arrays.fill(data, (byte) value);
  return data;
}
int rounds = 8;
var roundDone = new java.util.concurrent.CyclicBarrier(4);   // three writers and this cell
var failures = Collections.synchronizedList(new ArrayList<Throwable>());
Thread writer(String name, java.util.function.IntConsumer round) {
  var t = new Thread(() -> {
    try {
      for (int i = 0; i < rounds; i++) {
        round.accept(i);
        roundDone.await();
      }
    } catch (Throwable e) {
      failures.add(e);
      roundDone.reset();   // frees the others from the barrier
    }
  }, name);
  t.start();
  return t;
}
var writers = List.of(
    writer("overwriter", i -> fs.write("/readings.bin", 0, filled(16 * 1024, 0xFF))),
    writer("appender", i -> fs.append("/readings.bin", filled(4096, 0x11))),
    writer("truncater", i -> fs.truncate("/readings.bin", (192 - 8 * i) * 1024L)));
int readsDuringWriters = 0;
int sameBytes = 0;
int sameCount = 0;
for (int i = 0; i < rounds && failures.isEmpty(); i++) {
  roundDone.await(30, java.util.concurrent.TimeUnit.SECONDS);
  readsDuringWriters++;
  if (Arrays.equals(snapshotHandle.read(0, original.length), original)) sameBytes++;
  if (countHandle.run().value() == attrCount) sameCount++;
}
for (var t : writers) t.join();
System.out.println(readsDuringWriters + " offloaded reads of each kernel while the writers ran; /readings.bin is now "
    + readings.sizeBytes() + " bytes");
//md Whatever order the threads' calls fell in:
//md
//md * all **8** reads through the passthrough handle returned exactly the **262,144 bytes** the
//md   file held when it was bound, and all 8 counts through the first handle were **32,750**;
//md * the writers all finished without an error;
//md * the passthrough handle's snapshot is still **256 KiB** (`snapshotSizeBytes()`), while the
//md   file itself is now smaller (its size depends on how the last appends and cuts fell).
Check.that("offloaded reads while the writers ran", readsDuringWriters).is(rounds);
Check.that("offloaded reads that returned the bound file's bytes", sameBytes).is(rounds);
Check.that("offloaded counts that were the bound file's", sameCount).is(rounds);
Check.that("errors in the writer threads", failures.size()).is(0);
Check.that("size of the passthrough handle's snapshot", snapshotHandle.snapshotSizeBytes()).is(256L * 1024);
Check.that("size of the file now", readings.sizeBytes()).isLessThan(256 * 1024);
//md What *is* certain about the file now: the truncater never cut below 16 KiB, so the
//md overwriter's `0xFF` bytes are its first 16 KiB whatever the order. A **fresh handle** with the
//md same passthrough kernel, bound now, sees the new file, exactly as a plain read of it does; the old
//md handle still sees the old one.
byte[] now = readings.read();
byte[] freshBytes;
try (var fresh = readings.offload(passthrough)) {
  freshBytes = fresh.read(0, now.length);
}
show(readings.layout());
Check.that("the fresh handle's kernel read the file as it is now", Arrays.equals(freshBytes, now)).isTrue();
Check.that("its first 16 KiB are the overwriter's 0xFF bytes",
    Arrays.equals(Arrays.copyOf(freshBytes, 16 * 1024), filled(16 * 1024, 0xFF))).isTrue();
Check.that("the old handle still reads the bound file",
    Arrays.equals(snapshotHandle.read(0, original.length), original)).isTrue();
Check.that("the old handle's count is still the bound file's", countHandle.run().value()).is(attrCount);
countHandle.close();
//md ## 3. The pin: what the cleaner must leave alone
//md
//md A log-structured filesystem never overwrites a block in place: the overwriter's and appender's
//md bytes went to new blocks, and the blocks they replaced, like those the truncater cut, are now
//md **dead** — the file no longer references them. Yet the snapshot still reads them. So the
//md snapshot **pins** its blocks: the cleaner, which copies a zone's live blocks elsewhere and resets
//md the zone, skips every zone holding a pinned block. `handle.pin()` shows which zones the
//md snapshot holds back (in a notebook: every zone, the pinned ones marked, those held back in red).
var pin = snapshotHandle.pin();
show(pin);
var heldBack = pin.heldBack();
var deadBefore = new HashMap<Integer, Integer>();
for (int z : heldBack) deadBefore.put(z, fs.zones().zone(z).deadBlocks());
System.out.println("held back: zones " + heldBack + ", dead blocks " + deadBefore);
//md The snapshot's 64 blocks lie in zones 5 and 6, as the file did when it was bound; zone 5 is full
//md and holds dead blocks now, so the snapshot **holds it back** from the cleaner. (Zone 5 is
//md certain whatever the writers' order: it holds the file's first blocks, which the overwriter
//md replaced.) Now we clean as long as the cleaner finds a zone to reclaim:
int passesWhilePinned = 0;
while (fs.clean()) passesWhilePinned++;
show(fs.zones());
System.out.println(passesWhilePinned + " cleaning passes while the snapshot was open");
//md The cleaner stopped with zone 5 untouched: it is still pinned, it still holds its dead blocks,
//md and the snapshot still reads the bound file through the kernel.
Check.that("zones the snapshot pins", new ArrayList<>(pin.pinnedZones().keySet())).is(List.of(5, 6));
Check.that("zones the file was in when it was bound", boundLayout.zones()).is(List.of(5, 6));
Check.that("the zone of the file's first block when it was bound",
    lab.device().geometry().zoneOf(boundLayout.layout().lbaOfBlock().get(0))).is(5);
Check.that("blocks the snapshot pins", pin.pinnedZones().values().stream().mapToInt(Integer::intValue).sum()).is(64);
Check.that("zone 5 is held back from the cleaner", heldBack.contains(5)).isTrue();
Check.that("what zone 5 is", fs.zones().zone(5).kind()).is(ZoneUse.Kind.SEALED_DATA);
for (int z : heldBack) {
  Check.that("zone " + z + " is still pinned after cleaning", fs.zones().zone(z).pinned()).isTrue();
  Check.that("dead blocks zone " + z + " still holds", fs.zones().zone(z).deadBlocks()).is(deadBefore.get(z));
}
Check.that("the snapshot still reads the bound file after cleaning",
    Arrays.equals(snapshotHandle.read(0, original.length), original)).isTrue();
//md Closing the handle releases the snapshot (`pin.close()` would do the same: a handle's pin closes
//md its handle). Zone 5 is no longer pinned, and the next cleaning pass reclaims it: it copies the
//md zone's live blocks (the file's blocks that no writer replaced) to the cold log, and once the
//md checkpoint after it no longer references zone 5, the zone is **free**, with no dead block left.
//md The device reset itself waits until a log takes the zone, or the next `fs.sync()`, after which
//md zone 5 is Empty on the drive.
snapshotHandle.close();
var before = fs.counters();
int passesAfterClose = 0;
while (fs.clean()) passesAfterClose++;
show(fs.zones());
var afterCleaning = fs.counters().minus(before);
System.out.println(passesAfterClose + " cleaning passes after the handle closed: " + afterCleaning);
Check.that("the pin is still open after its handle closed", pin.isOpen()).isFalse();
Check.that("cleaning passes once the snapshot was released", passesAfterClose).isGreaterThan(0);
Check.that("live blocks the cleaner copied", afterCleaning.blocksMoved()).isGreaterThan(0);
Check.that("cold logs (where the cleaner copies live blocks)", fs.zones().counts().get(ZoneUse.Kind.COLD_LOG)).is(1);
for (int z : heldBack) {
  Check.that("zone " + z + " is pinned no more", fs.zones().zone(z).pinned()).isFalse();
  Check.that("what zone " + z + " is now", fs.zones().zone(z).kind()).is(ZoneUse.Kind.FREE);
  Check.that("dead blocks left in zone " + z, fs.zones().zone(z).deadBlocks()).is(0);
}
fs.sync();
Check.that("zone resets once synced", fs.counters().minus(before).zoneResets()).isGreaterThan(0);
for (int z : heldBack) {
  Check.that("state of zone " + z + " on the drive after fs.sync()", lab.device().zone(z).state()).is(ZoneState.EMPTY);
}
Check.that("the filesystem's invariants hold", fs.check().ok()).isTrue();
Check.that("the file reads as before the cleaning", Arrays.equals(readings.read(), now)).isTrue();
//md `fs.snapshot(path)` takes such a pin without a kernel: its `read` returns the old bytes on the
//md host, while writers go on (the first exercise below uses it).
//md
//md ## 4. A write-event kernel
//md
//md FluffleFS's second attribute, `user.process.csd_write_event` (fluently `file.onWrite(kernel)`),
//md runs a kernel after each write through the handle, on exactly the blocks the write stored. Its
//md call information is the 52-byte `struct flfs_call` (the op, the request's size and offset, the
//md inode, its parent, the type and the file's size), then the 40-byte `struct flfs_write_call`
//md (`include/flfs_helpers.h`), then one u64 LBA per block the write covered:
//md
//md | field | meaning |
//md |-------|---------|
//md | `pre_pad` | bytes of the file from before the write in its first block, before the written range |
//md | `post_pad` | bytes of the file from before the write in its last block, after the written range |
//md | `start_ptr` | first LBA of the log zone holding the write's last block |
//md | `wp_ptr` | that zone's write pointer after the write |
//md | `end_ptr` | one past that zone's last writable LBA |
//md
//md This small kernel, in eBPF assembly, returns its call information unchanged, so we can decode it
//md with `FlfsCallDescriptor.decode`, the lab's description of the layout:
var echo = lab.csd().assemble("flfs_write_echo", """
    ; returns the call information: flfs_call, flfs_write_call and the LBAs of the write
    r1 = 0
    *(u64 *)(r10 - 8) = r1
    r1 = r10
    r1 += -8
    call 8                           ; get_call_info(&call)
    r6 = *(u64 *)(r10 - 8)
    if r6 == 0 goto invalid
    call 4                           ; get_sector_size()
    r7 = r0
    r8 = 92                          ; 52 bytes of flfs_call + 40 of flfs_write_call
    r1 = *(u64 *)(r6 + 12)           ; dims.offset
    r2 = *(u64 *)(r6 + 4)            ; dims.size
    if r2 == 0 goto send
    r3 = r1
    r3 += r2
    r3 += -1
    r3 /= r7                         ; the write's last block
    r1 /= r7                         ; its first block
    r3 -= r1
    r3 += 1
    r3 *= 8                          ; one u64 LBA per block
    r8 += r3
send:
    r1 = r6
    r2 = r8
    call 1                           ; return_data(call, length)
    r0 = 0
    exit
invalid:
    r0 = -22
    exit
    """);
//md The file `/log.bin` holds three blocks of `0x22` bytes (12,288 bytes). Through a handle with
//md the echo kernel bound, we write 100 bytes at offset 5,000, inside block 1:
fs.write("/log.bin", filled(3 * blockBytes, 0x22));
long block1Before = fs.file("/log.bin").layout().layout().lbaOfBlock().get(1);
byte[] callBytes;
FlfsCall call;
try (var events = fs.file("/log.bin").onWrite(echo)) {
  events.write(5000, filled(100, 0x33));
  callBytes = events.raw().lastKernelResult().returnData();
  call = FlfsCallDescriptor.decode(callBytes);
}
show(call);
var logLayout = fs.file("/log.bin").layout().layout();
var logZone = lab.device().geometry().zoneOf(call.lbas()[0]);
//md What the kernel was told:
//md
//md * `op` is a write event; `size` 100 and `offset` 5,000 are the write; `inode` is `/log.bin`'s,
//md   whose size is still 12,288 bytes;
//md * `pre_pad` is **904**: block 1 starts at byte 4,096, so 904 bytes of the old file come before
//md   the write in that block; `post_pad` is **3,092**: the old bytes from 5,100 to the block's end
//md   at 8,192;
//md * one LBA: the write covered one block, stored again in a new place — the LBA the file's
//md   layout now gives block 1;
//md * `start_ptr`, `wp_ptr` and `end_ptr` frame the log zone that took it: its first LBA, its write
//md   pointer just past the new block, and its first LBA plus its capacity.
Check.that("the call's op", call.op()).is(FlfsOp.WRITE_EVENT);
Check.that("the call's size", call.size()).is(100L);
Check.that("the call's offset", call.offset()).is(5000L);
Check.that("the call's inode", call.inode()).is(fs.stat("/log.bin").inode());
Check.that("the file size the call gives", call.fileSize()).is(12_288L);
Check.that("pre_pad", call.writeCall().prePadBytes()).is(904L);
Check.that("post_pad", call.writeCall().postPadBytes()).is(3092L);
Check.that("bytes of call information the echo returned (52 + 40 + one LBA)", callBytes.length).is(100);
Check.that("LBAs in the call", call.lbas().length).is(1);
Check.that("block 1 was stored in a new place", call.lbas()[0]).isNot(block1Before);
Check.that("the call's LBA is block 1's in the layout now", call.lbas()[0]).is(logLayout.lbaOfBlock().get(1));
long logZoneStart = lab.device().geometry().zoneStartLba(logZone);
Check.that("start_ptr: the first LBA of the log zone", call.writeCall().startLba()).is(logZoneStart);
Check.that("wp_ptr: just past the new block", call.writeCall().writePointerLba()).is(call.lbas()[0] + 1);
Check.that("end_ptr: the zone's first LBA plus its capacity", call.writeCall().endLba()).is(
    logZoneStart + lab.device().geometry().zoneCapacityBlocks());
//md ## 5. Exercises
//md
//md The file `/notes.bin` holds 8 KiB of `0x41` bytes (the cell below writes it).
fs.write("/notes.bin", filled(8 * 1024, 0x41));
Check.that("size of /notes.bin", fs.stat("/notes.bin").sizeBytes()).is(8192L);
//md ### Exercise: read the old version
//md
//md Take a snapshot of `/notes.bin` with `fs.snapshot(path)`, then replace the whole file with
//md 8 KiB of `0x42` bytes (`fs.write(path, data)`). Keep the first 16 bytes the **snapshot** reads in
//md `oldStart`, and the first 16 bytes a plain `fs.read` gives now in `newStart`. Close the snapshot
//md when you are done, so the cleaner may reclaim its blocks.
//exercise read-old-version "Read a file's old version through a snapshot while it is replaced"
//stub byte[] oldStart = new byte[0];   // the first 16 bytes the snapshot reads
//stub byte[] newStart = new byte[0];   // the first 16 bytes of the file now
//solution
byte[] oldStart;
byte[] newStart;
try (var notes = fs.snapshot("/notes.bin")) {
  fs.write("/notes.bin", filled(8 * 1024, 0x42));
  oldStart = notes.read(0, 16);
  newStart = fs.read("/notes.bin", 0, 16);
}
//hidden
Check.that("/notes.bin now holds 8 KiB of 0x42 (did you replace it?)",
    Arrays.equals(fs.read("/notes.bin"), filled(8 * 1024, 0x42))).isTrue();
Check.that("your oldStart is 16 bytes of 0x41 (the snapshot's)", Arrays.equals(oldStart, filled(16, 0x41))).isTrue();
Check.that("your newStart is 16 bytes of 0x42 (the file's now)", Arrays.equals(newStart, filled(16, 0x42))).isTrue();
Check.that("zones still pinned (close your snapshot)",
    fs.zones().zones().stream().filter(ZoneUse::pinned).count()).is(0L);
//end
//md ### Exercise: a count for each append
//md
//md `chunks` below holds three chunks of 4 KiB of seeded readings. Open `/stream.bin` (empty, made
//md below) with the counting kernel `count` as its **write-event** kernel (`onWrite`), append the
//md three chunks in order through the handle, and after each append keep the count the kernel
//md returned (`handle.lastRun().value()`) in the list `perAppend`.
fs.create("/stream.bin");
var chunks = List.of(
    lab.datasets().u32Readings(4, ByteUnit.KiB).seed(1).bytes(),
    lab.datasets().u32Readings(4, ByteUnit.KiB).seed(2).bytes(),
    lab.datasets().u32Readings(4, ByteUnit.KiB).seed(3).bytes());
Check.that("chunks", chunks.size()).is(3);
//exercise count-each-append "Count each append's readings with a write-event kernel"
//stub var perAppend = new ArrayList<Long>();   // the kernel's count after each append
//solution
var perAppend = new ArrayList<Long>();
try (var stream = fs.file("/stream.bin").onWrite(count)) {
  for (var chunk : chunks) {
    stream.append(chunk);
    perAppend.add(stream.lastRun().value());
  }
}
//hidden
Check.that("size of /stream.bin (three appends of 4 KiB)", fs.stat("/stream.bin").sizeBytes()).is(12_288L);
Check.that("/stream.bin holds the three chunks in order", Arrays.equals(fs.read("/stream.bin"),
    ByteBuffer.allocate(12_288).put(chunks.get(0)).put(chunks.get(1)).put(chunks.get(2)).array())).isTrue();
Check.that("counts in your perAppend", perAppend.size()).is(3);
for (int i = 0; i < 3; i++) {
  Check.that("your count for append " + (i + 1), perAppend.get(i)).is(countInJava(chunks.get(i)));
}
//end
//md ## What next
//md
//md Bind `flfs_entropy.o` (a byte histogram of the range read) to a file and let a writer replace it
//md with random bytes: does the entropy through the old handle change? Or make the drive's
//md core slower (`Lab.builder().coreInstructionsPerSecond(...)`) and see how much of the offloaded
//md read's modeled time is compute.
