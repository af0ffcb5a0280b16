//md # Offloaded filtering
//md
//md A query that reads a lot and keeps little — *how many readings are above a threshold?* — moves
//md every byte from the drive to the host just to throw most of them away. A **computational
//md storage drive** can run the filter next to the data and send back only the answer. In this
//md tutorial you will
//md
//md 1. write a 256 MiB dataset of u32 sensor readings to the drive,
//md 2. count the readings above `RAND_MAX/2` on the host and with an eBPF kernel on the drive,
//md    watching the throughput live,
//md 3. compare the bytes moved and the modeled time,
//md 4. vary how much the filter keeps (selectivity) and the record size, and find where offloading
//md    stops paying.
//md
//md Times checked here are **modeled**: the drive's deterministic timing model (tutorial 2) and its
//md core executing 10⁹ eBPF instructions per second — what a real drive would take. Wall-clock
//md times are how long this JVM took to emulate it; they depend on your machine and are only shown
//md (part 3 says what each clock tells).
import java.util.*;
import org.csdlab.ebpf.Engine;
import org.csdlab.lab.*;
import org.csdlab.lab.chart.*;
import org.csdlab.lab.dataset.*;
import org.csdlab.lab.monitor.*;
import org.csdlab.lab.tutorial.*;
import static org.csdlab.lab.tutorial.Tutorials.*;

// 8 MiB of device memory: room for a 1 MiB chunk of data and the filter's matches in part 4.
var lab = Lab.builder().memoryBytes(8 << 20).build();
var dev = lab.device();
var monitor = lab.monitor();
//md ## 1. The dataset
//md
//md 256 MiB of little-endian u32 readings between 0 and `RAND_MAX` = 2³¹ − 1, drawn from a seeded
//md generator (seed 7), so everyone gets the same bytes. It fills **16 zones** of 16 MiB. About
//md half the readings are above `RAND_MAX/2`.
var readings = lab.datasets().u32Readings(256, ByteUnit.MiB).seed(7).writeToZones(0);
show(readings);
Check.that("zones the dataset fills", readings.zoneCount()).is(16);
Check.that("dataset size in bytes", readings.sizeBytes()).is(256L << 20);
long threshold = Lab.RAND_MAX / 2;
long zoneBytes = dev.geometry().zoneCapacityBytes();
//md ## 2. Count on the host, then on the drive
//md
//md On the host, the lab reads each zone over the host link and counts in Java. On the drive, the
//md lab's counting kernel (`LabCsd.countKernelSource()`, eBPF assembly for the drive's **opencsd**
//md kernel ABI, as every kernel here) reads the zone into the drive's memory and returns an
//md 8-byte count, once per zone. Both report to the lab's monitor:
//md `monitor.live(TimeAxis.MODELED)` opens a chart in this cell that grows while they run, the
//md drive's line after the host's on one modeled-time axis (in a terminal you get progress bars).
monitor.live(TimeAxis.MODELED);   // a chart of the operations this cell starts from here on
var onHost = lab.host().countU32Above(readings, threshold);
var onDrive = lab.csd().countU32Above(readings, threshold);
//md Both lines are **flat**: the model gives every step of a scan the same time, so each runs at
//md one constant throughput. Every 1 MiB the host reads over the link takes 25.65 ms of modeled
//md time, so its line stays at **39.0 MiB/s** for the 6.57 s of its scan; each 16 MiB zone the
//md drive counts takes 226.5 ms, so its line stays at **70.6 MiB/s** for 3.62 s. The drive's line is
//md the higher one: it reads its flash in bigger pieces and sends nothing back but counts.
Check.that("modeled time of each 1 MiB host read (ns)", onHost.modeledNanos() / 256).is(25_650_000L);
Check.that("host throughput over modeled time (MiB/s)",
    onHost.hostBytes() * 1e9 / ByteUnit.MiB.bytes() / onHost.modeledNanos()).isCloseTo(39.0, 0.05);
Check.that("drive throughput over modeled time (MiB/s)",
    onDrive.mediaBytesRead() * 1e9 / ByteUnit.MiB.bytes() / onDrive.modeledNanos()).isCloseTo(70.6, 0.05);
var comparison = lab.compare(onHost, onDrive);
show(comparison);
//md ## 3. What moved, and how long it took
//md
//md * Both count **33,546,189** readings above `RAND_MAX/2` — the same answer.
//md * The host moved all **268,435,456 bytes** over the link; the drive read the same bytes from its
//md   flash but sent only **128 bytes** (an 8-byte count per zone).
//md * Modeled time: the host needs **6.566 s** (256 reads of 1 MiB over the flash and the link, 25.65 ms
//md   each); the drive needs **3.625 s**, 1.81× faster — its flash reads are bigger (up to its
//md   memory) and the link carries nothing but the counts.
show(Charts.bytesMoved("Bytes moved for one count over 256 MiB", List.of(
    new BytesMoved("host", onHost.hostBytes(), onHost.hostBytes()),
    new BytesMoved("drive (eBPF)", onDrive.mediaBytesRead(), onDrive.hostBytes()))));
Check.that("the host and the drive agree", comparison.sameAnswer()).isTrue();
Check.that("readings above RAND_MAX/2", onHost.value()).is(33_546_189);
Check.that("bytes over the host link, host scan", onHost.hostBytes()).is(268_435_456);
Check.that("bytes over the host link, offloaded", onDrive.hostBytes()).is(128);
Check.that("bytes read from flash by the drive", onDrive.mediaBytesRead()).is(268_435_456);
Check.that("modeled time on the host (ns)", onHost.modeledNanos()).is(6_566_400_000L);
Check.that("modeled time on the drive (ns)", onDrive.modeledNanos()).is(3_624_737_312L);
Check.that("modeled speedup of offloading", comparison.modeledSpeedup()).isGreaterThan(1);
Check.that("the drive's modeled time is less than the host's", onDrive.modeledNanos() < onHost.modeledNanos()).isTrue();
//md ### Two clocks
//md
//md The comparison's last row, **wall time**, is how long this JVM took to emulate each run. It
//md answers another question than modeled time. **Modeled time** is what a real drive would take:
//md it comes from the timing model alone (the flash reads, the host link, and the core's 10⁹
//md instructions per second times the **343,935,744** eBPF instructions the kernel executed:
//md 0.344 s of the drive's 3.625 s is computing, the rest reading flash), so it is the same on
//md every machine and the checks can assert it. **Wall time** is what emulating the drive takes
//md here: the host's count is Java that HotSpot compiles to machine code; the drive's kernel runs
//md on the lab's eBPF engine — `AUTO`, which compiles a kernel with a loop to JVM bytecode (a
//md **JIT**, tutorial 7) — and every emulated flash read copies its bytes into the drive's memory.
//md Which side is faster on your clock, and by how much, depends on your machine, your JDK and how
//md warm the JVM is, so it is only shown. Tutorial 7 runs the same count on the interpreter and on
//md the JIT: the answers and the modeled times are the same, only the wall times differ.
Check.that("the engine the drive's counting kernel runs on", lab.csd().countKernel().engine()).is(Engine.JIT);
Check.that("eBPF instructions the drive executed", onDrive.instructions()).is(343_935_744L);
Check.that("modeled compute time on the drive (ns)", onDrive.computeNanos()).is(343_935_744L);
Check.that("modeled flash time on the drive (ns)", onDrive.mediaNanos()).is(3_280_800_000L);
//md ### A kernel written in C
//md
//md Tutorial 1 disassembled `count_u32.o`, compiled from `tutorials/programs/count_u32.c`. It counts
//md the same thing for one zone, eight values a round with no branch on the data, but reads **one
//md 4 KiB sector at a time**, up to the zone's write pointer (the opencsd `read` returns -1 at or
//md above it, and the kernel stops there). On zone 0:
var cKernel = lab.csd().load(file("programs/count_u32.o"));
var cRun = cKernel.run(0L);
var builtIn = lab.csd().countU32Above(new Extent(0, 1, zoneBytes), threshold);
show(cRun);
//md Same count as the lab's kernel on zone 0, **2,097,702** — but **633.4 ms** of modeled time
//md (19.0 ms of it computing, for its **18,980,911** instructions; the rest reading flash)
//md against **226.5 ms** for the lab's kernel, which reads as much as its memory holds at once
//md (8 MiB less one sector: the opencsd ABI puts the 32-byte call information at the start of the
//md kernel memory, and the kernel reads whole sectors into what follows): one sector per read
//md keeps one die busy while three wait, and each read pays the flash latency. Reading in large chunks is what
//md makes offloading fast, not offloading by itself.
Check.that("count_u32.o's count for zone 0", cRun.value()).is(builtIn.value());
Check.that("readings above RAND_MAX/2 in zone 0", cRun.value()).is(2_097_702);
Check.that("modeled time of count_u32.o on zone 0 (ns)", cRun.modeledNanos()).is(633_381_009L);
Check.that("eBPF instructions count_u32.o executed on zone 0", cRun.instructions()).is(18_980_911L);
Check.that("modeled compute time of count_u32.o on zone 0 (ns)", cRun.computeNanos()).is(18_980_911L);
Check.that("modeled time of the chunked kernel on zone 0 (ns)", builtIn.modeledNanos()).is(226_546_082L);
//md ### Exercise: another threshold, on the drive
//md
//md Count on the drive the readings of **zone 5** (one zone of the dataset, `zoneBytes` long) that
//md are above **`RAND_MAX / 4`**, and keep the result in `quarterOnDrive`. Only the count should
//md cross the host link.
//exercise count-above-quarter "Count the readings of zone 5 above RAND_MAX/4 on the drive"
//stub var quarterOnDrive = lab.host().countU32Above(new Extent(0, 1, zoneBytes), threshold);   // fix me
//stub show(quarterOnDrive);
//solution
var quarterOnDrive = lab.csd().countU32Above(new Extent(5, 1, zoneBytes), Lab.RAND_MAX / 4);
show(quarterOnDrive);
//hidden
var quarterOnHost = lab.host().countU32Above(new Extent(5, 1, zoneBytes), Lab.RAND_MAX / 4);
Check.that("your count of zone 5 above RAND_MAX/4", quarterOnDrive.value()).is(quarterOnHost.value());
Check.that("bytes your count sent over the host link (only the count)", quarterOnDrive.hostBytes()).is(8);
//end
//md ## 4. When does offloading stop paying?
//md
//md Counting returns 8 bytes whatever the data. A *filter* returns what it keeps. The kernel
//md `tutorials/programs/filter_u32_records.c` treats a zone as records of `R` bytes whose first u32
//md is the key, and returns every record whose key is above `RAND_MAX/2`. The fraction it keeps is
//md the **selectivity** — the datasets below are made with a chosen selectivity.
//md
//md For each selectivity we write 4 MiB of readings to a fresh zone; the host reads all of it,
//md the drive filters records of 8, 32, 128 and 512 bytes.
var filter = lab.csd().load(file("programs/filter_u32_records.o"));
long sampleBytes = 4 << 20;
double[] selectivities = {0, 0.2, 0.4, 0.6, 0.7, 0.8, 0.9, 1.0};
int[] recordSizes = {8, 32, 128, 512};
var hostMillis = new double[selectivities.length];
var driveMillis = new double[recordSizes.length][selectivities.length];
var matches = new long[recordSizes.length][selectivities.length];
for (int i = 0; i < selectivities.length; i++) {
  int zone = 20 + i;
  Datasets.u32Readings(sampleBytes, ByteUnit.B).seed(7).selectivity(selectivities[i]).on(dev.raw())
      .monitor(ThroughputMonitor.quiet()).writeToZones(zone);   // small and many: no progress bar each
  hostMillis[i] = lab.host().countU32Above(new Extent(zone, 1, sampleBytes), threshold).modeledNanos() / 1e6;
  for (int r = 0; r < recordSizes.length; r++) {
    var run = filter.run(zone, sampleBytes, recordSizes[r], threshold, 1 << 20);
    if ((int) run.r0() < 0) {   // main returns an int: a negative error, or the number of matches
      throw new IllegalStateException("filter_u32_records failed with " + (int) run.r0());
    }
    matches[r][i] = run.r0();
    driveMillis[r][i] = run.modeledNanos() / 1e6;
  }
}
var lines = new ArrayList<Line>();
lines.add(new Line("host (any record size)", selectivities, hostMillis));
for (int r = 0; r < recordSizes.length; r++) {
  lines.add(new Line("drive, " + recordSizes[r] + "-byte records", selectivities, driveMillis[r]));
}
show(Charts.lines("Filtering 4 MiB: host against drive (modeled)", "selectivity", "modeled time (ms)", lines));
//md The host's time does not depend on the filter: it reads everything. The drive's time grows
//md with what it returns (the link) and with the work per byte (small records mean more
//md comparisons). Where a drive line crosses the host line, offloading stops paying:
double crossover(double[] drive) {
  for (int i = 1; i < selectivities.length; i++) {
    double before = drive[i - 1] - hostMillis[i - 1];
    double after = drive[i] - hostMillis[i];
    if (before < 0 && after >= 0) {
      return selectivities[i - 1] + (selectivities[i] - selectivities[i - 1]) * -before / (after - before);
    }
  }
  return Double.NaN;
}
var crossovers = new double[recordSizes.length];
for (int r = 0; r < recordSizes.length; r++) {
  crossovers[r] = crossover(driveMillis[r]);
  System.out.printf("%3d-byte records: offloading pays below selectivity %.3f%n", recordSizes[r], crossovers[r]);
}
var points = new ArrayList<CrossoverPoint>();
for (int i = 0; i < selectivities.length; i++) {
  points.add(new CrossoverPoint(selectivities[i], hostMillis[i] / 1e3, driveMillis[0][i] / 1e3));
}
show(Charts.crossover("Crossover for 8-byte records", "selectivity", points));
show(Charts.lines("Where offloading stops paying", "record size (bytes)", "crossover selectivity",
    List.of(new Line("crossover", Arrays.stream(recordSizes).asDoubleStream().toArray(), crossovers))));
//md What to read from it:
//md
//md * The host needs **102.6 ms** for 4 MiB whatever the filter.
//md * With nothing kept (selectivity 0) the drive takes about half the host's time for every
//md   record size: it only reads the flash (and compares).
//md * At selectivity 0.2 the drive keeps 6,625 of the 32,768 records of 128 bytes; at
//md   selectivity 1 it keeps all 524,288 records of 8 bytes.
//md * With everything kept (selectivity 1) the drive is slower than the host for every record
//md   size: it reads the flash, filters, then sends all the data over the same link anyway.
//md * With 8-byte records offloading stops paying at a selectivity of about **0.73**; with
//md   512-byte records at about **0.92**: bigger records mean fewer comparisons per byte.
Check.that("host modeled time for 4 MiB (ms)", hostMillis[0]).isCloseTo(102.6, 0.001);
Check.that("records kept at selectivity 0.2, 128-byte records", matches[2][1]).is(6625);
Check.that("records kept at selectivity 1, 8-byte records", matches[0][selectivities.length - 1]).is(524_288);
for (int r = 0; r < recordSizes.length; r++) {
  Check.that("drive beats host at selectivity 0, " + recordSizes[r] + "-byte records",
      driveMillis[r][0] < hostMillis[0]).isTrue();
  Check.that("drive / host time at selectivity 0, " + recordSizes[r] + "-byte records",
      driveMillis[r][0] / hostMillis[0]).isBetween(0.4, 0.6);
  Check.that("host beats drive at selectivity 1, " + recordSizes[r] + "-byte records",
      driveMillis[r][selectivities.length - 1] > hostMillis[selectivities.length - 1]).isTrue();
}
Check.that("crossover selectivity, 8-byte records", crossovers[0]).isCloseTo(0.730, 0.001);
Check.that("crossover selectivity, 512-byte records", crossovers[3]).isCloseTo(0.920, 0.001);
Check.that("bigger records cross over later",
    crossovers[0] < crossovers[1] && crossovers[1] < crossovers[2] && crossovers[2] < crossovers[3]).isTrue();
//md ### Exercise: half and half
//md
//md Write 4 MiB of readings with selectivity **0.5** (seed 7) to **zone 28**, as the loop above
//md does, and count on the drive how many of them are above `threshold`: keep the count in
//md `halfCount` (a `long`).
//exercise selectivity-half "Write a dataset of selectivity 0.5 to zone 28 and count it on the drive"
//stub // write the readings to zone 28 here
//stub long halfCount = 0;   // the drive's count of readings above threshold in zone 28
//solution
var halfReadings = Datasets.u32Readings(sampleBytes, ByteUnit.B).seed(7).selectivity(0.5).on(dev.raw());
halfReadings.monitor(ThroughputMonitor.quiet()).writeToZones(28);
long halfCount = lab.csd().countU32Above(new Extent(28, 1, sampleBytes), threshold).value();
//hidden
long halfOnHost = lab.host().countU32Above(new Extent(28, 1, sampleBytes), threshold).value();
Check.that("readings of zone 28 above threshold, counted on the host (are yours there?)",
    halfOnHost).isBetween(0.45 * (sampleBytes / 4), 0.55 * (sampleBytes / 4));
Check.that("your count for zone 28", halfCount).is(halfOnHost);
//end
//md ## What next
//md
//md Change the lab and rerun: a faster device core (`Lab.builder().coreInstructionsPerSecond(...)`),
//md another timing profile (`.timing("tlc-zns")`), or a smaller chunk in the filter's call. Which
//md way does each move the crossover?
