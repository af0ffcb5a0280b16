package org.csdlab.lab.cli;

/** A command that cannot do what was asked; its message says why and what to do instead. */
final class CliException extends RuntimeException {
  CliException(String message) {
    super(message);
  }
}
