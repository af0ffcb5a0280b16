package org.csdlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The help of every command reads whole at every usage width from 60 to 160 columns (80 is the
 * default without a terminal): no line is longer than the width, no word of a description, option
 * or footer is cut across two lines, and every text ends a sentence (or is an example line) so that
 * a line break the author wrote never falls mid-sentence.
 */
class HelpLayoutTest {
  @Test
  void noHelpLineIsWiderThanTheUsageWidthAndNoWordIsCut() {
    List<String> problems = new ArrayList<>();
    for (int width = 60; width <= 160; width++) {
      CommandLine root =
          Main.commandLine(
              new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
      root.setUsageHelpAutoWidth(false);
      root.setUsageHelpWidth(width);
      for (CommandLine command : commands(root)) {
        String help = command.getUsageMessage(Help.Ansi.OFF);
        Set<String> words = sourceWords(command);
        String[] lines = help.split("\\R");
        for (int i = 0; i < lines.length; i++) {
          if (lines[i].length() > width) {
            problems.add(
                width + " columns, " + name(command) + ": line longer than the width: " + lines[i]);
          }
          if (i + 1 < lines.length && !lines[i].isBlank() && !lines[i + 1].isBlank()) {
            String end = last(lines[i]);
            String start = lines[i + 1].strip().split("\\s+")[0];
            if (words.contains(end + start) && !words.contains(end)) {
              problems.add(
                  width
                      + " columns, "
                      + name(command)
                      + ": '"
                      + end
                      + start
                      + "' is cut after '"
                      + end
                      + "'");
            }
          }
        }
        Set<String> shown = new HashSet<>(Arrays.asList(help.strip().split("\\s+")));
        for (String word : words) {
          if (!shown.contains(word)) {
            problems.add(
                width
                    + " columns, "
                    + name(command)
                    + ": the word '"
                    + word
                    + "' is not shown whole");
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      fail(
          problems.size()
              + " problems, the first ones:\n"
              + String.join("\n", problems.subList(0, Math.min(20, problems.size()))));
    }
  }

  @Test
  void everyHelpTextEndsASentenceOrIsAnExampleLine() {
    List<String> problems = new ArrayList<>();
    CommandLine root =
        Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    for (CommandLine command : commands(root)) {
      for (String text : texts(command)) {
        if (!text.isEmpty() && !text.startsWith(" ") && !text.matches("(?s).*[.:?!]")) {
          problems.add(name(command) + ": \"" + text + "\"");
        }
      }
    }
    assertEquals(
        List.of(), problems, "texts that end mid-sentence (the line break after them falls there)");
  }

  @Test
  void aDescriptionIsWrappedAtSpacesInItsColumnEvenWherePicocliWouldCutAfterADot() {
    CommandLine root =
        Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    root.setUsageHelpAutoWidth(false);
    root.setUsageHelpWidth(80);
    String help =
        root.getSubcommands()
            .get("zns")
            .getSubcommands()
            .get("report")
            .getUsageMessage(Help.Ansi.OFF);
    // picocli's own wrapping printed "ZnsDevice." at the end of one line and "builder(...)..." on
    // the next
    assertTrue(
        help.contains("\n                          ZnsDevice.builder(...).file(...)).\n"), help);
  }

  @Test
  void theDemoFooterIsOneParagraphWrappedAtTheWidth() { // lines of at most 79 columns, as picocli
    // leaves them
    CommandLine root =
        Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    root.setUsageHelpAutoWidth(false);
    root.setUsageHelpWidth(80);
    String help = root.getSubcommands().get("demo").getUsageMessage(Help.Ansi.OFF);
    assertTrue(
        help.contains(
            """
        The drive is the lab's: an emulated ZNS SSD with an eBPF core (teaching timing
        profile). The readings are u32 values in [0, RAND_MAX] from a seeded generator.
        The host reads every byte over the host link and counts in Java; on the drive,
        the lab's eBPF kernel count_u32_above counts and returns only the count.
        Modeled time is the drive model's (deterministic); wall time is this
        computer's.
        """),
        help);
  }

  private static List<CommandLine> commands(CommandLine root) {
    List<CommandLine> all = new ArrayList<>(List.of(root));
    for (CommandLine sub : root.getSubcommands().values()) {
      all.addAll(commands(sub));
    }
    return all;
  }

  private static String name(CommandLine command) {
    return command.getCommandSpec().qualifiedName();
  }

  /**
   * The texts of a command's help as written: description, header, footer, and each option's and
   * subcommand's.
   */
  private static List<String> texts(CommandLine command) {
    CommandSpec spec = command.getCommandSpec();
    List<String> texts = new ArrayList<>();
    for (String[] section :
        List.of(
            spec.usageMessage().description(),
            spec.usageMessage().header(),
            spec.usageMessage().footer())) {
      for (String text : section) {
        texts.addAll(Arrays.asList(String.format(text).split("\\R", -1)));
      }
    }
    for (ArgSpec arg : spec.args()) {
      if (!arg.hidden()) {
        texts.addAll(Arrays.asList(arg.renderedDescription()));
      }
    }
    for (CommandLine sub : command.getSubcommands().values()) {
      texts.addAll(Arrays.asList(sub.getCommandSpec().usageMessage().description()));
    }
    return texts;
  }

  private static Set<String> sourceWords(CommandLine command) {
    Set<String> words = new HashSet<>();
    for (String text : texts(command)) {
      for (String word : text.strip().split("\\s+")) {
        if (!word.isEmpty()) {
          words.add(word);
        }
      }
    }
    return words;
  }

  private static String last(String line) {
    String[] words = line.strip().split("\\s+");
    return words[words.length - 1];
  }
}
