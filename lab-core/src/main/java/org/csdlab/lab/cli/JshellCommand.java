package org.csdlab.lab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder replaced below. */
@Command(name = "jshell", description = "JShell with the lab on the class path.")
final class JshellCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return 0;
  }
}
