package org.csdlab.lab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code csdlab version}: the same two lines as {@code csdlab --version}. */
@Command(name = "version", description = "Print the csdlab version and the JDK it runs on.")
final class VersionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    for (String line : new CsdlabVersion().getVersion()) {
      spec.commandLine().getOut().println(line);
    }
    return 0;
  }
}
