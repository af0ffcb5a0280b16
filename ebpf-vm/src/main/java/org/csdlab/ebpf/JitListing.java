package org.csdlab.ebpf;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceMethodVisitor;

/**
 * What the JIT made of a program, for a student to read: for each function, every eBPF instruction
 * followed by the JVM bytecode compiled for it (read back from the generated class, so it is what
 * really runs), with the JIT's locals named ({@code r0}–{@code r10}, {@code left} for fuel). Made
 * by {@link Program#jit()}.
 */
public final class JitListing {
  private static final Pattern LINE = Pattern.compile("^\\s*LINENUMBER (\\d+) L\\d+\\s*$");
  private static final Pattern LABEL = Pattern.compile("^L\\d+$");
  private static final Pattern LOCAL = Pattern.compile("^(\\s*[ILA](?:LOAD|STORE)) (\\d+)$");
  private static final Map<Integer, String> LOCAL_NAMES = localNames();

  /** One eBPF instruction and the JVM instructions compiled for it. */
  public record Step(int pc, Instruction instruction, List<String> bytecode) {}

  /**
   * One function: its entry slot, the size of its method, the steps in the order they were
   * compiled, and the JIT's own code (entry, fuel refill, fault handlers, the unrolled rounds of a
   * small loop) that belongs to no single instruction.
   */
  public record Function(
      int entryPc, int bytecodeBytes, List<String> setup, List<Step> steps, List<String> support) {}

  private final Program program;
  private final List<Function> functions;
  private final String refusal;
  private final long compileNanos;

  private JitListing(Program program, List<Function> functions, String refusal, long compileNanos) {
    this.program = program;
    this.functions = List.copyOf(functions);
    this.refusal = refusal;
    this.compileNanos = compileNanos;
  }

  static JitListing of(Program program) {
    JitCompiler.Result result = JitCompiler.compile(program, new Interpreter(program));
    if (result.engine() == null) {
      return new JitListing(program, List.of(), result.refusal(), 0);
    }
    return new JitListing(program, read(program, result), null, result.compileNanos());
  }

  /** The functions compiled, slot 0's first; empty when the program could not be compiled. */
  public List<Function> functions() {
    return functions;
  }

  /**
   * True when the program compiled; otherwise {@link #refusal()} says why it would be interpreted.
   */
  public boolean compiled() {
    return refusal == null;
  }

  /** Why the program cannot be compiled, or null. */
  public String refusal() {
    return refusal;
  }

  /** Time the compilation took (generating and loading the class). */
  public long compileNanos() {
    return compileNanos;
  }

  /** Total JVM bytecode bytes of the compiled functions. */
  public int bytecodeBytes() {
    return functions.stream().mapToInt(Function::bytecodeBytes).sum();
  }

  /** The program these functions came from. */
  public Program program() {
    return program;
  }

  @Override
  public String toString() {
    if (!compiled()) {
      return "not compiled: " + refusal;
    }
    StringBuilder out = new StringBuilder();
    out.append(program.size())
        .append(" eBPF instructions → ")
        .append(bytecodeBytes())
        .append(" bytes of JVM bytecode in ")
        .append(functions.size())
        .append(functions.size() == 1 ? " method" : " methods")
        .append(String.format(" (compiled in %.1f ms)%n", compileNanos / 1e6));
    for (Function function : functions) {
      out.append(
          String.format(
              "%nfunction at pc %d: %d bytes%n", function.entryPc(), function.bytecodeBytes()));
      for (Step step : function.steps()) {
        out.append(String.format("%5d: %s%n", step.pc(), step.instruction()));
        for (String jvm : step.bytecode()) {
          out.append("         ").append(jvm).append(System.lineSeparator());
        }
      }
    }
    return out.toString();
  }

  private static List<Function> read(Program program, JitCompiler.Result result) {
    List<Function> functions = new ArrayList<>();
    new ClassReader(result.classBytes())
        .accept(
            new ClassVisitor(org.objectweb.asm.Opcodes.ASM9) {
              @Override
              public MethodVisitor visitMethod(
                  int access,
                  String name,
                  String descriptor,
                  String signature,
                  String[] exceptions) {
                if (!name.startsWith("pc")) {
                  return null;
                }
                int part = name.indexOf("_part");
                int entry = Integer.parseInt(name.substring(2, part < 0 ? name.length() : part));
                if (part < 0 && result.splitFunctions().contains(entry)) {
                  return null; // the method that calls the parts: none of the program's code
                }
                Textifier text = new Textifier();
                return new MethodVisitor(
                    org.objectweb.asm.Opcodes.ASM9, new TraceMethodVisitor(text)) {
                  @Override
                  public void visitEnd() {
                    super.visitEnd();
                    int bytes = result.methodBytes().getOrDefault(name, 0);
                    functions.add(function(program, entry, bytes, text));
                  }
                };
              }
            },
            0);
    return functions;
  }

  /** Splits a method's text at its line numbers: each eBPF pc's line, then the support line. */
  private static Function function(Program program, int entry, int bytes, Textifier text) {
    StringWriter raw = new StringWriter();
    text.print(new PrintWriter(raw));
    int supportLine = JitCompiler.supportLine(program);
    List<String> setup = new ArrayList<>();
    List<String> support = new ArrayList<>();
    List<Step> steps = new ArrayList<>();
    Map<Integer, List<String>> bytecodeOf = new java.util.HashMap<>();
    List<String> current = setup;
    for (String line : raw.toString().split("\\R")) {
      Matcher number = LINE.matcher(line);
      if (number.matches()) {
        int lineNumber = Integer.parseInt(number.group(1));
        // The Textifier prints the labels of a line's first bytecode before its LINENUMBER: they
        // start the new line's code (a jump to them lands there), so they move along.
        List<String> labels = trailingLabels(current);
        if (lineNumber == supportLine) {
          current = support;
        } else {
          // an instruction's code may come in two pieces (a small loop's checked form follows
          // its unrolled rounds): the second goes on with the first
          current = bytecodeOf.computeIfAbsent(lineNumber - 1, pc -> newStep(program, pc, steps));
        }
        current.addAll(labels);
        continue;
      }
      String trimmed = line.strip();
      if (!trimmed.isEmpty()
          && !trimmed.startsWith("MAXSTACK")
          && !trimmed.startsWith("MAXLOCALS")
          && !trimmed.startsWith("TRYCATCHBLOCK")
          && !trimmed.startsWith("FRAME")) {
        current.add(named(trimmed));
      }
    }
    return new Function(entry, bytes, setup, steps, support);
  }

  /** Removes the labels at the end of {@code code} and returns them in order. */
  private static List<String> trailingLabels(List<String> code) {
    int first = code.size();
    while (first > 0 && LABEL.matcher(code.get(first - 1)).matches()) {
      first--;
    }
    List<String> tail = code.subList(first, code.size());
    List<String> labels = new ArrayList<>(tail);
    tail.clear();
    return labels;
  }

  private static List<String> newStep(Program program, int pc, List<Step> steps) {
    List<String> bytecode = new ArrayList<>();
    steps.add(new Step(pc, program.at(pc), bytecode));
    return bytecode;
  }

  private static String named(String jvm) {
    Matcher local = LOCAL.matcher(jvm);
    if (local.matches()) {
      String name = LOCAL_NAMES.get(Integer.parseInt(local.group(2)));
      if (name != null) {
        return local.group(1) + " " + name;
      }
    }
    return jvm;
  }

  private static Map<Integer, String> localNames() {
    Map<Integer, String> names = new java.util.HashMap<>();
    for (int r = 0; r <= 10; r++) {
      names.put(JitCompiler.registerSlot(r), "r" + r);
    }
    names.putAll(JitCompiler.supportSlotNames());
    return Map.copyOf(names);
  }
}
