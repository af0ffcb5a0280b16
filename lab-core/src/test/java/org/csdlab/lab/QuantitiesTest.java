package org.csdlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QuantitiesTest {
  @Test
  void bytesUseBinaryUnits() {
    assertEquals("1023 B", Quantities.bytes(1023));
    assertEquals("4.0 KiB", Quantities.bytes(4096));
    assertEquals("256.0 MiB", Quantities.bytes(256L << 20));
    assertEquals("1.5 GiB", Quantities.bytes(3L << 29));
  }

  @Test
  void durationsPickTheirUnit() {
    assertEquals("850 ns", Quantities.nanos(850));
    assertEquals("12.3 µs", Quantities.nanos(12_300));
    assertEquals("4.56 ms", Quantities.nanos(4_560_000));
    assertEquals("1.234 s", Quantities.nanos(1_234_000_000));
  }

  @Test
  void ratiosAreUndefinedForZeroDivisors() {
    assertEquals("3.20×", Quantities.ratio(3.2));
    assertEquals("32,768×", Quantities.ratio(32768));
    assertEquals("n/a", Quantities.ratio(Quantities.divide(5, 0)));
  }
}
