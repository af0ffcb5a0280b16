package org.csdlab.lab.cli;

import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.csdlab.ebpf.Engine;
import org.csdlab.ebpf.Excerpt;
import org.csdlab.ebpf.ExecutionResult;
import org.csdlab.ebpf.Vm;
import org.csdlab.ebpf.asm.Assembler;
import org.csdlab.zns.Geometry;
import org.csdlab.zns.ZnsDevice;
import org.csdlab.zns.ZoneAction;
import org.csdlab.zns.csd.ComputationalStorage;
import org.csdlab.zns.csd.CsdKernel;
import org.csdlab.zns.csd.CsdResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code csdlab bench}: quick runs of the VM, device and CSD benchmarks, as a table. The careful
 * figures come from the JMH benchmarks in {@code tests/} (Maven profile {@code bench}).
 */
@Command(
    name = "bench",
    description = "Quick benchmarks of the eBPF VM, the ZNS device and the CSD, as a table.",
    footer = {
      "",
      "Groups:",
      "  vm   the VM counting u32 values > 0x3FFFFFFF in its context memory",
      "  zns  Zone Append and Read of 128 KiB commands over one zone (memory backend)",
      "  csd  the tutorial kernel count_u32.o over one zone on the drive (4 KiB reads)",
      "",
      "A quick look in one JVM; for careful figures use the JMH benchmarks:",
      "  mvn -B -q -Pbench -pl tests -am package -DskipTests",
      "  java -jar tests/target/benchmarks.jar",
      "",
      ByteSize.UNITS_HELP
    })
final class BenchCommand implements Callable<Integer> {
  /** The benchmark groups. */
  enum Group {
    VM,
    ZNS,
    CSD
  }

  /** The VM benchmark: the same loop as the JMH benchmark count_above, written in assembly. */
  static final String COUNT_ABOVE =
      """
          r0 = 0
          r3 = r1
          r3 += r2              ; r3 = end of the context
      loop:
          if r1 >= r3 goto done
          r4 = *(u32 *)(r1 + 0)
          r1 += 4
          if r4 <= 0x3fffffff goto loop
          r0 += 1
          goto loop
      done:
          exit
      """;

  private static final int COMMAND_BYTES = 128 << 10;

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "GROUP",
      arity = "0..*",
      description = "Which benchmarks: vm, zns, csd (default: all).")
  List<String> groups = new ArrayList<>();

  @Option(
      names = "--size",
      paramLabel = "SIZE",
      defaultValue = "16MiB",
      converter = ByteSize.Converter.class,
      description =
          "Data each run goes over: a multiple of 1 MiB, at most 1 GiB (default: ${DEFAULT-VALUE}).")
  ByteSize size;

  @Option(
      names = "--time",
      paramLabel = "SECONDS",
      defaultValue = "2",
      description =
          "Measurement time per benchmark, more than 0 and at most 600 (default: ${DEFAULT-VALUE}).")
  double seconds;

  @Option(
      names = "--engine",
      paramLabel = "ENGINE",
      defaultValue = "auto",
      description =
          "Engine of the vm and csd benchmarks: interpreter, jit or auto (default:"
              + " ${DEFAULT-VALUE}); the table names the engine that ran.")
  String engineName;

  @Option(
      names = "--warmup",
      paramLabel = "SECONDS",
      defaultValue = "2",
      description = "Warm-up time per benchmark, 0 to 600 (default: ${DEFAULT-VALUE}).")
  double warmupSeconds;

  @Override
  public Integer call() {
    if (size.bytes() < (1 << 20) || size.bytes() > (1L << 30) || size.bytes() % (1 << 20) != 0) {
      throw BadArgument.of(
          spec,
          "--size",
          "--size must be a multiple of 1 MiB from 1 MiB to 1 GiB, got " + size.described());
    }
    if (!(seconds > 0 && seconds <= 600)) {
      throw BadArgument.of(
          spec, "--time", "--time must be more than 0 and at most 600 seconds, got " + seconds);
    }
    if (!(warmupSeconds >= 0 && warmupSeconds <= 600)) {
      throw BadArgument.of(
          spec, "--warmup", "--warmup must be from 0 to 600 seconds, got " + warmupSeconds);
    }
    Engine engine = chosenEngine();
    EnumSet<Group> chosen = chosenGroups();
    PrintWriter out = spec.commandLine().getOut();
    int bytes = Math.toIntExact(size.bytes());
    out.printf(
        Locale.ROOT,
        "csdlab bench: %s per run, %.1f s warm-up + %.1f s measured each; %s%n",
        size,
        warmupSeconds,
        seconds,
        CsdlabVersion.jdk());
    out.flush();
    QuickBench bench = new QuickBench(warmupSeconds, seconds);
    List<QuickBench.Measurement> results = new ArrayList<>();
    byte[] data = readings(bytes);
    List<String> fallbacks = new ArrayList<>();
    for (Group group : chosen) {
      for (QuickBench.Operation op : operations(group, data, engine, fallbacks)) {
        results.add(bench.measure(op));
      }
    }
    out.print(table(results));
    fallbacks.forEach(out::println);
    return 0;
  }

  private Engine chosenEngine() {
    for (Engine engine : Engine.values()) {
      if (engine.name().equalsIgnoreCase(engineName)) {
        return engine;
      }
    }
    throw BadArgument.of(
        spec,
        "--engine",
        "--engine must be interpreter, jit or auto, got '" + Excerpt.of(engineName) + "'");
  }

  /**
   * What a benchmark's VM runs on, for the "what" column; a JIT request that runs interpreted adds
   * its reason to {@code fallbacks}, printed under the table.
   */
  private static String engineOf(String name, Vm vm, Engine requested, List<String> fallbacks) {
    if (requested == Engine.JIT && vm.engine() != Engine.JIT) {
      vm.interpretedBecause()
          .ifPresent(
              reason -> fallbacks.add(name + ": --engine jit runs on the interpreter: " + reason));
    }
    return vm.engine().name().toLowerCase(Locale.ROOT);
  }

  private EnumSet<Group> chosenGroups() {
    EnumSet<Group> chosen = EnumSet.noneOf(Group.class);
    for (String name : groups) {
      try {
        chosen.add(Group.valueOf(name.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw BadArgument.of(
            spec, "GROUP", "no benchmark group '" + Excerpt.of(name) + "'; groups: vm, zns, csd");
      }
    }
    return chosen.isEmpty() ? EnumSet.allOf(Group.class) : chosen;
  }

  private static List<QuickBench.Operation> operations(
      Group group, byte[] data, Engine engine, List<String> fallbacks) {
    return switch (group) {
      case VM -> List.of(vmCountAbove(data, engine, fallbacks));
      case ZNS -> znsAppendAndRead(data);
      case CSD -> List.of(csdCountU32(data, engine, fallbacks));
    };
  }

  private static QuickBench.Operation vmCountAbove(
      byte[] data, Engine engine, List<String> fallbacks) {
    long expected = countAbove(data);
    Vm vm = Vm.builder(Assembler.assemble(COUNT_ABOVE)).fuel(Long.MAX_VALUE).engine(engine).build();
    return new QuickBench.Operation(
        "vm count_above",
        engineOf("vm count_above", vm, engine, fallbacks) + ": u32 > 0x3FFFFFFF in context",
        data.length,
        () -> {
          ExecutionResult r = vm.run(data);
          check(r.r0(), expected, "vm count_above");
          return r.instructionsExecuted();
        });
  }

  private static List<QuickBench.Operation> znsAppendAndRead(byte[] data) {
    ZnsDevice device = ZnsDevice.builder(benchZones(data.length)).build();
    byte[] command = new byte[COMMAND_BYTES];
    int blocks = COMMAND_BYTES / device.geometry().blockSizeBytes();
    QuickBench.Operation append =
        new QuickBench.Operation(
            "zns append",
            "Zone Append 128 KiB until the zone is full",
            data.length,
            () -> {
              device.manage(0, ZoneAction.RESET);
              for (int at = 0; at < data.length; at += COMMAND_BYTES) {
                device.append(0, command);
              }
              return 0;
            });
    QuickBench.Operation read =
        new QuickBench.Operation(
            "zns read",
            "Read 128 KiB over the whole zone",
            data.length,
            () -> {
              if (device.zone(0).writtenBlocks() * device.geometry().blockSizeBytes()
                  < data.length) {
                throw new IllegalStateException("zns read: the zone was not written");
              }
              for (long lba = 0;
                  lba < data.length / device.geometry().blockSizeBytes();
                  lba += blocks) {
                device.read(lba, blocks, command, 0);
              }
              return 0;
            });
    return List.of(append, read);
  }

  private static QuickBench.Operation csdCountU32(
      byte[] data, Engine engine, List<String> fallbacks) {
    ZnsDevice device = ZnsDevice.builder(benchZones(data.length)).build();
    for (int at = 0; at < data.length; at += 1 << 20) {
      device.append(0, java.util.Arrays.copyOfRange(data, at, at + (1 << 20)));
    }
    long expected = countAbove(data);
    CsdKernel kernel =
        ComputationalStorage.builder(device)
            .fuel(Long.MAX_VALUE)
            .engine(engine)
            .build()
            .load(TutorialKernels.load("count_u32"));
    return new QuickBench.Operation(
        "csd count_u32",
        engineOf("csd count_u32", kernel.vm(), engine, fallbacks) + ": count_u32.o, 4 KiB reads",
        data.length,
        () -> {
          CsdResult r = kernel.run();
          check(r.returnedLong(), expected, "csd count_u32");
          return r.instructionsExecuted();
        });
  }

  /**
   * Zone 0 holds the data; zone 1 is there so zone 0's last sector is not the device's last one,
   * which the opencsd read refuses (OpenCSD's in_range: a range may not reach the device's end).
   */
  private static Geometry benchZones(int bytes) {
    long blocks = bytes / 4096;
    return Geometry.builder()
        .zoneCount(2)
        .zoneSizeBlocks(blocks)
        .zoneCapacityBlocks(blocks)
        .blockSizeBytes(4096)
        .build();
  }

  /** Seeded u32 readings, uniform over all 32 bits. */
  private static byte[] readings(int bytes) {
    byte[] data = new byte[bytes];
    ByteBuffer buffer = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    SplittableRandom random = new SplittableRandom(42);
    while (buffer.hasRemaining()) {
      buffer.putLong(random.nextLong());
    }
    return data;
  }

  private static long countAbove(byte[] data) {
    ByteBuffer values = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    long count = 0;
    while (values.hasRemaining()) {
      if (Integer.toUnsignedLong(values.getInt()) > 0x3FFF_FFFFL) {
        count++;
      }
    }
    return count;
  }

  private static void check(long actual, long expected, String name) {
    if (actual != expected) {
      throw new IllegalStateException(name + " computed " + actual + ", expected " + expected);
    }
  }

  static String table(List<QuickBench.Measurement> results) {
    StringBuilder t = new StringBuilder();
    String header = "%-15s %-43s %9s %10s %6s%n";
    t.append(String.format(Locale.ROOT, header, "benchmark", "what", "Minsn/s", "MB/s", "runs"));
    for (QuickBench.Measurement m : results) {
      String minsn =
          Double.isNaN(m.minsnPerSecond())
              ? "-"
              : String.format(Locale.ROOT, "%.1f", m.minsnPerSecond());
      t.append(
          String.format(
              Locale.ROOT,
              "%-15s %-43s %9s %10.1f %6d%n",
              m.name(),
              m.what(),
              minsn,
              m.megabytesPerSecond(),
              m.runs()));
    }
    return t.toString();
  }
}
