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
    String fix) {

  public VerifierError {
    registers = registers == null ? Map.of() : Map.copyOf(new java.util.TreeMap<>(registers));
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
    return new VerifierError(code, pc, instruction, rule, registers, fix);
  }

  @Override
  public String toString() {
    return message();
  }
}
