package org.csdlab.zns.csd;

import java.util.Objects;
import org.csdlab.ebpf.Engine;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.Vm;
import org.csdlab.ebpf.elf.LoadedProgram;
import org.csdlab.ebpf.verifier.ErrorCode;
import org.csdlab.ebpf.verifier.VerificationException;
import org.csdlab.ebpf.verifier.VerificationResult;
import org.csdlab.ebpf.verifier.Verifier;
import org.csdlab.ebpf.verifier.VerifierOptions;
import org.csdlab.zns.Geometry;
import org.csdlab.zns.ZnsDevice;

/**
 * A computational storage device: a {@link ZnsDevice}, a device-side kernel memory and an embedded
 * core that runs eBPF kernels with the {@link OpenCsdHelpers opencsd} kernel ABI.
 *
 * <pre>{@code
 * ComputationalStorage csd = ComputationalStorage.builder(device).build();
 * CsdResult result = csd.load(Assembler.assemble(text)).run();
 * }</pre>
 *
 * <p>Modeled time of a run = media time (the device's timing model for the reads and appends the
 * kernel issues, without host-link transfer since the data stays in the device) + compute time
 * (instructions executed / {@link #coreInstructionsPerSecond()}) + host-link transfer of the return
 * data. The three are added, not overlapped: the model is of a simple core that waits for each
 * read. {@link #hostRead} models the ordinary path for the same data (device read + link).
 *
 * <p>The core speed defaults to {@link #DEFAULT_CORE_INSTRUCTIONS_PER_SECOND} (10⁹ eBPF
 * instructions/s, a JIT on a ~1 GHz application core such as a Cortex-A53 in an SSD controller);
 * {@link #EMBEDDED_CORE_INSTRUCTIONS_PER_SECOND} (2·10⁸/s) models an interpreter on a slow embedded
 * real-time core. The kernel memory (r1 at entry) defaults to {@link #DEFAULT_MEMORY_BYTES} (1
 * MiB).
 */
public final class ComputationalStorage {
  /** Scratch memory unless the builder says otherwise: 1 MiB. */
  public static final int DEFAULT_MEMORY_BYTES = 1 << 20;

  /**
   * Call information a run may pass unless the builder says otherwise, as a fraction of the kernel
   * memory: half of it ({@code memoryBytes / 2}), so at least the other half is left after it.
   */
  public static final int DEFAULT_CALL_INFO_SHARE_DIVISOR = 2;

  /** Core speed unless the builder says otherwise: 10⁹ eBPF instructions per second. */
  public static final long DEFAULT_CORE_INSTRUCTIONS_PER_SECOND = 1_000_000_000L;

  /** A slow embedded core: 2·10⁸ eBPF instructions per second. */
  public static final long EMBEDDED_CORE_INSTRUCTIONS_PER_SECOND = 200_000_000L;

  /** Most {@code debug} lines one run keeps unless the builder says otherwise: 1000. */
  public static final int DEFAULT_DEBUG_LINES = 1000;

  /** Most bytes of {@code debug} text one run keeps unless the builder says otherwise: 1 MiB. */
  public static final long DEFAULT_DEBUG_BYTES = 1L << 20;

  /** Most refused helper calls one run records unless the builder says otherwise: 1000. */
  public static final int DEFAULT_REFUSAL_LIMIT = 1000;

  /** Name of the VM region holding the kernel memory. */
  public static final String MEMORY_REGION = "csd.memory";

  private final ZnsDevice device;
  private final int memoryBytes;
  private final int maxCallInfoBytes;
  private final long coreInstructionsPerSecond;
  private final long fuel;
  private final Engine engine;
  private final int debugLineLimit;
  private final long debugByteLimit;
  private final int refusalLimit;

  private ComputationalStorage(Builder builder) {
    this.refusalLimit = builder.refusalLimit;
    this.debugLineLimit = builder.debugLineLimit;
    this.debugByteLimit = builder.debugByteLimit;
    this.device = builder.device;
    this.memoryBytes = builder.memoryBytes;
    this.maxCallInfoBytes =
        builder.maxCallInfoBytes >= 0
            ? builder.maxCallInfoBytes
            : builder.memoryBytes / DEFAULT_CALL_INFO_SHARE_DIVISOR;
    if (maxCallInfoBytes > memoryBytes) {
      throw new IllegalArgumentException(
          "call information of at most "
              + maxCallInfoBytes
              + " bytes does not fit the kernel memory of "
              + memoryBytes
              + " bytes; raise memoryBytes(n) or lower maxCallInfoBytes(n)");
    }
    this.coreInstructionsPerSecond = builder.coreInstructionsPerSecond;
    this.fuel = builder.fuel;
    this.engine = builder.engine;
  }

  /** A builder for a CSD over {@code device}. */
  public static Builder builder(ZnsDevice device) {
    return new Builder(device);
  }

  /** A CSD over {@code device} with the defaults. */
  public static ComputationalStorage of(ZnsDevice device) {
    return builder(device).build();
  }

  /**
   * Verifies and loads a program whose entry is its first instruction (a C {@code int main()}).
   *
   * @throws VerificationException when the verifier refuses it, naming the instruction and the rule
   */
  public CsdKernel load(Program program) {
    KernelVerdicts verdicts = verdictsOf(program);
    verdicts.atLoad().orThrow();
    return new CsdKernel(this, program.toString(), Vm.builder(program), verdicts);
  }

  /**
   * Verifies and loads a program from an ELF object, with its data regions.
   *
   * @throws VerificationException when the verifier refuses it, naming the instruction and the rule
   */
  public CsdKernel load(LoadedProgram program) {
    KernelVerdicts verdicts = verdictsOf(program);
    verdicts.atLoad().orThrow();
    return new CsdKernel(
        this, program.name(), program.configure(Vm.builder(program.program())), verdicts);
  }

  /**
   * What the verifier says of {@code program} as {@link #load(Program)} checks it: the {@code
   * opencsd} helper prototypes, the kernel memory as the context and the default budgets. A
   * refusal's fix names what a kernel for the drive can change (it cannot bring other helpers or
   * budgets). Never throws for a refusal.
   */
  public VerificationResult verify(Program program) {
    return verdictsOf(program).atLoad();
  }

  /**
   * What the verifier says of {@code program} for a run that passes {@code callInfoBytes} of call
   * information, as such a run checks it when the kernel is not proved safe for every run.
   */
  public VerificationResult verify(Program program, int callInfoBytes) {
    return forTheDrive(Verifier.verify(program, verifierOptionsFor(callInfoBytes)));
  }

  /**
   * What the verifier says of a program from an ELF object as {@link #load(LoadedProgram)} checks
   * it.
   */
  public VerificationResult verify(LoadedProgram program) {
    return verdictsOf(program).atLoad();
  }

  /**
   * What the verifier says of a program from an ELF object for a run that passes {@code
   * callInfoBytes} of call information.
   */
  public VerificationResult verify(LoadedProgram program, int callInfoBytes) {
    return forTheDrive(
        Verifier.verify(
            program.program(), verifierOptionsFor(callInfoBytes).withDeclarationsOf(program)));
  }

  private KernelVerdicts verdictsOf(LoadedProgram program) {
    return new KernelVerdicts(
        forTheDrive(
            Verifier.verify(program.program(), verifierOptions().withDeclarationsOf(program))),
        bytes -> verify(program, bytes));
  }

  private KernelVerdicts verdictsOf(Program program) {
    return new KernelVerdicts(
        forTheDrive(Verifier.verify(program, verifierOptions())), bytes -> verify(program, bytes));
  }

  /**
   * What the drive verifies kernels with: the opencsd helpers with this drive's facts ({@link
   * OpenCsdHelpers#prototypesFor}: its sector size, zone capacity and zone size as exact return
   * values, where {@code get_mem_info} and {@code get_call_info} point into the kernel memory), the
   * context a kernel gets (r1 points to the drive's kernel memory, {@link #memoryBytes()} writable
   * bytes), the default budgets; {@link #verify(LoadedProgram)} adds an ELF object's regions and
   * maps. The facts are sound for the kernels this drive loads: they run only here, on a device
   * whose geometry and memory never change, and no run passes more than {@link #maxCallInfoBytes()}
   * of call information.
   */
  public VerifierOptions verifierOptions() {
    return optionsForCallInfo(0, maxCallInfoBytes);
  }

  /**
   * What the drive verifies a kernel with for a run that passes {@code callInfoBytes} of call
   * information: as {@link #verifierOptions()}, with {@code get_mem_info}'s pointer and size exact.
   * A kernel that is not proved safe for every run is verified so before each run with a length it
   * was not verified for.
   *
   * @throws IllegalArgumentException {@code callInfoBytes} is negative or over {@link
   *     #maxCallInfoBytes()}
   */
  public VerifierOptions verifierOptionsFor(int callInfoBytes) {
    if (callInfoBytes < 0 || callInfoBytes > maxCallInfoBytes) {
      throw new IllegalArgumentException(
          "a run passes 0 to "
              + maxCallInfoBytes
              + " bytes of call information (maxCallInfoBytes), not "
              + callInfoBytes);
    }
    return optionsForCallInfo(callInfoBytes, callInfoBytes);
  }

  private VerifierOptions optionsForCallInfo(int minBytes, int maxBytes) {
    return VerifierOptions.defaults()
        .withHelpers(
            OpenCsdHelpers.prototypesFor(device.geometry(), memoryBytes, minBytes, maxBytes))
        .withContext(memoryBytes, true);
  }

  /**
   * The verifier's advice to supply options, which a drive's kernel cannot, replaced by what it can
   * change.
   */
  private static VerificationResult forTheDrive(VerificationResult result) {
    if (result.code() == ErrorCode.TOO_COMPLEX) {
      return result.withFix(
          Verifier.SIMPLER_CALLS_FIX + " (a drive verifies with the default budgets)");
    }
    if (result.code() == ErrorCode.UNKNOWN_HELPER) {
      return result.withFix(
          "call one of the drive's opencsd helpers ("
              + new java.util.TreeSet<>(OpenCsdHelpers.prototypes().keySet())
              + ")");
    }
    return result;
  }

  /**
   * Reads {@code blocks} sectors from {@code sector} of {@code zone} the ordinary way: the data
   * crosses the host link. The modeled time is the advance of the device's clock, which counts the
   * link for reads.
   */
  public HostReadResult hostRead(int zone, long sector, int blocks) {
    Geometry g = device.geometry();
    if (zone < 0
        || zone >= g.zoneCount()
        || sector < 0
        || blocks <= 0
        || sector + blocks > g.zoneCapacityBlocks()) {
      throw new IllegalArgumentException(
          "hostRead: zone "
              + zone
              + ", sectors "
              + sector
              + "+"
              + blocks
              + " is outside the "
              + g.zoneCount()
              + " zones of "
              + g.zoneCapacityBlocks()
              + " sectors");
    }
    long before = device.modeledNanos();
    byte[] data = device.read(g.zoneStartLba(zone) + sector, blocks);
    return new HostReadResult(data, data.length, device.modeledNanos() - before);
  }

  /** Reads a whole zone's capacity the ordinary way. */
  public HostReadResult hostReadZone(int zone) {
    return hostRead(zone, 0, Math.toIntExact(device.geometry().zoneCapacityBlocks()));
  }

  /** Modeled ns the core needs for {@code instructions}. */
  public long computeNanos(long instructions) {
    return (long) Math.ceil(instructions * 1e9 / coreInstructionsPerSecond);
  }

  /** The drive. */
  public ZnsDevice device() {
    return device;
  }

  /** Size of the device kernel memory in bytes. */
  public int memoryBytes() {
    return memoryBytes;
  }

  /**
   * The most bytes of call information a run may pass: the verifier proves a kernel's accesses
   * through {@code get_mem_info}'s pointer for any call information up to this size, so a run with
   * more is refused ({@link CallInfoTooLargeException}).
   */
  public int maxCallInfoBytes() {
    return maxCallInfoBytes;
  }

  /** Speed of the device core in eBPF instructions per second. */
  public long coreInstructionsPerSecond() {
    return coreInstructionsPerSecond;
  }

  /** The most instructions one run may execute. */
  public long fuel() {
    return fuel;
  }

  /**
   * The engine each loaded kernel's VM is asked for; {@link CsdKernel#vm()} says which one runs it.
   */
  public Engine engine() {
    return engine;
  }

  /**
   * The most {@code debug} lines one run keeps; later ones are counted in {@link
   * CsdResult#debugDropped()}.
   */
  public int debugLineLimit() {
    return debugLineLimit;
  }

  /** The most bytes (UTF-8) of {@code debug} text one run keeps. */
  public long debugByteLimit() {
    return debugByteLimit;
  }

  /**
   * The most refused helper calls one run records; later ones are counted in {@link
   * CsdResult#refusalsDropped()}.
   */
  public int refusalLimit() {
    return refusalLimit;
  }

  @Override
  public String toString() {
    return "ComputationalStorage["
        + device.geometry().zoneCount()
        + " zones, memory "
        + memoryBytes
        + " B, core "
        + coreInstructionsPerSecond
        + " insn/s]";
  }

  /** Configures a {@link ComputationalStorage}. */
  public static final class Builder {
    private final ZnsDevice device;
    private int memoryBytes = DEFAULT_MEMORY_BYTES;
    private int maxCallInfoBytes = -1;
    private long coreInstructionsPerSecond = DEFAULT_CORE_INSTRUCTIONS_PER_SECOND;
    private long fuel = Vm.DEFAULT_FUEL;
    private Engine engine = Engine.AUTO;
    private int debugLineLimit = DEFAULT_DEBUG_LINES;
    private long debugByteLimit = DEFAULT_DEBUG_BYTES;
    private int refusalLimit = DEFAULT_REFUSAL_LIMIT;

    private Builder(ZnsDevice device) {
      this.device = Objects.requireNonNull(device, "device");
    }

    /** Size of the device kernel memory (what r1 points to at entry) (at least 1 byte). */
    public Builder memoryBytes(int bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("scratch memory must be at least 1 byte, got " + bytes);
      }
      this.memoryBytes = bytes;
      return this;
    }

    /**
     * The most bytes of call information a run may pass (default half the kernel memory; at most
     * all of it). What {@code get_mem_info} gives lies after the call information, so a kernel is
     * verified for the memory left after the largest call information: a smaller limit leaves
     * kernels more memory the verifier can prove.
     */
    public Builder maxCallInfoBytes(int bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException(
            "call information limit must be at least 0 bytes, got " + bytes);
      }
      this.maxCallInfoBytes = bytes;
      return this;
    }

    /** Speed of the device core in eBPF instructions per second (positive). */
    public Builder coreInstructionsPerSecond(long instructionsPerSecond) {
      if (instructionsPerSecond <= 0) {
        throw new IllegalArgumentException(
            "core speed must be positive, got " + instructionsPerSecond);
      }
      this.coreInstructionsPerSecond = instructionsPerSecond;
      return this;
    }

    /** The most instructions one run may execute. */
    public Builder fuel(long maxInstructions) {
      if (maxInstructions <= 0) {
        throw new IllegalArgumentException("fuel must be positive, got " + maxInstructions);
      }
      this.fuel = maxInstructions;
      return this;
    }

    /**
     * The engine the kernels run on (default {@link Engine#AUTO}), as {@link
     * Vm.Builder#engine(Engine)} takes it: the same results on each, only the wall-clock time
     * differs (modeled time counts instructions, which are the same).
     */
    public Builder engine(Engine engine) {
      if (engine == null) {
        throw new IllegalArgumentException("engine must be INTERPRETER, JIT or AUTO, not null");
      }
      this.engine = engine;
      return this;
    }

    /**
     * The most {@code debug} lines one run keeps (default 1000); the rest are dropped and counted
     * in {@link CsdResult#debugDropped()}. 0 keeps none.
     */
    public Builder debugLineLimit(int lines) {
      if (lines < 0) {
        throw new IllegalArgumentException("debug line limit must be at least 0, got " + lines);
      }
      this.debugLineLimit = lines;
      return this;
    }

    /** The most bytes (UTF-8) of {@code debug} text one run keeps (default 1 MiB); 0 keeps none. */
    public Builder debugByteLimit(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("debug byte limit must be at least 0, got " + bytes);
      }
      this.debugByteLimit = bytes;
      return this;
    }

    /**
     * The most refused helper calls one run records (default 1000) in {@link CsdResult#refusals()};
     * the rest are counted in {@link CsdResult#refusalsDropped()}. 0 keeps none.
     */
    public Builder refusalLimit(int refusals) {
      if (refusals < 0) {
        throw new IllegalArgumentException("refusal limit must be at least 0, got " + refusals);
      }
      this.refusalLimit = refusals;
      return this;
    }

    /** The CSD. */
    public ComputationalStorage build() {
      return new ComputationalStorage(this);
    }
  }
}
