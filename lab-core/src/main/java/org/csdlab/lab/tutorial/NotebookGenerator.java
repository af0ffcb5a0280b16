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

/**
 * Writes a tutorial's notebook from its source: nbformat 4.5, kernel {@value #KERNEL_NAME}, one
 * markdown or code cell per {@link Cell}, no outputs. The notebooks in {@code notebooks/} are
 * generated this way ({@code ./csdlab tutorial notebooks}); edit the {@code tutorial.jsh}, never the
 * notebook. The output is deterministic (cell ids from their position) so regenerating an unchanged
 * tutorial changes nothing.
 */
public final class NotebookGenerator {

  /** The kernelspec name of the csdlab Jupyter kernel. */
  public static final String KERNEL_NAME = "csdlab";
  /** How Jupyter shows the kernel. */
  public static final String KERNEL_DISPLAY_NAME = "Java (csdlab)";

  private static final ObjectMapper JSON = new ObjectMapper();

  private NotebookGenerator() {}

  /** The notebook of {@code source} as JSON text, formatted as Jupyter writes it (1-space indent). */
  public static String notebook(TutorialSource source) {
    ObjectNode notebook = JSON.createObjectNode();
    ArrayNode cells = notebook.putArray("cells");
    int index = 0;
    for (Cell cell : source.cells()) {
      index++;
      ObjectNode node = cells.addObject();
      boolean code = cell.isCode();
      node.put("cell_type", code ? "code" : "markdown");
      if (code) {
        node.putNull("execution_count");
      }
      node.put("id", String.format("%s-%02d", code ? "code" : "text", index));
      node.putObject("metadata");
      if (code) {
        node.putArray("outputs");
      }
      ArrayNode lines = node.putArray("source");
      sourceLines(cell.text()).forEach(lines::add);
    }
    ObjectNode metadata = notebook.putObject("metadata");
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

  /** Writes the notebook of {@code tutorial} to its place; returns true when the file changed. */
  public static boolean write(Tutorial tutorial) {
    String text = notebook(tutorial.source());
    try {
      if (Files.exists(tutorial.notebook()) && Files.readString(tutorial.notebook(), StandardCharsets.UTF_8).equals(text)) {
        return false;
      }
      Files.createDirectories(tutorial.notebook().getParent());
      Files.writeString(tutorial.notebook(), text, StandardCharsets.UTF_8);
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + tutorial.notebook() + ": " + e.getMessage(), e);
    }
  }

  /** True when the notebook on disk is exactly what {@link #notebook} makes of the tutorial now. */
  public static boolean isUpToDate(Tutorial tutorial) {
    try {
      return Files.exists(tutorial.notebook())
          && Files.readString(tutorial.notebook(), StandardCharsets.UTF_8).equals(notebook(tutorial.source()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + tutorial.notebook() + ": " + e.getMessage(), e);
    }
  }

  /** JSON laid out as Jupyter saves notebooks: 1-space indent, {@code "key": value}, {@code {}} and {@code []} when empty. */
  private static final class JupyterPrinter extends DefaultPrettyPrinter {
    private static final long serialVersionUID = 1L;

    JupyterPrinter() {
      super(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
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
