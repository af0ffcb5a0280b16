package org.csdlab.lab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.csdlab.lab.kernel.HeapLimit;
import org.csdlab.lab.kernel.KernelInstaller;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code csdlab jupyter install}: writes the csdlab kernelspec where Jupyter finds it. */
@Command(
    name = "install",
    description = "Install the csdlab kernel for Jupyter (it runs this csdlab.jar).",
    footer = {
      "",
      "The kernel runs this JDK and this csdlab.jar: install again after moving the repository."
    })
final class JupyterInstallCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** Where the kernelspec goes. */
  static final class Where {
    @Option(names = "--user", description = "Into your own Jupyter data directory (the default).")
    boolean user;

    @Option(
        names = "--prefix",
        paramLabel = "DIR",
        description = "Into DIR/share/jupyter/kernels (e.g. a virtualenv).")
    Path prefix;

    @Option(
        names = "--kernels-dir",
        paramLabel = "DIR",
        description = "Into this kernels directory itself.")
    Path kernelsDir;
  }

  @ArgGroup(exclusive = true)
  Where where;

  @Option(
      names = "--jar",
      paramLabel = "FILE",
      description = "The lab jar the kernel runs (default: the csdlab.jar running this command).")
  Path jar;

  @Option(
      names = "--heap",
      paramLabel = "SIZE",
      defaultValue = "2g",
      description =
          "The kernel's heap limit, e.g. 1g or 4g (default: ${DEFAULT-VALUE}); a cell that needs more"
              + " gets an OutOfMemoryError and the kernel goes on.")
  String heap;

  @Override
  public Integer call() {
    HeapLimit heapLimit;
    try {
      heapLimit = HeapLimit.parse(heap);
    } catch (IllegalArgumentException e) {
      throw BadArgument.of(spec, "--heap", "--heap: " + e.getMessage());
    }
    if (jar != null && !Files.isRegularFile(jar)) {
      throw BadArgument.of(
          spec,
          "--jar",
          "--jar "
              + jar
              + " is not a file; name the csdlab.jar the kernel runs "
              + "(build it with ./csdlab version)");
    }
    Path labJar =
        jar != null
            ? jar
            : KernelInstaller.runningJar()
                .orElseThrow(
                    () ->
                        new CliException(
                            "this csdlab is not running from csdlab.jar; install with ./csdlab jupyter install, or name the jar with --jar"));
    Path kernels =
        where == null || where.user
            ? KernelInstaller.userKernelsDir()
            : where.prefix != null
                ? KernelInstaller.prefixKernelsDir(where.prefix)
                : where.kernelsDir;
    KernelInstaller installer = KernelInstaller.forThisJvm(labJar, heapLimit);
    Path installed = installer.installInto(kernels);
    spec.commandLine()
        .getOut()
        .println("Installed the kernel '" + KernelInstaller.DISPLAY_NAME + "' in " + installed);
    spec.commandLine()
        .getOut()
        .println("Preparing its start-up archive (one warm-up run of the kernel)...");
    spec.commandLine().getOut().flush();
    installer
        .makeStartupArchive(installed)
        .ifPresentOrElse(
            why ->
                spec.commandLine()
                    .getOut()
                    .println("No start-up archive: " + why + "; the kernel starts without it."),
            () ->
                spec.commandLine()
                    .getOut()
                    .println(
                        "Kernels start from "
                            + installed.resolve(KernelInstaller.ARCHIVE_NAME)
                            + " (install again after rebuilding the jar)."));
    spec.commandLine()
        .getOut()
        .println("Its heap limit is " + heapLimit + " (change it with --heap).");
    spec.commandLine().getOut().println("Start Jupyter on the tutorials with: ./csdlab jupyter");
    return 0;
  }
}
