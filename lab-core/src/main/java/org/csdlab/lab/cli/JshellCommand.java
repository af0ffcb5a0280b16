package org.csdlab.lab.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import jdk.jshell.tool.JavaShellToolBuilder;
import org.csdlab.lab.kernel.JavadocSources;
import org.csdlab.lab.kernel.JvmOptions;
import org.csdlab.lab.kernel.Prelude;
import org.csdlab.lab.monitor.ProgressBars;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code csdlab jshell}: the JDK's JShell tool, run in this JVM (the same tool the {@code jshell}
 * binary starts, so editing, history and Tab completion are the real ones), with the lab on the
 * class path of the JVM that runs the snippets, the lab's packages imported (the {@link Prelude}
 * the notebook kernel starts with too), values shown whole ({@link JshellFeedback}), the lab's
 * javadoc shown by Tab after a method's parenthesis ({@link JavadocSources}) and a welcome screen.
 */
@Command(
    name = "jshell",
    description = "Explore the lab in JShell: classes on the class path, imports done.",
    footer = {
      "",
      "Arguments after -- go to JShell itself; the snippets' JVM takes its options from CSDLAB_JAVA_OPTS:",
      "  csdlab jshell -- --feedback concise",
      "  CSDLAB_JAVA_OPTS=-Xmx4g ./csdlab jshell"
    })
final class JshellCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "JSHELL-ARGS", description = "Options passed on to JShell (after --).")
  List<String> jshellArguments = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    spec.commandLine().getOut().print(welcome());
    spec.commandLine().getOut().flush();
    JavadocSources.install();
    Path startup = writeStartup();
    try {
      return JavaShellToolBuilder.builder()
          .persistence(JshellFeedback.preferences())
          .start(arguments(startup));
    } finally {
      Files.deleteIfExists(startup);
    }
  }

  /**
   * Runs a JShell session reading {@code in} and writing {@code out}, as {@link #call()} does at a
   * terminal; for tests and scripts. Returns JShell's exit status.
   */
  static int session(InputStream in, PrintStream out, String... extraArguments) throws Exception {
    JavadocSources.install();
    Path startup = writeStartup();
    try {
      out.print(welcome());
      List<String> more = new ArrayList<>(List.of("-R-D" + ProgressBars.PROPERTY + "=none"));
      more.addAll(Arrays.asList(extraArguments));
      return JavaShellToolBuilder.builder()
          .persistence(JshellFeedback.preferences())
          .in(in, null)
          .out(out)
          .err(out)
          .start(arguments(startup, more));
    } finally {
      Files.deleteIfExists(startup);
    }
  }

  private String[] arguments(Path startup) {
    List<String> more = new ArrayList<>();
    // The snippets' JVM has no terminal of its own: tell the lab's monitor whether to draw bars.
    more.add("-R-D" + ProgressBars.PROPERTY + (ProgressBars.inTerminal() ? "=bar" : "=none"));
    more.addAll(jshellArguments);
    return arguments(startup, more);
  }

  /** JShell's arguments: class path, startup scripts and the JVM options this JVM was given. */
  static String[] arguments(Path startup, List<String> more) {
    List<String> args = new ArrayList<>();
    args.add("--class-path");
    args.add(classPath());
    args.add("--startup");
    args.add(startup.toString()); // the Prelude holds JShell's DEFAULT imports too
    args.addAll(JshellFeedback.choose(more));
    // The snippets' JVM runs this JDK: give it the launcher's options (UTF-8 output, no Unsafe
    // warning).
    for (String option : JvmOptions.shipped().forThisJvm()) {
      args.add("-R" + option);
    }
    // The snippets run in a JVM of their own: give it this JVM's memory settings.
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (option.startsWith("-Xmx") || option.startsWith("-Xms") || option.startsWith("-Xss")) {
        args.add("-R" + option);
      }
    }
    args.addAll(more);
    return args.toArray(String[]::new);
  }

  /** This JVM's class path with absolute entries (the snippets' JVM may start elsewhere). */
  static String classPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.isBlank())
        .map(entry -> Path.of(entry).toAbsolutePath().normalize().toString())
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static Path writeStartup() {
    try {
      Path startup = Files.createTempFile("csdlab-startup-", ".jsh");
      Files.writeString(startup, Prelude.lab().source());
      return startup;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One screen: what is loaded, and three things to try. */
  static String welcome() {
    return """
        csdlab %s in JShell: the lab's classes are here, their packages imported.
        Tab completes names and shows methods; /help for JShell's commands, /exit to leave.

        Three things to try:
          1. A lab: an emulated ZNS drive (64 zones) with an eBPF core:
               var lab = Lab.create()
               lab.device()
          2. An eBPF program, run and traced on the VM:
               var p = lab.ebpf().assemble("r0 = 6\\nr0 *= 7\\nexit")
               p.run()
               p.trace()
          3. Count readings on the host and on the drive, and compare:
               var readings = lab.datasets().u32Readings(32, MiB).seed(7).writeToZones(0)
               lab.compare(lab.host().countU32Above(readings, Lab.RAND_MAX / 2),
                           lab.csd().countU32Above(readings, Lab.RAND_MAX / 2))
               lab.monitor().chart()

        """
        .formatted(CsdlabVersion.csdlabVersion());
  }
}
