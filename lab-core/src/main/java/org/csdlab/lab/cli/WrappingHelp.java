package org.csdlab.lab.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.IHelpFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The usage help of every command, wrapped at spaces only. Picocli wraps with the JDK's line {@link
 * java.text.BreakIterator}, which also breaks after a dot and before a parenthesis, so that {@code
 * tutorials/NN-name/tutorial.jsh} or {@code ZnsDevice.builder(...)} came apart at the end of a line
 * at some widths. Here every text (description, options, commands, footer) is cut into lines at
 * spaces first, each short enough for its column, and picocli lays out those lines. Each string of
 * a description or footer is one paragraph (or one example line), wrapped to the usage width, so
 * the help reads the same at 80 columns and in a wide terminal.
 */
final class WrappingHelp extends Help {
  /** Makes this help for every command. */
  static final IHelpFactory FACTORY = WrappingHelp::new;

  WrappingHelp(CommandSpec spec, ColorScheme colorScheme) {
    super(spec, colorScheme);
  }

  /** The options' and parameters' layout (every other {@code createDefaultLayout} comes here). */
  @Override
  public Layout createDefaultLayout(
      List<OptionSpec> options, List<PositionalParamSpec> positionals, ColorScheme scheme) {
    Layout layout = super.createDefaultLayout(options, positionals, scheme);
    return new Layout(
        scheme, wrapping(layout.textTable()), layout.optionRenderer(), layout.parameterRenderer());
  }

  @Override
  public TextTable createTextTable(Map<?, ?> map) {
    return wrapping(super.createTextTable(map));
  }

  /**
   * The subcommands and their summaries, as picocli lays them out, the summaries wrapped at spaces.
   */
  @Override
  public String commandList(Map<String, Help> subcommands) {
    if (subcommands.isEmpty()) {
      return "";
    }
    int namesWidth =
        subcommands.values().stream()
            .mapToInt(help -> help.commandNamesText(", ").plainString().length())
            .max()
            .orElse(0);
    TextTable table =
        new WordWrappingTable(
            colorScheme(),
            new Column(namesWidth + 2, 2, Column.Overflow.SPAN),
            new Column(
                commandSpec().usageMessage().width() - (namesWidth + 2), 2, Column.Overflow.WRAP));
    for (Help help : subcommands.values()) {
      UsageMessageSpec usage = help.commandSpec().usageMessage();
      String summary =
          usage.header().length > 0
              ? usage.header()[0]
              : usage.description().length > 0 ? usage.description()[0] : "";
      Text[] lines = colorScheme().text(String.format(summary)).splitLines();
      for (int i = 0; i < lines.length; i++) {
        table.addRowValues(i == 0 ? help.commandNamesText(", ") : colorScheme().text(""), lines[i]);
      }
    }
    return table.toString();
  }

  @Override
  public String description(Object... params) {
    return paragraphs(commandSpec().usageMessage().description(), params);
  }

  @Override
  public String header(Object... params) {
    return paragraphs(commandSpec().usageMessage().header(), params);
  }

  @Override
  public String footer(Object... params) {
    return paragraphs(commandSpec().usageMessage().footer(), params);
  }

  private String paragraphs(String[] texts, Object... params) {
    if (texts.length == 0) {
      return "";
    }
    TextTable table =
        new WordWrappingTable(
            colorScheme(),
            new Column(commandSpec().usageMessage().width(), 0, Column.Overflow.WRAP));
    table.indentWrappedLines = 0;
    for (String text : texts) {
      for (Text line :
          colorScheme().ansi().new Text(String.format(text, params), colorScheme()).splitLines()) {
        table.addRowValues(line);
      }
    }
    return table.toString();
  }

  private TextTable wrapping(TextTable table) {
    TextTable wrapping = new WordWrappingTable(colorScheme(), table.columns());
    wrapping.indentWrappedLines = table.indentWrappedLines;
    wrapping.setAdjustLineBreaksForWideCJKCharacters(
        table.isAdjustLineBreaksForWideCJKCharacters());
    return wrapping;
  }

  /** A text table whose wrapping columns break lines at spaces only. */
  static final class WordWrappingTable extends TextTable {
    private final ColorScheme colorScheme;

    WordWrappingTable(ColorScheme colorScheme, Column... columns) {
      super(colorScheme, columns);
      this.colorScheme = colorScheme;
    }

    @Override
    public Cell putValue(int row, int col, Text value) {
      Column column = columns()[col];
      if (value == null
          || column.overflow != Column.Overflow.WRAP
          || value.plainString().isEmpty()) {
        return super.putValue(row, col, value);
      }
      // one column left free at the right, as picocli leaves it
      int firstWidth = column.width - column.indent - textAt(row, col).plainString().length() - 1;
      int nextWidth = column.width - column.indent - indentWrappedLines - 1;
      int at = row;
      List<int[]> lines = lines(value.plainString(), firstWidth, nextWidth);
      for (int i = 0; i < lines.size(); i++) {
        Text line = value.substring(lines.get(i)[0], lines.get(i)[1]);
        if (i > 0) {
          addEmptyRow();
          at++;
          line =
              colorScheme.ansi().new Text(" ".repeat(indentWrappedLines), colorScheme).concat(line);
        }
        super.putValue(at, col, line);
      }
      return new Cell(col, at);
    }

    /**
     * The lines of {@code text}, as start and end offsets, broken at spaces: the first at most
     * {@code firstWidth} characters, the others {@code nextWidth}. A word longer than a line has a
     * line of its own.
     */
    static List<int[]> lines(String text, int firstWidth, int nextWidth) {
      List<int[]> lines = new ArrayList<>();
      int start = 0;
      int n = text.length();
      while (start < n) {
        int width = Math.max(1, lines.isEmpty() ? firstWidth : nextWidth);
        int end = start;
        int next = start;
        while (next < n) {
          int wordEnd = text.indexOf(' ', next);
          wordEnd = wordEnd < 0 ? n : wordEnd;
          if (wordEnd - start > width && end > start) {
            break;
          }
          end = wordEnd;
          next = wordEnd;
          while (next < n && text.charAt(next) == ' ') {
            next++;
          }
        }
        if (end == start) { // only spaces left
          break;
        }
        lines.add(new int[] {start, end});
        start = next;
      }
      return lines;
    }
  }
}
