package org.csdlab.lab;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import org.csdlab.ebpf.Engine;
import org.csdlab.ebpf.Program;
import org.csdlab.lab.display.Html;
import org.csdlab.lab.display.HtmlRenderable;
import org.csdlab.zns.csd.CsdKernel;
import org.csdlab.zns.csd.CsdResult;

/**
 * A kernel loaded onto the lab's drive (verified first), ready to run next to the data as often as
 * needed. Runs give a {@link CsdRun}.
 *
 * <pre>{@code
 * var count = lab.csd().load(Path.of("tutorials/programs/count_u32.o"));
 * count.run(3)        // call information: zone 3 as a u64
 * }</pre>
 */
public final class Kernel implements HtmlRenderable {
  private final String name;
  private final Program program;
  private final CsdKernel kernel;
  private final ProgressListener progress;

  Kernel(String name, Program program, CsdKernel kernel, ProgressListener progress) {
    this.name = name;
    this.program = program;
    this.kernel = kernel;
    this.progress = progress;
  }

  /** The kernel's name (ELF section or function, or the name given). */
  public String name() {
    return name;
  }

  /** Its instructions. */
  public Program program() {
    return program;
  }

  /** The loaded kernel of the drive itself. */
  public CsdKernel raw() {
    return kernel;
  }

  /**
   * The engine that runs this kernel on the drive ({@link Engine#INTERPRETER} or {@link
   * Engine#JIT}), as the lab's engine ({@link Lab.Builder#engine}) chose it when the kernel was
   * loaded. Answers, instruction counts and modeled times do not depend on it.
   */
  public Engine engine() {
    return kernel.vm().engine();
  }

  /**
   * Why the kernel runs on the interpreter although the lab's engine is JIT or AUTO; empty when it
   * runs compiled or the lab asked for the interpreter.
   */
  public Optional<String> interpretedBecause() {
    return kernel.vm().interpretedBecause();
  }

  /** The disassembly with bytecode. */
  public Listing listing() {
    return new Listing(name, program);
  }

  /** Runs with no call information. */
  public CsdRun run() {
    return run(new byte[0]);
  }

  /**
   * Runs with {@code callInfo} as call information, copied to the start of the kernel memory (the
   * opencsd ABI: r1 points to that memory, r2 holds its size).
   */
  public CsdRun run(byte[] callInfo) {
    return run(callInfo, null);
  }

  /**
   * Runs with call information made of {@code words}, each a little-endian u64, e.g. {@code run(3)}
   * for zone 3.
   */
  public CsdRun run(long... words) {
    return run(words(words), null);
  }

  CsdRun run(byte[] callInfo, Extent extent) {
    // the kernel runs in one piece, so progress is reported when it is done: the bytes it read
    String label = "drive " + name;
    progress.started(label, extent == null ? 0 : extent.lengthBytes());
    try {
      CsdRun run = runQuietly(callInfo, extent);
      progress.advanced(
          label, extent == null ? run.mediaBytesRead() : extent.lengthBytes(), run.modeledNanos());
      return run;
    } finally {
      progress.finished(label);
    }
  }

  /** One run with no progress events, for callers that report progress over several runs. */
  CsdRun runQuietly(byte[] callInfo, Extent extent) {
    long start = System.nanoTime();
    CsdResult result = LabFuel.advising(() -> kernel.run(callInfo));
    return CsdRun.of(name, extent, result, System.nanoTime() - start);
  }

  static byte[] words(long... words) {
    ByteBuffer out = ByteBuffer.allocate(words.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (long word : words) {
      out.putLong(word);
    }
    return out.array();
  }

  /** As {@code Kernel[count_u32: 38 instructions, JIT]}. */
  @Override
  public String toString() {
    return "Kernel["
        + name
        + ": "
        + program.size()
        + " instructions, "
        + EbpfRun.engineName(engine())
        + "]";
  }

  @Override
  public String toHtml() {
    return Html.panel(
        "kernel "
            + name
            + " (loaded on the drive, verified; runs on the "
            + EbpfRun.engineName(engine())
            + interpretedBecause().map(why -> ": " + why).orElse("")
            + ")",
        listing().tableHtml(-1));
  }
}
