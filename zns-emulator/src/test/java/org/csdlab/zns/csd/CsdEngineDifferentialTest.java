package org.csdlab.zns.csd;

import static org.csdlab.zns.csd.CsdTestSupport.GEOMETRY;
import static org.csdlab.zns.csd.CsdTestSupport.dataset;
import static org.csdlab.zns.csd.CsdTestSupport.device;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.csdlab.ebpf.Engine;
import org.csdlab.ebpf.EngineComparison;
import org.csdlab.ebpf.EngineRun;
import org.csdlab.ebpf.JitTally;
import org.csdlab.ebpf.Vm;
import org.csdlab.ebpf.elf.ElfObject;
import org.csdlab.ebpf.elf.LoadedProgram;
import org.csdlab.zns.ZnsDevice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every C kernel of tutorials/programs, from its committed object, on the drive as the lab runs it
 * (verified, the opencsd helpers, kernel memory, the device's data) with the interpreter and with
 * the JIT, each on a device of its own with the same data: the same {@link CsdResult} (r0, count,
 * return data, media and modeled times, debug lines, refusals) or the same error, and the same
 * device afterwards. Each kernel gets the call information its source documents, broken variants of
 * it, none, and seeded random words.
 *
 * <p>The {@code flfs_*} kernels expect FluffleFS's call layout, which this module cannot build:
 * here they get only none and random words (their refusal paths); flufflefs-lite's {@code
 * FileKernelEngineDifferentialTest} runs them on real files on both engines.
 */
class CsdEngineDifferentialTest {
  private static final Path PROGRAMS = Path.of("..", "tutorials", "programs");
  private static final JitTally TALLY = new JitTally("tutorial kernels on the drive");
  private static final int RANDOM_CALLS = 4;

  static Stream<String> kernels() throws IOException {
    try (Stream<Path> files = Files.list(PROGRAMS)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".o"))
          .map(n -> n.substring(0, n.length() - 2))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kernels")
  void kernelRunsAlikeOnBothEngines(String name) {
    LoadedProgram program = ElfObject.read(PROGRAMS.resolve(name + ".o")).program(".text");
    List<byte[]> calls = callsFor(name);
    for (int i = 0; i < calls.size(); i++) {
      byte[] call = calls.get(i);
      String what = name + " with call information " + HexFormat.of().formatHex(call);
      EngineComparison c =
          new EngineComparison(
              () -> what, run(program, Engine.INTERPRETER, call), run(program, Engine.JIT, call));
      c.assertSame();
      TALLY.record(name + "#" + i, c);
    }
  }

  @AfterAll
  static void printTally() {
    System.out.println(TALLY.summary());
  }

  /** The kernel on a fresh device with the test data, with {@code engine} asked for. */
  private static EngineRun run(LoadedProgram program, Engine engine, byte[] call) {
    ZnsDevice device = filledDevice();
    ComputationalStorage csd = ComputationalStorage.of(device);
    csd.verify(program).orThrow();
    CsdKernel kernel =
        new CsdKernel(
            csd, program.name(), program.configure(Vm.builder(program.program()).engine(engine)));
    String outcome;
    Throwable error = null;
    try {
      outcome = describe(kernel.run(call));
    } catch (RuntimeException e) {
      error = e;
      outcome = EngineRun.describe(e);
    }
    return new EngineRun(
        kernel.vm().engine(),
        kernel.vm().interpretedBecause(),
        outcome,
        null,
        error,
        Map.of(),
        "device " + device.zones() + " at " + device.modeledNanos() + " ns",
        Thread.interrupted());
  }

  private static String describe(CsdResult r) {
    return "r0="
        + r.r0()
        + " executed="
        + r.instructionsExecuted()
        + " returned="
        + HexFormat.of().formatHex(r.returnData())
        + " mediaRead="
        + r.mediaBytesRead()
        + " mediaWritten="
        + r.mediaBytesWritten()
        + " hostBytes="
        + r.hostBytes()
        + " mediaNanos="
        + r.mediaNanos()
        + " computeNanos="
        + r.computeNanos()
        + " linkNanos="
        + r.linkNanos()
        + " debug="
        + r.debug()
        + " debugDropped="
        + r.debugDropped()
        + " refusals="
        + r.refusals()
        + " refusalsDropped="
        + r.refusalsDropped();
  }

  /** Zones 0-2 full of seeded u32 values, zone 3 half full. */
  private static ZnsDevice filledDevice() {
    ZnsDevice device = device();
    for (int zone = 0; zone < 3; zone++) {
      device.append(GEOMETRY.zoneStartLba(zone), dataset(100 + zone, 32));
    }
    device.append(GEOMETRY.zoneStartLba(3), dataset(103, 16));
    return device;
  }

  private static List<byte[]> callsFor(String name) {
    List<byte[]> calls = new ArrayList<>();
    calls.add(new byte[0]);
    switch (name) {
      case "count_u32", "histogram" -> {
        for (long zone : new long[] {0, 1, 3, 9}) {
          calls.add(longs(zone));
        }
      }
      case "count_u32_lbas" -> {
        calls.add(longs(2, 5, 0, 5, 5, 31, 17));
        calls.add(longs(3, 2, 15, 16));
        calls.add(longs(2, 1, 32));
        calls.add(longs(2, 3, 1));
      }
      case "filter_records" -> {
        calls.add(longs(0, 0x3fffffff));
        calls.add(longs(1, Long.MIN_VALUE));
        calls.add(longs(3, 0));
      }
      case "filter_u32_records" -> {
        calls.add(longs(1, 32 * 4096, 16, 0x3fffffff, 4096));
        calls.add(longs(3, 5000, 8, 0x6fffffff, 8192));
        calls.add(longs(0, 4096, 12, 0, 4096));
        calls.add(longs(0, 4096, 16, 0, 100));
        calls.add(longs(2, 40 * 4096, 32, 0, 4096));
      }
      default -> {}
    }
    Random random = new Random(name.hashCode());
    for (int i = 0; i < RANDOM_CALLS; i++) {
      long[] words = new long[1 + random.nextInt(12)];
      for (int w = 0; w < words.length; w++) {
        words[w] = random.nextInt(3) == 0 ? random.nextLong() : random.nextInt(64);
      }
      calls.add(longs(words));
    }
    return calls;
  }

  private static byte[] longs(long... values) {
    ByteBuffer buffer = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      buffer.putLong(v);
    }
    return buffer.array();
  }
}
