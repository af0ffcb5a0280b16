package org.csdlab.lab.kernel;

import java.util.Map;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Gives a JShell the in-process {@link CapturingExecutionControl}, and keeps it for the evaluator.
 */
final class CapturingExecutionProvider implements ExecutionControlProvider {

  private CapturingExecutionControl control;

  @Override
  public String name() {
    return "csdlab-local";
  }

  @Override
  public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
    control = new CapturingExecutionControl();
    return control;
  }

  /** The control generated for the JShell built with this provider. */
  CapturingExecutionControl control() {
    if (control == null) {
      throw new IllegalStateException("no JShell was built with this provider yet");
    }
    return control;
  }
}
