package org.csdlab.lab.io;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files that are not regular, for tests that must see them refused without being read. */
public final class SpecialFiles {
  /** An endless character device. */
  public static final Path DEV_ZERO = Path.of("/dev/zero");

  private SpecialFiles() {}

  /**
   * A new FIFO {@code name} in {@code dir}, made with mkfifo; the test is skipped when there is no
   * mkfifo.
   */
  public static Path fifo(Path dir, String name) throws IOException, InterruptedException {
    Path fifo = dir.resolve(name);
    int status;
    try {
      status = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor();
    } catch (IOException e) {
      status = -1; // no mkfifo on this system
    }
    assumeTrue(status == 0 && Files.exists(fifo), "mkfifo is not available");
    return fifo;
  }

  /** Skips the test where there is no /dev/zero. */
  public static Path devZero() {
    assumeTrue(Files.exists(DEV_ZERO), "no /dev/zero here");
    return DEV_ZERO;
  }
}
