//md # Crashes and recovery
//md
//md A filesystem keeps part of its state in memory: block maps, sizes, new names. When the power
//md goes out, that part is gone, and what is left is whatever reached the drive. `fsync` is the
//md line between the two: once `fsync` of a file returns, the file's contents and size survive a
//md power cut. Nothing is promised for what was written after it. In this tutorial you will
//md
//md 1. cut the power of the lab's filesystem and see which files survived, and why,
//md 2. cut the drive's power in the middle of a workload, power it on again and recover,
//md 3. build a small **CrashMonkey**: record every command that changes the drive, rebuild
//md    the drive as a power cut after each prefix of those commands would leave it, and check the
//md    filesystem recovered from every one of those states.
//md
//md The filesystem is flufflefs-lite (the lab's `lab.fs()`), on a small drive of 16 zones of 32
//md blocks of 4 KiB, so that every step is quick.
import java.util.*;
import java.nio.charset.StandardCharsets;
import org.csdlab.lab.*;
import org.csdlab.zns.*;
import org.csdlab.lab.tutorial.*;
import static org.csdlab.lab.tutorial.Tutorials.*;

var geometry = Geometry.builder().zoneCount(16).zoneSizeBlocks(32).build();
byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }
String text(byte[] bytes) { return new String(bytes, StandardCharsets.UTF_8); }
long blocksOnDrive(Lab lab) { return lab.device().zones().stream().mapToLong(Zone::writtenBlocks).sum(); }
var lab = Lab.builder().geometry(geometry).build();
var fs = lab.fs();
show(fs);
Check.that("zones of the drive", geometry.zoneCount()).is(16);
Check.that("blocks per zone", geometry.zoneSizeBlocks()).is(32);
Check.that("block size in bytes", geometry.blockSizeBytes()).is(4096);
//md ## 1. What fsync promises
//md
//md `fs.write(path, bytes)` creates or replaces a whole file and fsyncs it. `fs.append` and
//md `fs.create` do not: `fs.fsync(path)` (one file) or `fs.sync()` (everything) makes them durable.
//md We write three files and leave some of their changes unsynced:
//md
//md * `/a.txt`: written (fsynced), then `A2` appended without a fsync; then, after `/log.txt` is
//md   written, `A3` appended without a fsync;
//md * `/log.txt`: written with `L1` (fsynced), `L2` appended and fsynced, `L3` appended unsynced;
//md * `/new.txt`: created and appended to, never synced.
fs.write("/a.txt", utf8("A1\n"));
fs.append("/a.txt", utf8("A2\n"));
fs.write("/log.txt", utf8("L1\n"));
fs.append("/a.txt", utf8("A3\n"));
fs.append("/log.txt", utf8("L2\n"));
fs.fsync("/log.txt");
long blocksBeforeL3 = blocksOnDrive(lab);
fs.append("/log.txt", utf8("L3\n"));
long blocksAfterL3 = blocksOnDrive(lab);
fs.create("/new.txt");
fs.append("/new.txt", utf8("never synced\n"));
show(fs.tree());
//md The unsynced data is not only in memory: flufflefs-lite appends data to its log on the drive
//md as soon as it is written. Appending `L3` wrote one block to the drive. What stays in memory
//md until a fsync is the file's **inode**, which says how long the file is and where its blocks
//md are.
Check.that("blocks written on the drive by appending L3", blocksAfterL3 - blocksBeforeL3).is(1L);
//md Now the power goes out. `fs.powerCut()` drops the mount without writing anything, as a power
//md cut would; the drive keeps every block written so far (it has no volatile cache). Every call
//md fails until `fs.remount()`, which is **recovery**: the latest checkpoint, then every inode
//md fsynced after it.
fs.powerCut();
var afterCut = Check.raises("reading a file after the power cut", LabFsException.class, () -> fs.read("/log.txt"));
Check.that("what the failed call says", afterCut.getMessage()).contains("fs.remount() recovers what was synced");
fs.remount();
show(fs.tree());
//md What survived:
//md
//md * `/log.txt` holds `L1` and `L2`, what its last fsync covered. `L3`'s block is on the drive,
//md   but the recovered inode does not point at it: `L3` is lost.
//md * `/new.txt` does not exist: its name was never made durable.
//md * `/a.txt` holds `A1` **and `A2`**, though `A2` was never fsynced, and not `A3`. Writing
//md   `/log.txt` created a name, and a fsync after a name changed writes a full **checkpoint**,
//md   which writes every inode changed in memory, `/a.txt`'s too. `A3` came after that
//md   checkpoint, and the fsync of `/log.txt` that followed wrote only `/log.txt`'s inode.
//md
//md So unsynced data *may* survive; the filesystem promises nothing about it either way. A
//md program that needs data after a crash fsyncs it. And the recovered filesystem is consistent:
//md `fs.check()` finds every structural invariant holding.
Check.that("/log.txt after recovery", text(fs.read("/log.txt"))).is("L1\nL2\n");
Check.that("/new.txt exists after recovery", fs.exists("/new.txt")).isFalse();
Check.that("/a.txt after recovery", text(fs.read("/a.txt"))).is("A1\nA2\n");
var check = fs.check();
show(check);
Check.that("the recovered filesystem is consistent", check.ok()).isTrue();
//md ### Exercise: a durable log
//md
//md On the fresh lab `logLab` below, append the three lines `one`, `two` and `three` (each ending
//md with `\n`) to `/exercise/log.txt` with `logFs.append`, so that all three survive a power cut.
//md The hidden checks cut the power, remount and read the file.
var logLab = Lab.builder().geometry(geometry).build();
var logFs = logLab.fs();
logFs.mkdir("/exercise");
//exercise durable-log "Append three lines that survive a power cut"
//stub logFs.append("/exercise/log.txt", utf8("one\n"));
//stub logFs.append("/exercise/log.txt", utf8("two\n"));
//stub logFs.append("/exercise/log.txt", utf8("three\n"));
//solution
logFs.append("/exercise/log.txt", utf8("one\n"));
logFs.append("/exercise/log.txt", utf8("two\n"));
logFs.append("/exercise/log.txt", utf8("three\n"));
logFs.fsync("/exercise/log.txt");
//hidden
logFs.powerCut();
logFs.remount();
Check.that("/exercise/log.txt exists after the power cut", logFs.exists("/exercise/log.txt")).isTrue();
Check.that("/exercise/log.txt after the power cut", text(logFs.read("/exercise/log.txt"))).is("one\ntwo\nthree\n");
Check.that("the filesystem after the power cut is consistent", logFs.check().ok()).isTrue();
//end
//md ## 2. The drive loses power in the middle of a workload
//md
//md `fs.powerCut()` cuts between two calls. A real power cut comes in the middle of one, between
//md two of the commands it sends to the drive. The drive's fault injection does that:
//md `faults().powerCutAfter(n)` lets the next `n` commands run, and every command after them fails
//md with *Internal Error* ("device lost power") without changing anything.
//md
//md The workload is a logger: it appends 24 records of 11 bytes to `/sensor.log` and fsyncs after
//md every fourth. We attach a **`DeviceJournal`** to the drive first: it records every command that
//md changed the drive (writes, appends, zone management), in order, and can rebuild a fresh drive
//md in the state after any prefix of them. We cut the power after 30 more commands, reads included.
var loggerLab = Lab.builder().geometry(geometry).build();
var loggerFs = loggerLab.fs();
loggerFs.write("/sensor.log", new byte[0]);
var loggerJournal = DeviceJournal.attach(loggerLab.device().raw());
loggerLab.device().raw().faults().powerCutAfter(30);
String reading(int i) { return String.format("reading %02d\n", i); }
int appended = 0;
int synced = 0;
LabFsException powerFailure = null;
try {
  for (int i = 0; i < 24; i++) {
    loggerFs.append("/sensor.log", utf8(reading(i)));
    appended = i + 1;
    if (appended % 4 == 0) {
      loggerFs.fsync("/sensor.log");
      synced = appended;
    }
  }
} catch (LabFsException e) {
  powerFailure = e;
}
System.out.println(appended + " appends returned, " + synced + " records fsynced, then: " + powerFailure.getMessage());
//md The power went out during the 15th append: 14 appends had returned, the last fsync covered 12
//md records. The filesystem saw a command fail, stopped, and said that what was not synced may be
//md lost; every later call fails too.
Check.that("bytes of a record", utf8(reading(0)).length).is(11);
Check.that("appends that returned before the power cut", appended).is(14);
Check.that("records covered by the last fsync", synced).is(12);
Check.that("the drive lost power", loggerLab.device().raw().faults().powerLost()).isTrue();
Check.that("what the failed append says", powerFailure.getMessage()).contains("device lost power");
Check.that("what the failed append says", powerFailure.getMessage()).contains("what was not synced may be lost");
Check.raises("reading the log after the filesystem stopped", LabFsException.class, () -> loggerFs.read("/sensor.log"));
//md The emulated drive that lost power refuses every command from then on, reads too. The journal
//md holds every command the drive completed, so replaying all of them on a fresh drive gives the
//md drive as the cut left it, as if powered on again: `loggerJournal.replay(loggerJournal.size())`.
//md `Lab.builder().device(drive)` opens a lab on that drive, and its `lab.fs()` mounts the
//md filesystem the drive holds, which is recovery.
Check.raises("a read from the drive that lost power", ZnsException.class, () -> loggerLab.device().read(0, 1));
var poweredOn = Lab.builder().device(loggerJournal.replay(loggerJournal.size())).build();
var recoveredLog = text(poweredOn.fs().read("/sensor.log"));
show(poweredOn.fs().tree());
//md The recovered log holds exactly the 12 fsynced records, in order; the 2 appended after the last
//md fsync are lost. The filesystem is consistent.
var written = new StringBuilder();
for (int i = 0; i < appended; i++) {
  written.append(reading(i));
}
Check.that("records in the recovered log", recoveredLog.lines().count()).is(12);
Check.that("the recovered log is the start of what was written", written.toString().startsWith(recoveredLog)).isTrue();
Check.that("the recovered filesystem is consistent", poweredOn.fs().check().ok()).isTrue();
//md What did the drive see? The journal lists the 17 commands that changed it, all zone appends of
//md one block, to two zones: 14 to a data zone, one per record appended (the log's last, partly
//md filled block is rewritten as a new block), and 3 to the metadata log, one per fsync (the
//md file's inode).
show(loggerJournal.entries());
var appendsPerZone = new TreeMap<Integer, Integer>();
for (var entry : loggerJournal.entries()) {
  var append = (DeviceJournal.Append) entry;   // a ClassCastException here would mean another command
  Check.that("blocks of " + append, append.blocks(geometry.blockSizeBytes())).is(1);
  appendsPerZone.merge(geometry.zoneOf(append.lba()), 1, Integer::sum);
}
System.out.println("zone appends per zone: " + appendsPerZone);
Check.that("commands recorded before the cut", loggerJournal.size()).is(17);
Check.that("zones the logger's commands went to", appendsPerZone.size()).is(2);
Check.that("appends per zone, most first",
    appendsPerZone.values().stream().sorted(Comparator.reverseOrder()).toList()).is(List.of(appended, synced / 4));
//md ## 3. A small CrashMonkey
//md
//md A power cut can come after any command. CrashMonkey (Mohan et al., OSDI 2018) tests a
//md filesystem by recording the writes a workload sends to the drive, building from prefixes of
//md that record the states a crash could leave the drive in, mounting each of those **crash
//md states** and checking what it holds against what the workload had made durable. We do the
//md same for every prefix, for a workload of six steps on two files. Each step appends a line to
//md a file, and some fsync it:
record Step(String path, String data, boolean fsync) {}
var steps = List.of(
    new Step("/a.txt", "first line of a\n", true),
    new Step("/a.txt", "second line of a\n", false),
    new Step("/b.txt", "first line of b\n", true),
    new Step("/b.txt", "second line of b\n", true),
    new Step("/a.txt", "third line of a\n", false),
    new Step("/b.txt", "third line of b\n", false));
var monkeyLab = Lab.builder().geometry(geometry).build();
var monkeyFs = monkeyLab.fs();
var journal = DeviceJournal.attach(monkeyLab.device().raw());
var commandsAfterStep = new int[steps.size()];
for (int i = 0; i < steps.size(); i++) {
  var step = steps.get(i);
  monkeyFs.append(step.path(), utf8(step.data()));
  if (step.fsync()) {
    monkeyFs.fsync(step.path());
  }
  commandsAfterStep[i] = journal.size();
}
show(journal);
//md The model of what must survive: after the first `k` steps have returned, each file holds at
//md least what its last fsync covered, and whatever it holds is the start of everything the
//md workload appended to it (never other data, never zeros).
Map<String, String> finalText = new TreeMap<>();
for (var step : steps) {
  finalText.merge(step.path(), step.data(), String::concat);
}
Map<String, Integer> durableAfter(int stepsDone) {
  Map<String, Integer> out = new TreeMap<>();
  Map<String, Integer> length = new TreeMap<>();
  for (var step : steps.subList(0, stepsDone)) {
    length.merge(step.path(), step.data().length(), Integer::sum);
    if (step.fsync()) {
      out.put(step.path(), length.get(step.path()));
    }
  }
  return out;
}
//md For each prefix of the journal, `journal.replay(n)` is a fresh drive holding the first `n`
//md commands; a lab on it mounts the filesystem (recovery), and we check it: `fs.check()` finds
//md nothing wrong, every fsynced byte is there, and every file holds the start of its text.
LabFs recoveredAfter(int commands) {
  return Lab.builder().device(journal.replay(commands)).build().fs();
}
String contentOf(LabFs recovered, String path) {
  return recovered.exists(path) ? text(recovered.read(path)) : "";
}
List<String> checkState(int commands) {
  int stepsDone = 0;
  while (stepsDone < steps.size() && commandsAfterStep[stepsDone] <= commands) {
    stepsDone++;
  }
  var problems = new ArrayList<String>();
  var recovered = recoveredAfter(commands);
  if (!recovered.check().ok()) {
    problems.add("after " + commands + " commands: " + recovered.check());
  }
  var durable = durableAfter(stepsDone);
  for (var path : finalText.keySet()) {
    String held = contentOf(recovered, path);
    if (held.length() < durable.getOrDefault(path, 0)) {
      problems.add("after " + commands + " commands: " + path + " lost fsynced data: " + held.length()
          + " of " + durable.get(path) + " bytes");
    }
    if (!finalText.get(path).startsWith(held)) {
      problems.add("after " + commands + " commands: " + path + " holds data never appended: " + held);
    }
  }
  return problems;
}
var violations = new ArrayList<String>();
int states = 0;
for (int n = 0; n <= journal.size(); n++) {
  violations.addAll(checkState(n));
  states++;
}
System.out.println(steps.size() + " steps, " + journal.size() + " commands, " + states
    + " crash states mounted and checked, violations: " + violations.size());
violations.forEach(System.out::println);
//md The workload sent **18** commands that changed the drive, so there are **19** crash states
//md (from none of the commands to all of them). Every one recovers to a consistent filesystem
//md that holds everything fsynced: **0 violations**.
Check.that("commands the workload sent that changed the drive", journal.size()).is(18);
Check.that("commands when the last step returned", commandsAfterStep[steps.size() - 1]).is(journal.size());
Check.that("crash states mounted and checked", states).is(journal.size() + 1);
Check.that("violations", violations.size()).is(0);
//md ### What the states hold
//md
//md The unsynced lines behave as in part 1. `/a.txt`'s second line was not fsynced, but it is
//md there in 6 of the 19 crash states, exactly those in which `/b.txt` exists: `/b.txt` was a new
//md name, so its first fsync was a checkpoint, and that checkpoint wrote `/a.txt`'s inode too. The
//md third lines of both files, appended after the last fsync, are in no crash state.
int statesWithSecondLineOfA = 0;
int statesWithAThirdLine = 0;
int statesWithOnlyOneOfThem = 0;
for (int n = 0; n <= journal.size(); n++) {
  var recovered = recoveredAfter(n);
  boolean secondLineOfA = contentOf(recovered, "/a.txt").contains("second line of a");
  if (secondLineOfA) {
    statesWithSecondLineOfA++;
  }
  if (secondLineOfA != recovered.exists("/b.txt")) {
    statesWithOnlyOneOfThem++;
  }
  if (contentOf(recovered, "/a.txt").contains("third line") || contentOf(recovered, "/b.txt").contains("third line")) {
    statesWithAThirdLine++;
  }
}
Check.that("crash states whose /a.txt holds its unsynced second line", statesWithSecondLineOfA).is(6);
Check.that("crash states where /a.txt's second line and /b.txt are not both there or both absent",
    statesWithOnlyOneOfThem).is(0);
Check.that("crash states holding a third line", statesWithAThirdLine).is(0);
Check.that("after the whole journal, /a.txt",
    contentOf(recoveredAfter(journal.size()), "/a.txt")).is("first line of a\nsecond line of a\n");
//md ### Exercise: when does /b.txt appear?
//md
//md Find the smallest number of commands `n` such that the crash state `journal.replay(n)`, once
//md mounted, has a file `/b.txt`, and keep it in `firstStateWithB` (`recoveredAfter(n)` and
//md `exists(...)`, as above).
//exercise first-state-with-b "The first crash state in which /b.txt exists"
//stub int firstStateWithB = -1;   // the smallest n whose crash state has /b.txt
//solution
int firstStateWithB = -1;
for (int n = 0; n <= journal.size() && firstStateWithB < 0; n++) {
  if (recoveredAfter(n).exists("/b.txt")) {
    firstStateWithB = n;
  }
}
//hidden
Check.that("your n is a crash state of the journal", firstStateWithB).isBetween(1, journal.size());
Check.that("/b.txt exists after your n commands",
    Lab.builder().device(journal.replay(firstStateWithB)).build().fs().exists("/b.txt")).isTrue();
Check.that("/b.txt exists after one command fewer (is yours the first?)",
    Lab.builder().device(journal.replay(firstStateWithB - 1)).build().fs().exists("/b.txt")).isFalse();
//end
//md ## What next
//md
//md `journal.replayTorn(n, k)` rebuilds the drive as a power cut *during* command `n` would leave
//md it: only the first `k` blocks of a multi-block write reached the flash. Write a workload with
//md large appends and add the torn states to your CrashMonkey. Or crash the recovery itself: attach
//md a journal to a crashed drive before mounting it, and replay the prefixes of the recovery.
