package org.csdlab.lab.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

@ResourceLock(Resources.SYSTEM_PROPERTIES)
@ResourceLock(Resources.SYSTEM_ERR)
class ProgressBarsTest {

  @AfterEach
  void clearProperty() {
    System.clearProperty(ProgressBars.PROPERTY);
  }

  @Test
  void autoFollowsThePropertyAndNeverDrawsUnderALiveChart() {
    System.setProperty(ProgressBars.PROPERTY, "bar");
    assertTrue(ProgressBars.AUTO.wanted(false));
    assertFalse(ProgressBars.AUTO.wanted(true), "a notebook gets a live chart, not a bar");
    System.setProperty(ProgressBars.PROPERTY, "none");
    assertFalse(ProgressBars.AUTO.wanted(false));
    System.clearProperty(ProgressBars.PROPERTY);
    assertEquals(ProgressBars.inTerminal(), ProgressBars.AUTO.wanted(false));
    assertTrue(ProgressBars.ON.wanted(true));
    assertFalse(ProgressBars.OFF.wanted(false));
  }

  @Test
  void aBarShowsTheNameAndMebibytesOnStandardError() {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      ThroughputMonitor monitor = ThroughputMonitor.builder().progressBars(ProgressBars.ON).build();
      try (Progress progress = monitor.start("host scan", 5 << 20)) {
        progress.advance(5 << 20);
      }
    } finally {
      System.setErr(original);
    }
    String bar = captured.toString(StandardCharsets.UTF_8);
    assertTrue(bar.contains("host scan"), bar);
    assertTrue(bar.contains("5/5 MiB"), bar);
    assertTrue(bar.contains("100%"), bar);
  }
}
