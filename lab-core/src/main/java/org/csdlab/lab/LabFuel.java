package org.csdlab.lab;

import java.util.function.Supplier;
import org.csdlab.ebpf.FuelExhaustedException;

/**
 * Names the lab's own way to raise the fuel limit when a program or kernel run out of it: the VM
 * below would advise {@code Vm.builder(program).fuel(n)}, which a lab user never calls.
 */
final class LabFuel {
  /** How a lab user raises the fuel limit. */
  static final String LIMIT_ADVICE = "Lab.builder().fuel(n).build()";

  private LabFuel() {}

  /**
   * The result of {@code run}; a fuel exhaustion in it is rethrown naming {@link #LIMIT_ADVICE}.
   */
  static <T> T advising(Supplier<T> run) {
    try {
      return run.get();
    } catch (FuelExhaustedException e) {
      throw e.withLimitAdvice(LIMIT_ADVICE);
    }
  }
}
