package org.csdlab.ebpf.asm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.csdlab.ebpf.AluOp;
import org.csdlab.ebpf.JumpOp;

/**
 * The words an instruction starts with in each syntax, to answer an unknown one with the nearest
 * word of the syntax the program is written in: {@code exti} in an LLVM-syntax program is answered
 * with LLVM's instructions and "did you mean 'exit'?", not with uBPF mnemonics.
 */
final class Mnemonics {
  /**
   * The keywords an LLVM-syntax instruction starts with (the others start with a register or {@code
   * *}).
   */
  static final List<String> LLVM = List.of("exit", "goto", "gotol", "call", "callx", "if", "lock");

  /** Every uBPF mnemonic, as {@link UbpfParser} reads them. */
  static final List<String> UBPF = ubpf();

  private Mnemonics() {}

  private static List<String> ubpf() {
    List<String> words =
        new ArrayList<>(
            List.of("exit", "ja", "ja32", "call", "callx", "lddw", "lock", "xaddw", "xadddw"));
    for (AluOp op : AluOp.values()) {
      words.add(op.ubpfMnemonic());
      words.add(op.ubpfMnemonic() + "32");
      words.add(op.ubpfMnemonic() + "64");
    }
    for (JumpOp op : JumpOp.values()) {
      if (op.isConditional()) {
        words.add(op.ubpfMnemonic());
        words.add(op.ubpfMnemonic() + "32");
      }
    }
    for (String size : List.of("b", "h", "w", "dw")) {
      words.addAll(List.of("ldx" + size, "st" + size, "stx" + size));
      if (!size.equals("dw")) {
        words.add("ldxs" + size);
      }
    }
    for (String swap : List.of("be", "le", "bswap")) {
      for (String bits : List.of("16", "32", "64")) {
        words.add(swap + bits);
      }
    }
    words.addAll(List.of("movsx832", "movsx1632", "movsx864", "movsx1664", "movsx3264"));
    return List.copyOf(words);
  }

  /**
   * The error for {@code word}, the unknown first word of a line, in {@code syntax}: what that
   * syntax expects there, and the nearest of its words when one is close.
   */
  static AsmParseException unknown(LineCursor in, Token word, Syntax syntax) {
    String expected = syntax == Syntax.LLVM ? LlvmParser.INSTRUCTION : UbpfParser.MNEMONICS;
    String suggestion =
        nearest(word.text(), syntax).map(m -> "; did you mean '" + m + "'?").orElse("");
    return in.problem(
        word, expected, "expected " + expected + " but found " + word.describe() + suggestion);
  }

  /** Whether {@code e} is the error either parser raises for an unknown first word of a line. */
  static boolean isUnknownWord(AsmParseException e) {
    return e.expected().equals(LlvmParser.INSTRUCTION) || e.expected().equals(UbpfParser.MNEMONICS);
  }

  /** The syntax with a word nearer to {@code word}; LLVM, the lab's own, when they tie. */
  static Syntax nearerSyntax(String word) {
    return distanceToNearest(word, UBPF) < distanceToNearest(word, LLVM)
        ? Syntax.UBPF
        : Syntax.LLVM;
  }

  /**
   * The word of {@code syntax} nearest to {@code word}, if it is close: at most one edit away for a
   * word of four letters or fewer, two for longer ones (an edit: a letter added, removed, changed,
   * or two neighbours swapped, as in {@code exti}).
   */
  static Optional<String> nearest(String word, Syntax syntax) {
    String lower = word.toLowerCase(Locale.ROOT);
    int budget = lower.length() <= 4 ? 1 : 2;
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : syntax == Syntax.LLVM ? LLVM : UBPF) {
      int d = distance(lower, candidate);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return bestDistance <= budget ? Optional.of(best) : Optional.empty();
  }

  private static int distanceToNearest(String word, List<String> words) {
    String lower = word.toLowerCase(Locale.ROOT);
    return words.stream().mapToInt(w -> distance(lower, w)).min().orElse(Integer.MAX_VALUE);
  }

  /**
   * The optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps.
   */
  static int distance(String a, String b) {
    if (Math.abs(a.length() - b.length()) > 2) {
      return Math.abs(a.length() - b.length()); // far apart, and a long echoed word costs nothing
    }
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
