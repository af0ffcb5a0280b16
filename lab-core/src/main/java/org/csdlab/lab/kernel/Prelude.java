package org.csdlab.lab.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The imports a JShell session starts with. {@link #lab()} is the one start-up of {@code ./csdlab
 * jshell} and of the notebook kernel, so code that runs in one runs in the other (the README's
 * tour, {@code MiB}); {@link #jshellDefault()} is what the JDK's {@code jshell} starts with, which
 * a tutorial script gets when a reader runs it with {@code jshell}.
 */
public final class Prelude {

  /**
   * JShell's own {@code DEFAULT} start-up (the JDK's {@code
   * jdk/jshell/tool/resources/DEFAULT.jsh}).
   */
  private static final List<String> JDK_IMPORTS =
      List.of(
          "java.io.*",
          "java.math.*",
          "java.net.*",
          "java.nio.file.*",
          "java.util.*",
          "java.util.concurrent.*",
          "java.util.function.*",
          "java.util.prefs.*",
          "java.util.regex.*",
          "java.util.stream.*");

  /**
   * The lab's imports, each with a class that proves its package is on the class path (a package
   * only appears once its module is built, and a rejected import would cost a compilation).
   */
  private static final Map<String, String> LAB_IMPORTS = labImports();

  private final List<String> imports;

  private Prelude(List<String> imports) {
    this.imports = List.copyOf(imports);
  }

  private static Map<String, String> labImports() {
    Map<String, String> imports = new LinkedHashMap<>();
    imports.put("org.csdlab.ebpf.*", "org.csdlab.ebpf.Program");
    imports.put("org.csdlab.ebpf.asm.*", "org.csdlab.ebpf.asm.Assembler");
    imports.put("org.csdlab.ebpf.elf.*", "org.csdlab.ebpf.elf.ElfObject");
    imports.put("org.csdlab.ebpf.verifier.*", "org.csdlab.ebpf.verifier.Verifier");
    imports.put("org.csdlab.ebpf.maps.*", "org.csdlab.ebpf.maps.MapSet");
    imports.put("org.csdlab.zns.*", "org.csdlab.zns.ZnsDevice");
    imports.put("org.csdlab.zns.csd.*", "org.csdlab.zns.csd.ComputationalStorage");
    imports.put("org.csdlab.zns.timing.*", "org.csdlab.zns.timing.TimingProfile");
    imports.put("org.csdlab.fluffle.*", "org.csdlab.fluffle.FluffleFs");
    imports.put("org.csdlab.lab.*", "org.csdlab.lab.Lab");
    imports.put("org.csdlab.lab.display.*", "org.csdlab.lab.display.MimeBundle");
    imports.put("org.csdlab.lab.dataset.*", "org.csdlab.lab.dataset.Datasets");
    imports.put(
        "static org.csdlab.lab.dataset.ByteUnit.*",
        "org.csdlab.lab.dataset.ByteUnit"); // MiB, GiB, ...
    imports.put("org.csdlab.lab.chart.*", "org.csdlab.lab.chart.Charts");
    imports.put("org.csdlab.lab.monitor.*", "org.csdlab.lab.monitor.ThroughputMonitor");
    imports.put("org.csdlab.lab.tutorial.*", "org.csdlab.lab.tutorial.Check");
    return imports;
  }

  /** JShell's default imports and the lab's packages that are on this JVM's class path. */
  public static Prelude lab() {
    List<String> imports = new ArrayList<>(JDK_IMPORTS);
    ClassLoader loader = Prelude.class.getClassLoader();
    LAB_IMPORTS.forEach(
        (imported, probe) -> {
          try {
            Class.forName(probe, false, loader);
            imports.add(imported);
          } catch (ClassNotFoundException e) {
            // the module holding the package is not built into this class path: nothing to import
          }
        });
    return new Prelude(imports);
  }

  /** What the JDK's {@code jshell} imports at start, and nothing of the lab. */
  public static Prelude jshellDefault() {
    return new Prelude(JDK_IMPORTS);
  }

  /**
   * What is imported, as written after {@code import}: {@code java.util.*}, {@code static
   * ...ByteUnit.*}.
   */
  public List<String> imports() {
    return imports;
  }

  /** The packages imported (without {@code .*}; static imports as their class). */
  public List<String> packages() {
    return imports.stream()
        .map(i -> i.replaceFirst("^static ", "").replaceFirst("\\.\\*$", ""))
        .toList();
  }

  /** The start-up as JShell source, one {@code import ...;} line each. */
  public String source() {
    return imports.stream().map(i -> "import " + i + ";\n").collect(Collectors.joining());
  }

  @Override
  public String toString() {
    return "Prelude[" + imports.size() + " imports]";
  }
}
