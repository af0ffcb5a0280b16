package org.csdlab.lab.cli;

import java.nio.file.Path;
import org.csdlab.lab.io.OutputFile;
import org.csdlab.lab.io.OutputFileException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * An argument value a command cannot take, found before the command starts its work: a usage error
 * (exit status 2), reported like picocli's own ({@code csdlab ebpf run: --fuel must be at least 1,
 * got -5 (see csdlab ebpf run --help)}). The exception carries the option (or the positional
 * parameter) and the value as given; the message names the option and what it accepts.
 */
final class BadArgument {
  private BadArgument() {}

  /**
   * A usage error for {@code name}, an option name ({@code --fuel}) or a positional parameter's
   * label ({@code FILE}) of {@code spec}; {@code message} starts with that name.
   */
  static ParameterException of(CommandSpec spec, String name, String message) {
    ArgSpec arg = argument(spec, name);
    Object value = arg == null ? null : arg.getValue();
    return new ParameterException(
        spec.commandLine(), message, arg, value == null ? null : String.valueOf(value));
  }

  /**
   * Checks a file {@code name} (an option or a positional label) asks the command to write: a file
   * that cannot be written ({@link OutputFile#check}) is a usage error naming {@code name}.
   */
  static void requireWritable(CommandSpec spec, String name, Path file) {
    try {
      OutputFile.check(file);
    } catch (OutputFileException e) {
      throw of(spec, name, name + " " + e.getMessage());
    }
  }

  private static ArgSpec argument(CommandSpec spec, String name) {
    if (spec.findOption(name) != null) {
      return spec.findOption(name);
    }
    return spec.positionalParameters().stream()
        .filter(p -> p.paramLabel().equals(name))
        .findFirst()
        .orElse(null);
  }
}
