package org.csdlab.ebpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ExcerptTest {
  @Test
  void shortTextIsShownWhole() {
    assertEquals("r0 = 1", Excerpt.of("r0 = 1"));
    assertEquals("x".repeat(Excerpt.MAX_CHARS), Excerpt.of("x".repeat(Excerpt.MAX_CHARS)));
    assertNull(Excerpt.of(null));
  }

  @Test
  void longTextKeepsItsStartAndCountsTheRest() {
    assertEquals("x".repeat(80) + "… (1 more characters)", Excerpt.of("x".repeat(81)));
    assertEquals("abc… (1,000,000 more characters)", Excerpt.of("abc" + "d".repeat(1_000_000), 3));
  }

  @Test
  void aCutNeverSplitsASurrogatePair() {
    String text = "ab\uD83D\uDE00cd"; // an emoji is two chars
    assertEquals("ab… (4 more characters)", Excerpt.of(text, 3));
  }

  @Test
  void aShortLineWindowIsTheLine() {
    assertEquals(new Excerpt.Window("r0 = x", 6), Excerpt.window("r0 = x", 6));
  }

  @Test
  void aLongLineWindowCentresOnTheColumn() {
    String line = "a".repeat(1000) + "X" + "b".repeat(1000);
    Excerpt.Window w = Excerpt.window(line, 1001);
    assertEquals('X', w.text().charAt(w.column() - 1));
    assertEquals(
        "(940 characters before)…"
            + "a".repeat(60)
            + "X"
            + "b".repeat(59)
            + "… (941 more characters)",
        w.text());
    Excerpt.Window start = Excerpt.window(line, 1);
    assertEquals(1, start.column());
    assertEquals("a".repeat(120) + "… (1,881 more characters)", start.text());
    Excerpt.Window end = Excerpt.window(line, line.length() + 1); // just past the end: end of line
    assertEquals("(1,881 characters before)…" + "b".repeat(120), end.text());
    assertEquals(end.text().length() + 1, end.column());
  }
}
