package org.csdlab.lab.dataset;

import static org.csdlab.lab.dataset.ByteUnit.KiB;
import static org.csdlab.lab.dataset.ByteUnit.MiB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.csdlab.lab.monitor.ThroughputMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class U32ReadingsTest {

  private static Dataset readings(long amount, ByteUnit unit) {
    return Datasets.u32Readings(amount, unit).monitor(ThroughputMonitor.quiet());
  }

  @Test
  void sameSeedGivesSameBytesAndOtherSeedsOthers() {
    byte[] a = readings(64, KiB).seed(7).bytes();
    assertArrayEquals(a, readings(64, KiB).seed(7).bytes());
    assertEquals(64 * 1024, a.length);
    assertNotEquals(readings(64, KiB).seed(7).sha256(), readings(64, KiB).seed(8).sha256());
  }

  @Test
  void aShorterDatasetIsAPrefixOfALongerOne() {
    byte[] small = readings(4, KiB).seed(3).bytes();
    byte[] large = readings(2, MiB).seed(3).bytes();
    for (int i = 0; i < small.length; i++) {
      assertEquals(large[i], small[i], "byte " + i);
    }
  }

  @Test
  void defaultIsUniformOverRandMaxWithHalfAboveTheMiddle() {
    int[] values = values(readings(4, MiB).seed(11).bytes());
    long above = 0;
    long[] quarters = new long[4];
    for (int v : values) {
      assertTrue(v >= 0, "every value is in [0, RAND_MAX], got " + Integer.toUnsignedString(v));
      above += v > Datasets.RAND_MAX_HALF ? 1 : 0;
      quarters[v >>> 29]++;
    }
    double n = values.length;
    assertEquals(0.5, above / n, 0.005);
    for (long quarter : quarters) {
      assertEquals(0.25, quarter / n, 0.005);
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.01, 0.1, 0.37, 0.9})
  void selectivityIsTheFractionAboveRandMaxHalf(double selectivity) {
    int[] values = values(readings(4, MiB).seed(5).selectivity(selectivity).bytes());
    long above = 0;
    for (int v : values) {
      assertTrue(v >= 0);
      above += v > Datasets.RAND_MAX_HALF ? 1 : 0;
    }
    assertEquals(selectivity, (double) above / values.length, 0.005);
  }

  @Test
  void selectivityZeroAndOneAreExact() {
    for (int v : values(readings(256, KiB).selectivity(0).bytes())) {
      assertTrue(v >= 0 && v <= Datasets.RAND_MAX_HALF);
    }
    for (int v : values(readings(256, KiB).selectivity(1).bytes())) {
      assertTrue(v > Datasets.RAND_MAX_HALF);
    }
  }

  @Test
  void streamReadInOddPiecesGivesTheSameBytes() throws IOException {
    Dataset dataset = readings(3, MiB).seed(9);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = dataset.stream()) {
      byte[] piece = new byte[4097];
      out.write(in.read());
      for (int n; (n = in.read(piece, 0, piece.length)) > 0; ) {
        out.write(piece, 0, n);
      }
    }
    assertArrayEquals(dataset.bytes(), out.toByteArray());
  }

  @Test
  void badSizesAndSelectivitiesAreRefusedWithWhatIsAllowed() {
    var notWhole =
        assertThrows(IllegalArgumentException.class, () -> Datasets.u32Readings(1023, ByteUnit.B));
    assertTrue(notWhole.getMessage().contains("multiple of 4"), notWhole.getMessage());
    var negative =
        assertThrows(IllegalArgumentException.class, () -> Datasets.u32Readings(-1, MiB));
    assertTrue(negative.getMessage().contains("negative"), negative.getMessage());
    var selectivity =
        assertThrows(IllegalArgumentException.class, () -> readings(1, KiB).selectivity(1.5));
    assertTrue(selectivity.getMessage().contains("between 0 and 1"), selectivity.getMessage());
    assertThrows(IllegalArgumentException.class, () -> readings(1, KiB).selectivity(Double.NaN));
  }

  @Test
  void specSaysWhatWasGenerated() {
    Dataset dataset = readings(256, MiB).seed(7);
    assertEquals(new DatasetSpec(Generator.U32_READINGS, 256L << 20, 7, 0.5), dataset.spec());
    assertEquals("Dataset[u32-readings 256 MiB seed=7]", dataset.toString());
    assertEquals(
        "u32-readings 1 KiB seed=0 selectivity=0.2",
        readings(1, KiB).selectivity(0.2).spec().toString());
  }

  static int[] values(byte[] bytes) {
    int[] values = new int[bytes.length / 4];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(values);
    return values;
  }
}
