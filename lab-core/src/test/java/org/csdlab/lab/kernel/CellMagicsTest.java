package org.csdlab.lab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import javax.tools.ToolProvider;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The magics a cell's first lines may hold, run through the kernel as a notebook sends cells. */
class CellMagicsTest {

  private static CsdlabKernel kernel;
  @TempDir static Path dir;
  private static Path classes;
  private static Path jar;

  @BeforeAll
  static void start() throws IOException {
    kernel = CsdlabKernel.create();
    classes =
        compile("magicdemo", "Hello", "public static String hi() { return \"hi from a jar\"; }");
    jar = dir.resolve("libs").resolve("hello.jar");
    Files.createDirectories(jar.getParent());
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new ZipEntry("magicdemo/Hello.class"));
      out.write(Files.readAllBytes(classes.resolve("magicdemo/Hello.class")));
      out.closeEntry();
    }
  }

  @AfterAll
  static void stop() {
    kernel.close();
  }

  /** Compiles {@code pkg.name} with {@code body} into a directory of classes of its own. */
  private static Path compile(String pkg, String name, String body) throws IOException {
    Path source = dir.resolve("src-" + name).resolve(pkg).resolve(name + ".java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, "package " + pkg + "; public class " + name + " { " + body + " }");
    Path out = dir.resolve("classes-" + name);
    int status =
        ToolProvider.getSystemJavaCompiler()
            .run(null, null, null, "-d", out.toString(), source.toString());
    assertEquals(0, status);
    return out;
  }

  /** What the cell printed while {@code body} ran it, and its value as text. */
  private static String[] run(String cell) {
    PrintStream saved = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    DisplayData data;
    try {
      data = kernel.eval(cell);
    } finally {
      System.setOut(saved);
    }
    String value = data == null ? null : String.valueOf(data.getData(MIMEType.TEXT_PLAIN));
    return new String[] {printed.toString(StandardCharsets.UTF_8), value};
  }

  @Test
  void aCellOfMagicsIsComplete() {
    assertEquals(BaseKernel.IS_COMPLETE_YES, kernel.isComplete("%lsmagic"));
    assertEquals(BaseKernel.IS_COMPLETE_YES, kernel.isComplete("%jars lib/*.jar\nint x = 1;"));
    assertEquals(BaseKernel.IS_COMPLETE_YES, kernel.isComplete("%nonsense"));
    assertEquals("  ", kernel.isComplete("%%time\nvoid f() {"));
  }

  @Test
  void lsmagicListsEveryMagicWithItsUse() {
    String printed = run("%lsmagic")[0];
    assertTrue(
        printed.startsWith("Line magics (on a cell's first lines, before its code):\n"), printed);
    for (String entry :
        List.of(
            "%classpath PATH...",
            "%jars JAR...",
            "%load FILE",
            "%lsmagic",
            "%threads [stop]",
            "%time CODE",
            "%trace",
            "Cell magics (a cell's first line):\n  %%time")) {
      assertTrue(printed.contains(entry), entry + " in:\n" + printed);
    }
  }

  @Test
  void anUnknownMagicIsAnsweredWithOneLineNamingTheKnownOnes() {
    MagicUsageError error = assertThrows(MagicUsageError.class, () -> kernel.eval("%timeit 1 + 1"));
    assertEquals(
        "unknown magic %timeit; the magics are %classpath, %jars, %load, %lsmagic, %threads, %time,"
            + " %trace, %%time (%lsmagic describes them)",
        error.getMessage());
    assertEquals(List.of(error.getMessage()), kernel.formatError(error));
    assertEquals(CellError.Kind.MAGIC, error.kind());
    MagicUsageError cellMagic =
        assertThrows(MagicUsageError.class, () -> kernel.eval("%%timeit\n1 + 1"));
    assertTrue(
        cellMagic.getMessage().startsWith("unknown magic %%timeit; the magics are"),
        cellMagic.getMessage());
  }

  @Test
  void timeRunsTheRestOfItsLineAndPrintsTheWallTime() {
    String[] ran = run("%time 6 * 7");
    assertEquals("42", ran[1]);
    assertTrue(ran[0].matches("Wall time: [0-9.]+ (ns|µs|ms|s)\\R"), ran[0]);
    CompilationError error =
        assertThrows(CompilationError.class, () -> kernel.eval("\n%time int t = \"text\";"));
    assertEquals(2, error.line());
    assertEquals(15, error.column(), "the column of \"text\" in the cell's line: " + error.lines());
    MagicUsageError bare = assertThrows(MagicUsageError.class, () -> kernel.eval("%time"));
    assertTrue(
        bare.getMessage().startsWith("%time needs the code to time on its line"),
        bare.getMessage());
  }

  @Test
  void cellTimeTimesTheWholeCellAndMustBeItsFirstLine() {
    String[] ran = run("%%time\nint timed = 20;\ntimed + 1");
    assertEquals("21", ran[1]);
    assertTrue(ran[0].startsWith("Wall time: "), ran[0]);
    UncaughtException thrown =
        assertThrows(UncaughtException.class, () -> kernel.eval("%%time\n\nList.of().get(0)"));
    assertTrue(
        thrown.lines().contains("  at line 3 of this cell: List.of().get(0)"),
        thrown.lines().toString());
    MagicUsageError late =
        assertThrows(MagicUsageError.class, () -> kernel.eval("%lsmagic\n%%time\n1"));
    assertEquals("%%time is a cell magic: it must be the cell's first line", late.getMessage());
    assertEquals(2, late.line());
  }

  @Test
  void jarsAddsJarsByGlobAndLaterCellsUseTheirClasses() {
    String[] ran = run("%jars " + dir.resolve("libs") + "/*.jar\nmagicdemo.Hello.hi()");
    assertEquals("hi from a jar", ran[1]);
    assertEquals("Added to the class path: " + jar + "\n", ran[0].replace("\r\n", "\n"));
    assertEquals("hi from a jar", String.valueOf(kernel.evalRaw("magicdemo.Hello.hi()")));
  }

  @Test
  void jarsRefusesWhatIsNoJarBeforeAddingAnything() throws IOException {
    Path text = Files.writeString(dir.resolve("notes.jar"), "not a zip");
    assertEquals(
        "%jars: no such jar: " + dir.resolve("missing.jar"),
        magicError("%jars " + jar + " " + dir.resolve("missing.jar")));
    assertEquals(
        "%jars: jar " + dir + " is a directory, not a regular file", magicError("%jars " + dir));
    assertEquals(
        "%jars: jar /dev/zero is a character device, not a regular file",
        magicError("%jars /dev/zero"));
    assertEquals(
        "%jars: " + text + " is not a jar (a jar is a zip archive; its first bytes are PK\\3\\4)",
        magicError("%jars " + text));
    assertEquals(
        "%jars: " + dir.resolve("libs/*.war") + " matches no file",
        magicError("%jars " + dir.resolve("libs/*.war")));
    assertEquals(
        "%jars needs JAR...: %jars JAR... to add jars (globs such as lib/*.jar) to the class path",
        magicError("%jars"));
    assertEquals("%jars: a double quote is not closed in \"a b.jar", magicError("%jars \"a b.jar"));
  }

  @Test
  void classpathAddsDirectoriesOfClasses() throws IOException {
    Path other = compile("magicdemo", "FromDirectory", "public static int answer() { return 42; }");
    String[] ran = run("%classpath " + other + "\nmagicdemo.FromDirectory.answer()");
    assertEquals("42", ran[1]);
    assertEquals(
        "%classpath: no such class path entry: "
            + dir.resolve("nothing-here")
            + " (a %classpath entry is a"
            + " jar or a directory)",
        magicError("%classpath " + dir.resolve("nothing-here")));
  }

  @Test
  void loadRunsAFilesSnippetsAndItsErrorsPointAtTheFilesLines() throws IOException {
    Path setup =
        Files.writeString(
            dir.resolve("setup.jsh"),
            "int loaded = 6;\n\nint twice(int x) {\n  return 2 * x;\n}\n" + "twice(loaded)\n");
    String[] ran = run("%load " + setup);
    assertEquals("12", ran[1]);
    assertEquals("7", run("loaded + 1")[1]);
    Path broken =
        Files.writeString(dir.resolve("broken.jsh"), "int fine = 1;\nint wrong = \"text\";\n");
    CompilationError error =
        assertThrows(CompilationError.class, () -> kernel.eval("%load " + broken));
    assertEquals(2, error.line());
    assertEquals("Compilation error at line 2, column 13:", error.lines().get(0));
    Path thrower =
        Files.writeString(dir.resolve("thrower.jsh"), "int ok = 1;\nList.of().get(ok);\n");
    UncaughtException thrown =
        assertThrows(UncaughtException.class, () -> kernel.eval("%load " + thrower));
    assertTrue(
        thrown.lines().contains("  at line 2 of " + thrower + ": List.of().get(ok);"),
        thrown.lines().toString());
    assertEquals(
        "%load: no such file to load: " + dir.resolve("none.jsh"),
        magicError("%load " + dir.resolve("none.jsh")));
    assertEquals(
        "%load: file to load /dev/zero is a character device, not a regular file",
        magicError("%load /dev/zero"));
    assertEquals(
        "%load takes one file, not 2: %load FILE runs the snippets of a .jsh or .java file",
        magicError("%load a.jsh b.jsh"));
  }

  private static String magicError(String cell) {
    return assertThrows(MagicUsageError.class, () -> kernel.eval(cell)).getMessage();
  }
}
