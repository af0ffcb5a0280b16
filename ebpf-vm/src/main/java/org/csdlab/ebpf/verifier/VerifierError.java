package org.csdlab.ebpf.verifier;

import java.util.Map;

/**
 * The primary refusal: a stable code, the instruction index (slot pc) and its text, the rule
 * broken, the registers involved with their types, and a suggested fix (or null).
 */
public record VerifierError(
    ErrorCode code,
    int pc,
    String instruction,
    String rule,
    Map<Integer, RegType> registers,
    String fix,
    String path,
    String state) {

  /**
   * A refusal; {@code path} lists the branch outcomes that lead to it ({@code 3: taken, 7: not
   * taken}) and {@code state} the registers with their ranges at the refused instruction, in the
   * kernel log's form; either may be null (v1 gives neither).
   */
  public VerifierError {
    registers = registers == null ? Map.of() : Map.copyOf(new java.util.TreeMap<>(registers));
  }

  public VerifierError(
      ErrorCode code,
      int pc,
      String instruction,
      String rule,
      Map<Integer, RegType> registers,
      String fix) {
    this(code, pc, instruction, rule, registers, fix, null, null);
  }

  public String message() {
    StringBuilder sb = new StringBuilder();
    sb.append(code).append(" at ").append(pc);
    if (instruction != null) {
      sb.append(" '").append(instruction).append('\'');
    }
    sb.append(": ").append(rule);
    if (!sb.toString().endsWith(".")) {
      sb.append('.');
    }
    if (!registers.isEmpty()) {
      sb.append(" Registers: ");
      boolean first = true;
      for (var e : new java.util.TreeMap<>(registers).entrySet()) {
        sb.append(first ? "" : ", ")
            .append('r')
            .append(e.getKey())
            .append('=')
            .append(e.getValue());
        first = false;
      }
      sb.append('.');
    }
    if (state != null && !state.isEmpty()) {
      sb.append(" State: ").append(state).append('.');
    }
    if (path != null) {
      sb.append(" Path: ").append(path).append('.');
    }
    if (fix != null) {
      sb.append(" Fix: ").append(fix);
      if (!fix.endsWith(".")) {
        sb.append('.');
      }
    }
    return sb.toString();
  }

  /**
   * The same refusal with {@code fix} as its fix: for a caller whose user changes limits or helpers
   * another way than {@link VerifierOptions} (a command-line option, the drive's own set).
   */
  public VerifierError withFix(String fix) {
    return new VerifierError(code, pc, instruction, rule, registers, fix, path, state);
  }

  /**
   * The same refusal with {@code rule} as its rule: for a caller that says for which case it asked
   * (a drive verifying a kernel for one run's call information).
   */
  public VerifierError withRule(String rule) {
    return new VerifierError(code, pc, instruction, rule, registers, fix, path, state);
  }

  @Override
  public String toString() {
    return message();
  }
}
