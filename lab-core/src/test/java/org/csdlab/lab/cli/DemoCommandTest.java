package org.csdlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DemoCommandTest {
  @Test
  void hostAndDriveAgreeAndOnlyTheCountCrossesTheLink() {
    CliRun run = CliRun.of("demo", "--size", "16MiB", "--seed", "3", "--no-progress");
    assertEquals(0, run.status(), run.err());
    long expected = referenceCount(16 << 20, 3);
    String count = String.format(java.util.Locale.ROOT, "%,d", expected);
    assertTrue(run.out().matches("(?s).*readings above RAND_MAX/2\\s+" + count + "\\s+" + count + "\n.*"),
        run.out());
    assertTrue(run.out().matches("(?s).*bytes over the host link\\s+16 MiB\\s+8 B\n.*"), run.out());
    assertTrue(run.out().contains("Same answer"), run.out());
  }

  @Test
  void modeledTimesAreDeterministic() {
    String first = line(CliRun.of("demo", "--size", "16MiB", "--no-progress").out(), "modeled time");
    String second = line(CliRun.of("demo", "--size", "16MiB", "--no-progress").out(), "modeled time");
    assertEquals(first, second);
  }

  @Test
  void refusesASizeThatIsNotWholeZones() {
    CliRun run = CliRun.of("demo", "--size", "10MiB", "--no-progress");
    assertEquals(1, run.status());
    assertEquals("csdlab demo: the dataset size must be a whole number of 16 MiB zones, at most 64 (1 GiB), "
        + "got 10 MiB", run.errorLine());
  }

  private static String line(String text, String start) {
    return text.lines().filter(l -> l.strip().startsWith(start)).findFirst().orElseThrow();
  }

  /** The same readings in plain Java: u32 uniform in [0, RAND_MAX] from SplittableRandom(seed). */
  private static long referenceCount(int bytes, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    long count = 0;
    for (int i = 0; i < bytes / 4; i++) {
      if ((random.nextInt() & 0x7FFFFFFF) > 0x3FFFFFFF) {
        count++;
      }
    }
    return count;
  }
}
