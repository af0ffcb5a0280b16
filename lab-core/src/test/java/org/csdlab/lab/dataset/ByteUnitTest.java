package org.csdlab.lab.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ByteUnitTest {

  @Test
  void parsesSizesAsPeopleWriteThem() {
    assertEquals(256L << 20, ByteUnit.parseSize("256MiB"));
    assertEquals(1L << 30, ByteUnit.parseSize(" 1 GiB "));
    assertEquals(64L << 10, ByteUnit.parseSize("64k"));
    assertEquals(4096, ByteUnit.parseSize("4096"));
    assertEquals(12, ByteUnit.parseSize("12B"));
    assertEquals(3L << 20, ByteUnit.parseSize("3mb"));
  }

  @Test
  void badSizesSayWhatASizeLooksLike() {
    var text = assertThrows(IllegalArgumentException.class, () -> ByteUnit.parseSize("lots"));
    assertTrue(text.getMessage().contains("e.g. 256MiB"), text.getMessage());
    var unit = assertThrows(IllegalArgumentException.class, () -> ByteUnit.parseSize("3 TiB"));
    assertEquals(
        "'3 TiB' has an unknown unit 'TiB'; use one of [B, KiB, MiB, GiB]", unit.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ByteUnit.parseSize("-1MiB"));
    var huge =
        assertThrows(
            IllegalArgumentException.class, () -> ByteUnit.parseSize("999999999999999999GiB"));
    assertTrue(huge.getMessage().contains("more bytes than a long"), huge.getMessage());
  }

  @Test
  void formatsInTheLargestWholeUnit() {
    assertEquals("256 MiB", ByteUnit.format(256L << 20));
    assertEquals("1000 B", ByteUnit.format(1000));
    assertEquals("3 KiB", ByteUnit.format(3072));
    assertEquals("0 B", ByteUnit.format(0));
    assertEquals(1L << 30, ByteUnit.GiB.toBytes(1));
  }
}
