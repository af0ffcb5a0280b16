package org.csdlab.lab.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The magics of a cell, as users of the IJava and JJava kernels write them: line magics ({@code
 * %jars lib/*.jar}) on the cell's first lines, before its code, and the cell magic {@code %%time}
 * as its first line. The lines they take are blanked in the code that runs, so errors still point
 * at the lines the reader sees. A line starting with {@code %} that is no known magic is refused
 * with one line naming the known ones; {@code %} lines after the first line of code are Java's
 * business (a text block may hold one).
 */
final class CellMagics {

  /** A line magic or the cell magic: what it is called, and how it is used. */
  enum Magic {
    CLASSPATH("%classpath", "PATH...", "add directories or jars to the class path"),
    JARS("%jars", "JAR...", "add jars (globs such as lib/*.jar) to the class path"),
    LOAD("%load", "FILE", "run the snippets of a .jsh or .java file"),
    LSMAGIC("%lsmagic", "", "list the magics"),
    THREADS(
        ThreadsMagic.MAGIC,
        "[stop]",
        "list (or stop) the threads cells started; alone in its cell"),
    TIME("%time", "CODE", "run CODE (the rest of the line) and print how long it took"),
    TRACE(CsdlabKernel.TRACE_MAGIC, "", "show whole stack traces in this cell's errors"),
    CELL_TIME("%%time", "", "run the cell and print how long it took (the cell's first line)");

    final String word;
    final String usage;
    final String description;

    Magic(String word, String usage, String description) {
      this.word = word;
      this.usage = usage;
      this.description = description;
    }

    boolean isCellMagic() {
      return word.startsWith("%%");
    }
  }

  /**
   * A line magic of the cell.
   *
   * @param magic which
   * @param argument what follows its name on the line, stripped
   * @param line its 1-based line in the cell
   * @param column where the argument starts in that line, from 0
   */
  record Line(Magic magic, String argument, int line, int column) {}

  /**
   * A cell with its magics taken out.
   *
   * @param lines the line magics, in order
   * @param timed whether the cell starts with {@code %%time}
   * @param code the cell with the magic lines blanked
   */
  record Parsed(List<Line> lines, boolean timed, String code) {

    boolean fullTrace() {
      return lines.stream().anyMatch(l -> l.magic() == Magic.TRACE);
    }
  }

  private CellMagics() {}

  /**
   * The magics of {@code cell}.
   *
   * @throws MagicUsageError for an unknown magic, {@code %%time} below the first line, or a magic
   *     without the argument it needs
   */
  static Parsed parse(String cell) {
    String[] lines = cell.split("\n", -1);
    List<Line> magics = new ArrayList<>();
    boolean timed = false;
    int index = 0;
    for (; index < lines.length; index++) {
      String text = lines[index].strip();
      if (text.isEmpty()) {
        continue;
      }
      if (!text.startsWith("%")) {
        break;
      }
      int lineNumber = index + 1;
      String word = text.split("\\s", 2)[0];
      String argument = text.substring(word.length()).strip();
      Magic magic = find(word).orElseThrow(() -> unknown(lineNumber, word));
      if (magic.isCellMagic()) {
        if (!magics.isEmpty() || timed) {
          throw new MagicUsageError(
              index + 1, word + " is a cell magic: it must be the cell's first line");
        }
        timed = true;
      } else {
        magics.add(
            new Line(magic, argument, lineNumber, Math.max(0, lines[index].lastIndexOf(argument))));
      }
      if (magic == Magic.TIME && argument.isEmpty()) {
        throw new MagicUsageError(
            index + 1,
            "%time needs the code to time on its line, as in %time lab.ebpf()"
                + ".assemble(\"exit\").run(); %%time on a cell's first line times the whole cell");
      }
      boolean needsArgument =
          magic == Magic.JARS || magic == Magic.CLASSPATH || magic == Magic.LOAD;
      if (needsArgument && argument.isEmpty()) {
        throw new MagicUsageError(
            index + 1,
            magic.word
                + " needs "
                + magic.usage
                + ": "
                + magic.word
                + " "
                + magic.usage
                + " to "
                + magic.description);
      }
      if ((magic == Magic.LSMAGIC || magic == Magic.TRACE || magic == Magic.CELL_TIME)
          && !argument.isEmpty()) {
        throw new MagicUsageError(
            index + 1, magic.word + " takes no argument, not '" + argument + "'");
      }
    }
    StringBuilder code = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      code.append(i < index ? "" : lines[i]).append(i + 1 < lines.length ? "\n" : "");
    }
    return new Parsed(List.copyOf(magics), timed, code.toString());
  }

  /** What {@code %lsmagic} shows. */
  static String list() {
    StringBuilder text =
        new StringBuilder("Line magics (on a cell's first lines, before its code):\n");
    for (Magic magic : Magic.values()) {
      if (!magic.isCellMagic()) {
        text.append(entry(magic));
      }
    }
    text.append("Cell magics (a cell's first line):\n");
    for (Magic magic : Magic.values()) {
      if (magic.isCellMagic()) {
        text.append(entry(magic));
      }
    }
    return text.toString().stripTrailing();
  }

  /** The known magics in one line: {@code %classpath, %jars, ...}. */
  static String names() {
    List<String> names = new ArrayList<>();
    for (Magic magic : Magic.values()) {
      names.add(magic.word);
    }
    return String.join(", ", names);
  }

  private static String entry(Magic magic) {
    String usage = magic.word + (magic.usage.isEmpty() ? "" : " " + magic.usage);
    return String.format(Locale.ROOT, "  %-18s %s%n", usage, magic.description);
  }

  private static Optional<Magic> find(String word) {
    for (Magic magic : Magic.values()) {
      if (magic.word.equals(word)) {
        return Optional.of(magic);
      }
    }
    return Optional.empty();
  }

  private static MagicUsageError unknown(int line, String word) {
    return new MagicUsageError(
        line,
        "unknown magic "
            + org.csdlab.ebpf.Excerpt.of(word)
            + "; the magics are "
            + names()
            + " (%lsmagic describes them)");
  }
}
