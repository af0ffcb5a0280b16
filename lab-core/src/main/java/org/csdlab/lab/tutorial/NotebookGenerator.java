package org.csdlab.lab.tutorial;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes a tutorial's notebooks from its source: nbformat 4.5, kernel {@value #KERNEL_NAME}, one
 * markdown or code cell per {@link Cell}, no outputs. The notebooks in {@code notebooks/} are
 * generated this way ({@code ./csdlab tutorial notebooks}); edit the {@code tutorial.jsh}, never
 * the notebook. The output is deterministic (cell ids from their position) so regenerating an
 * unchanged tutorial changes nothing.
 *
 * <p>Each tutorial has two editions ({@link Edition}): the teacher's, {@code
 * notebooks/NN-name.ipynb}, holds every cell, with each exercise's reference solution and hidden
 * checks; the student's, {@code notebooks/student/NN-name.ipynb}, holds each exercise's stub in
 * place of its solution and no hidden checks. Both say in their metadata which tutorial and edition
 * they are ({@code metadata.csdlab.tutorial}, {@code .edition}), and every exercise cell names its
 * exercise and role ({@code cell.metadata.csdlab.exercise}, {@code .role}: {@code solution} or
 * {@code checks} in the teacher's, {@code answer} in the student's); the grader finds the tutorial
 * and the student's answers by them.
 */
public final class NotebookGenerator {

  /** The kernelspec name of the csdlab Jupyter kernel. */
  public static final String KERNEL_NAME = "csdlab";

  /** How Jupyter shows the kernel. */
  public static final String KERNEL_DISPLAY_NAME = "Java (csdlab)";

  /** The metadata key (of the notebook and of cells) under which csdlab keeps what it needs. */
  public static final String METADATA_KEY = "csdlab";

  /** The role of a student's exercise cell in its metadata. */
  public static final String ANSWER_ROLE = "answer";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Who a notebook is for. */
  public enum Edition {
    /** Everything: text, code, each exercise's solution and hidden checks. */
    TEACHER,
    /** Each exercise's stub in place of its solution; no hidden checks. */
    STUDENT;

    /** How the metadata names it. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private NotebookGenerator() {}

  /**
   * The teacher's notebook of {@code source} (tutorial {@code name}) as JSON text, formatted as
   * Jupyter writes it.
   */
  public static String notebook(String name, TutorialSource source) {
    return notebook(name, source, Edition.TEACHER);
  }

  /**
   * The {@code edition} notebook of {@code source} (tutorial {@code name}) as JSON text, formatted
   * as Jupyter writes it.
   */
  public static String notebook(String name, TutorialSource source, Edition edition) {
    ObjectNode notebook = JSON.createObjectNode();
    ArrayNode cells = notebook.putArray("cells");
    int index = 0;
    for (Cell cell : source.cells()) {
      Optional<Exercise.Part> part = cell.exercise();
      if (edition == Edition.STUDENT
          && part.isPresent()
          && part.get().role() == Exercise.Role.CHECKS) {
        continue;
      }
      index++;
      ObjectNode node = cells.addObject();
      boolean code = cell.isCode();
      node.put("cell_type", code ? "code" : "markdown");
      if (code) {
        node.putNull("execution_count");
      }
      node.put("id", String.format("%s-%02d", code ? "code" : "text", index));
      ObjectNode metadata = node.putObject("metadata");
      String text = cell.text();
      if (part.isPresent()) {
        ObjectNode tag = metadata.putObject(METADATA_KEY);
        tag.put("exercise", part.get().exercise().id());
        boolean student = edition == Edition.STUDENT;
        tag.put("role", student ? ANSWER_ROLE : part.get().role().name().toLowerCase(Locale.ROOT));
        if (student) {
          text = part.get().exercise().stub();
        }
      }
      if (code) {
        node.putArray("outputs");
      }
      ArrayNode lines = node.putArray("source");
      sourceLines(text).forEach(lines::add);
    }
    ObjectNode metadata = notebook.putObject("metadata");
    ObjectNode tutorial = metadata.putObject(METADATA_KEY);
    tutorial.put("edition", edition.label());
    tutorial.put("tutorial", name);
    ObjectNode kernelspec = metadata.putObject("kernelspec");
    kernelspec.put("display_name", KERNEL_DISPLAY_NAME);
    kernelspec.put("language", "java");
    kernelspec.put("name", KERNEL_NAME);
    ObjectNode language = metadata.putObject("language_info");
    language.put("codemirror_mode", "java");
    language.put("file_extension", ".jshell");
    language.put("mimetype", "text/x-java-source");
    language.put("name", "java");
    notebook.put("nbformat", 4);
    notebook.put("nbformat_minor", 5);
    try {
      return JSON.writer(new JupyterPrinter()).writeValueAsString(notebook) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a notebook as JSON: " + e.getMessage(), e);
    }
  }

  /** Where the {@code edition} notebook of {@code tutorial} goes. */
  public static Path path(Tutorial tutorial, Edition edition) {
    return edition == Edition.TEACHER ? tutorial.notebook() : tutorial.studentNotebook();
  }

  /**
   * Writes both notebooks of {@code tutorial} to their places; returns true when a file changed.
   */
  public static boolean write(Tutorial tutorial) {
    boolean teacher = write(tutorial, Edition.TEACHER);
    boolean student = write(tutorial, Edition.STUDENT);
    return teacher || student;
  }

  /**
   * Writes the {@code edition} notebook of {@code tutorial} to its place; returns true when the
   * file changed.
   */
  public static boolean write(Tutorial tutorial, Edition edition) {
    Path file = path(tutorial, edition);
    if (isUpToDate(tutorial, edition)) {
      return false;
    }
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(
          file, notebook(tutorial.name(), tutorial.source(), edition), StandardCharsets.UTF_8);
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * True when both notebooks on disk are exactly what {@link #notebook} makes of the tutorial now.
   */
  public static boolean isUpToDate(Tutorial tutorial) {
    return isUpToDate(tutorial, Edition.TEACHER) && isUpToDate(tutorial, Edition.STUDENT);
  }

  /**
   * True when the {@code edition} notebook on disk is exactly what {@link #notebook} makes of the
   * tutorial now.
   */
  public static boolean isUpToDate(Tutorial tutorial, Edition edition) {
    Path file = path(tutorial, edition);
    try {
      return Files.exists(file)
          && Files.readString(file, StandardCharsets.UTF_8)
              .equals(notebook(tutorial.name(), tutorial.source(), edition));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * JSON laid out as Jupyter saves notebooks: 1-space indent, {@code "key": value}, {@code {}} and
   * {@code []} when empty.
   */
  private static final class JupyterPrinter extends DefaultPrettyPrinter {
    private static final long serialVersionUID = 1L;

    JupyterPrinter() {
      super(
          Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
      indentObjectsWith(new DefaultIndenter(" ", "\n"));
      indentArraysWith(new DefaultIndenter(" ", "\n"));
    }

    @Override
    public DefaultPrettyPrinter createInstance() {
      return new JupyterPrinter();
    }

    @Override
    public void writeEndObject(JsonGenerator g, int entries) throws IOException {
      if (entries == 0) {
        _nesting--;
        g.writeRaw('}');
      } else {
        super.writeEndObject(g, entries);
      }
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) throws IOException {
      if (values == 0) {
        _nesting--;
        g.writeRaw(']');
      } else {
        super.writeEndArray(g, values);
      }
    }
  }

  // Jupyter keeps source as a list of lines, each but the last ending with its newline.
  private static List<String> sourceLines(String text) {
    List<String> lines = new ArrayList<>();
    String[] split = text.split("\n", -1);
    for (int i = 0; i < split.length; i++) {
      lines.add(i < split.length - 1 ? split[i] + "\n" : split[i]);
    }
    return lines;
  }
}
