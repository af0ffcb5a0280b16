package org.csdlab.ebpf.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.csdlab.ebpf.EbpfException;
import org.csdlab.ebpf.Engine;
import org.csdlab.ebpf.ExecutionResult;
import org.csdlab.ebpf.FuelExhaustedException;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.Vm;

/**
 * A plugin for the bpf_conformance runner: runs one program and prints r0.
 *
 * <pre>
 *   bpf-conformance-plugin [MEMORY-HEX] [--interpret | --jit] [--fuel N] [--program HEX] &lt; PROGRAM-HEX
 * </pre>
 *
 * The program comes on standard input (or with {@code --program}) as hex bytes, separated by
 * whitespace or not; {@code MEMORY-HEX}, the first positional argument, is copied into the context
 * region, so r1 holds its address (0 when there is none) and r2 its length. The conformance helpers
 * of {@link ConformanceHelpers} are available.
 *
 * <p>On success r0 is printed in lowercase hex without a prefix and the exit status is 0. Any
 * failure prints exactly one line on standard error: status 1 when the program is refused or
 * faults, 2 for a bad command line or malformed hex, 3 for an internal error.
 */
public final class ConformancePlugin {
  /** Instructions one run may execute unless {@code --fuel} says otherwise. */
  public static final long DEFAULT_FUEL = 10_000_000L;

  /** Exit status of a program that ran to exit. */
  public static final int OK = 0;

  /** Exit status of a program refused by the loader or stopped by a fault. */
  public static final int PROGRAM_FAILED = 1;

  /** Exit status of a bad command line or malformed input. */
  public static final int BAD_INPUT = 2;

  /** Exit status of an error inside the plugin itself. */
  public static final int INTERNAL_ERROR = 3;

  /**
   * Most characters of program text read from standard input (a full 1,000,000-slot program fits).
   */
  static final int MAX_INPUT_CHARS = 64 << 20;

  private static final String USAGE =
      "usage: bpf-conformance-plugin [MEMORY-HEX] [--interpret | --jit]"
          + " [--fuel N] [--program HEX] < PROGRAM-HEX";

  private ConformancePlugin() {}

  /** Runs the plugin on the process's streams and exits with its status. */
  public static void main(String[] args) {
    int status = run(args, System.in, System.out, System.err);
    System.out.flush();
    System.err.flush();
    System.exit(status);
  }

  /**
   * Runs the plugin with the given arguments and streams; returns the exit status. Never throws:
   * every failure becomes one line on {@code err}.
   */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    try {
      Options options = Options.parse(args);
      if (options.help) {
        out.println(USAGE);
        return OK;
      }
      byte[] memory = options.memoryHex == null ? new byte[0] : hex(options.memoryHex, "memory");
      CharSequence programText = options.programHex != null ? options.programHex : readAll(in);
      byte[] bytecode = hex(programText, "program");
      long r0 = execute(bytecode, memory, options.fuel, options.engine);
      out.println(Long.toHexString(r0));
      out.flush();
      return OK;
    } catch (UsageException e) {
      return fail(err, BAD_INPUT, e.getMessage());
    } catch (FuelExhaustedException e) {
      return fail(
          err,
          PROGRAM_FAILED,
          "out of fuel: "
              + e.fuel()
              + " instructions executed without reaching"
              + " exit; next was pc "
              + e.pc()
              + " '"
              + e.instruction()
              + "'. Look for a loop that never ends,"
              + " or raise the limit with --fuel N");
    } catch (EbpfException e) {
      return fail(err, PROGRAM_FAILED, e.getMessage());
    } catch (StackOverflowError e) {
      return fail(err, INTERNAL_ERROR, "internal error: stack overflow");
    } catch (OutOfMemoryError e) {
      return fail(err, INTERNAL_ERROR, "internal error: out of memory; the input is too large");
    } catch (Throwable e) {
      return fail(err, INTERNAL_ERROR, "internal error: " + e);
    }
  }

  /**
   * Decodes and runs {@code bytecode} with the conformance helpers and a copy of {@code memory}.
   */
  static long execute(byte[] bytecode, byte[] memory, long fuel, Engine engine) {
    Program program = Program.decode(bytecode);
    Vm vm =
        Vm.builder(program)
            .helpers(ConformanceHelpers.registry())
            .fuel(fuel)
            .engine(engine)
            .build();
    ExecutionResult result = vm.run(memory.clone());
    return result.r0();
  }

  private static byte[] hex(CharSequence text, String what) {
    try {
      return HexBytes.parse(text, what);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static CharSequence readAll(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_INPUT_CHARS + 1);
    if (bytes.length > MAX_INPUT_CHARS) {
      throw new UsageException(
          "program: more than "
              + MAX_INPUT_CHARS
              + " characters on standard input;"
              + " a program has at most "
              + Program.MAX_SLOTS
              + " slots of 8 bytes");
    }
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  private static int fail(PrintStream err, int status, String message) {
    String line = message == null || message.isBlank() ? "failed with no message" : message;
    err.println(line.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip());
    err.flush();
    return status;
  }

  /** A command line the plugin does not understand. */
  private static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /** The parsed command line. */
  private static final class Options {
    String memoryHex;
    String programHex;
    long fuel = DEFAULT_FUEL;
    Engine engine = Engine.AUTO;
    boolean help;

    static Options parse(String[] args) {
      Options options = new Options();
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--interpret" -> options.engine = Engine.INTERPRETER;
          case "--jit" -> options.engine = Engine.JIT;
          case "--elf" ->
              throw new UsageException(
                  "--elf: ELF input is not supported yet; pass raw bytecode as hex");
          case "--help", "-h" -> options.help = true;
          case "--program" -> options.programHex = value(args, ++i, arg);
          case "--fuel" -> options.fuel = fuel(value(args, ++i, arg));
          default -> {
            if (arg.startsWith("-")) {
              throw new UsageException("unknown option '" + arg + "'; " + USAGE);
            }
            if (options.memoryHex != null) {
              throw new UsageException(
                  "unexpected argument "
                      + (i + 1)
                      + "; only one memory argument is allowed; "
                      + USAGE);
            }
            options.memoryHex = arg;
          }
        }
      }
      return options;
    }

    private static String value(String[] args, int at, String option) {
      if (at >= args.length) {
        throw new UsageException(option + " needs a value; " + USAGE);
      }
      return args[at];
    }

    private static long fuel(String text) {
      try {
        long fuel = Long.parseLong(text);
        if (fuel > 0) {
          return fuel;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new UsageException(
          "--fuel needs a positive number of instructions, got '" + text + "'");
    }
  }
}
