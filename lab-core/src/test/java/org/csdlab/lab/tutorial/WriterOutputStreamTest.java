package org.csdlab.lab.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WriterOutputStreamTest {

  @Test
  void charactersSplitBetweenWritesArriveWhole() {
    StringWriter text = new StringWriter();
    WriterOutputStream out = new WriterOutputStream(text);
    byte[] bytes = "✓ 42 · ok".getBytes(StandardCharsets.UTF_8);
    for (byte b : bytes) {
      out.write(b);
    }
    out.flush();
    assertEquals("✓ 42 · ok", text.toString());
  }

  @Test
  void largeWritesPassThrough() {
    StringWriter text = new StringWriter();
    WriterOutputStream out = new WriterOutputStream(text);
    String big = "é".repeat(10_000);
    byte[] bytes = big.getBytes(StandardCharsets.UTF_8);
    out.write(bytes, 0, bytes.length);
    assertEquals(big, text.toString());
  }
}
