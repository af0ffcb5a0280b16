package org.csdlab.lab.chart;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium with the network shut off, for the browser checks of charts (also those of the
 * tests module, through this module's test jar): it opens a page, runs its scripts for a few
 * seconds of virtual time and returns the DOM. Missing Chromium skips the test, except under
 * CI=true, where it fails.
 */
public final class HeadlessChromium {
  private static final long TIMEOUT_SECONDS = 120;

  /** Virtual time the page's scripts get (timers included) before the DOM is dumped. */
  private static final int VIRTUAL_TIME_MILLIS = 8000;

  private final Path executable;

  private HeadlessChromium(Path executable) {
    this.executable = executable;
  }

  /**
   * Chromium at {@code $CHROMIUM} or {@code /usr/bin/chromium}; skips the test (fails under CI)
   * when it is missing.
   */
  public static HeadlessChromium findOrSkip() {
    Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    if (!Files.isExecutable(chromium)) {
      if ("true".equals(System.getenv("CI"))) {
        fail(
            "CI=true but Chromium is not installed at " + chromium + " (apt-get install chromium)");
      }
      Assumptions.abort("Chromium is not installed at " + chromium);
    }
    return new HeadlessChromium(chromium);
  }

  /**
   * The DOM of {@code page} after its scripts ran, with no network; {@code dir} holds the profile
   * and logs.
   */
  public String dumpDom(Path page, Path dir) throws Exception {
    Path out = Files.createTempFile(dir, "dom", ".html");
    Path err = Files.createTempFile(dir, "chromium", ".log");
    Process process =
        new ProcessBuilder(
                executable.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                // No network: every host fails to resolve and every proxied request goes nowhere.
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--proxy-server=http://127.0.0.1:9",
                "--user-data-dir=" + Files.createTempDirectory(dir, "profile"),
                "--virtual-time-budget=" + VIRTUAL_TIME_MILLIS,
                "--dump-dom",
                page.toUri().toString())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail(
          "Chromium did not finish within "
              + TIMEOUT_SECONDS
              + " s; its log: "
              + Files.readString(err));
    }
    String dom = Files.readString(out);
    if (process.exitValue() != 0 || dom.isEmpty()) {
      fail(
          "Chromium exited with "
              + process.exitValue()
              + " and "
              + dom.length()
              + " bytes of DOM; its log: "
              + Files.readString(err));
    }
    return dom;
  }
}
