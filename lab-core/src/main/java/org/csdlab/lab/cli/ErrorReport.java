package org.csdlab.lab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Arrays;
import java.util.List;
import org.csdlab.ebpf.EbpfException;
import org.csdlab.ebpf.Excerpt;
import org.csdlab.ebpf.asm.AsmParseException;
import org.csdlab.lab.dataset.DatasetWriteException;
import org.csdlab.lab.io.InputFileException;
import org.csdlab.lab.json.LabJsonException;
import org.csdlab.zns.InvalidImageException;
import org.csdlab.zns.ZnsException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How the command line reports errors: one line on stderr, {@code csdlab COMMAND: what was wrong},
 * and a non-zero exit status. With {@code --debug} the stack trace follows the line. An assembly
 * error keeps the lines of its caret diagram under that line.
 *
 * <p>Exit status 2 is a usage error: an unknown command or option, a value that does not convert,
 * and every check of argument values a command makes before it starts its work ({@link
 * BadArgument}: a range, a unit, a file to write whose directory is missing). Exit status 1 is a
 * failure of the work itself: a file that cannot be read, a program the assembler or the VM
 * refuses, a device error.
 */
final class ErrorReport {
  /** Bad arguments: unknown options, missing parameters, values that do not convert. */
  static final IParameterExceptionHandler PARAMETERS = ErrorReport::parameters;

  /** A command that failed while running. */
  static final IExecutionExceptionHandler EXECUTION = ErrorReport::execution;

  private ErrorReport() {}

  private static int parameters(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    String message = plainTypeNames(oneLine(e.getMessage()).replaceFirst("^Error: ", ""));
    if (e instanceof UnmatchedArgumentException unmatched
        && !command.getSubcommands().isEmpty()
        && !unmatched.getUnmatched().isEmpty()
        && !unmatched.getUnmatched().get(0).startsWith("-")) {
      message =
          "unknown command '"
              + Excerpt.of(unmatched.getUnmatched().get(0))
              + "'; commands: "
              + String.join(", ", command.getSubcommands().keySet());
    } else if (e instanceof UnmatchedArgumentException unmatched
        && !unmatched.getSuggestions().isEmpty()) {
      List<String> suggestions = unmatched.getSuggestions();
      message +=
          "; did you mean "
              + String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size())))
              + "?";
    }
    err.println(
        prefix(command)
            + message
            + " (see "
            + command.getCommandSpec().qualifiedName()
            + " --help)");
    if (Arrays.asList(args).contains("--debug")) {
      e.printStackTrace(err);
    }
    err.flush();
    return command.getCommandSpec().exitCodeOnInvalidInput();
  }

  /**
   * Picocli's {@code 'abc' is not a long} in words a student reads: {@code is not a whole number}.
   */
  private static String plainTypeNames(String message) {
    return message
        .replaceFirst("' is not an? (long|int|short|byte)$", "' is not a whole number")
        .replaceFirst("' is not an? (double|float)$", "' is not a number");
  }

  private static int execution(Exception e, CommandLine command, ParseResult parseResult) {
    PrintWriter err = command.getErr();
    err.println(prefix(command) + describe(e));
    if (debug(parseResult)) {
      e.printStackTrace(err);
    }
    err.flush();
    return command.getCommandSpec().exitCodeOnExecutionException();
  }

  private static String prefix(CommandLine command) {
    return command.getCommandSpec().qualifiedName() + ": ";
  }

  private static boolean debug(ParseResult parseResult) {
    for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--debug")) {
        return true;
      }
    }
    return false;
  }

  /**
   * One line that says what went wrong: the exception's own message for the errors csdlab raises on
   * purpose (they name what was wrong and where), a plain sentence for files that cannot be read or
   * written, and the exception's type for anything unexpected.
   */
  static String describe(Throwable t) {
    if (t instanceof AsmParseException) {
      return diagram(
          t.getMessage()); // line and column, then the source line and a caret under the column
    }
    if (t instanceof DatasetWriteException) {
      return oneLine(t.getMessage()); // names the file and the figures; its cause adds nothing
    }
    if (t instanceof UncheckedIOException && t.getCause() != null) {
      return describe(t.getCause()); // the cause names the file; the wrapper's text adds nothing
    }
    if (t instanceof NoSuchFileException e) {
      return "no such file: " + Excerpt.of(e.getFile(), Excerpt.MAX_LIST_CHARS);
    }
    if (t instanceof AccessDeniedException e) {
      return "permission denied: " + Excerpt.of(e.getFile(), Excerpt.MAX_LIST_CHARS);
    }
    if (t instanceof FileAlreadyExistsException e) {
      return "file already exists: " + Excerpt.of(e.getFile(), Excerpt.MAX_LIST_CHARS);
    }
    if (t instanceof NotDirectoryException e) {
      return "not a directory: " + Excerpt.of(e.getFile(), Excerpt.MAX_LIST_CHARS);
    }
    if (t instanceof DirectoryNotEmptyException e) {
      return "directory not empty: " + Excerpt.of(e.getFile(), Excerpt.MAX_LIST_CHARS);
    }
    if (t instanceof IOException e) {
      return "I/O error: " + oneLine(String.valueOf(e.getMessage()));
    }
    if (t instanceof CliException
        || t instanceof InputFileException
        || t instanceof LabJsonException
        || t instanceof EbpfException
        || t instanceof ZnsException
        || t instanceof InvalidImageException
        || t instanceof IllegalArgumentException
        || t instanceof IllegalStateException) {
      if (t.getMessage() != null) {
        return oneLine(t.getMessage());
      }
    }
    if (t instanceof OutOfMemoryError) {
      return "out of memory; give the JVM more (e.g. CSDLAB_JAVA_OPTS=-Xmx4g) or use a smaller size";
    }
    if (t instanceof StackOverflowError) {
      return "stack overflow (an internal error; run with --debug for the stack trace)";
    }
    String message = t.getMessage() == null ? "" : ": " + oneLine(t.getMessage());
    return "internal error "
        + t.getClass().getName()
        + message
        + " (run with --debug for the stack trace)";
  }

  /**
   * The most characters of one error line: the parts that echo input are cut by {@link Excerpt}
   * already; this bounds what comes from elsewhere (picocli repeating an argument, say).
   */
  static final int MAX_LINE_CHARS = 1000;

  /**
   * A message whose first line says what was wrong and whose next lines draw where, kept as lines
   * (each cut to {@link #MAX_LINE_CHARS}; the first line also loses trailing spaces).
   */
  static String diagram(String message) {
    String[] lines = message.strip().split("\\R", -1);
    StringBuilder text = new StringBuilder(oneLine(lines[0]));
    for (int i = 1; i < lines.length; i++) {
      text.append('\n').append(Excerpt.of(lines[i].stripTrailing(), MAX_LINE_CHARS));
    }
    return text.toString();
  }

  /**
   * The message with line breaks turned into spaces, so an error is always one line, cut to {@link
   * #MAX_LINE_CHARS}.
   */
  static String oneLine(String message) {
    return Excerpt.of(message.strip().replaceAll("\\s*\\R\\s*", " "), MAX_LINE_CHARS);
  }
}
