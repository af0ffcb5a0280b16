package org.csdlab.lab.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RenderersTest {
  /**
   * A type only this test registers adapters for, so other tests' registrations do not interfere.
   */
  record Probe(String text) {}

  @Test
  void anAdapterThatDeclinesPassesTheValueOn() {
    Renderers.register(Probe.class, probe -> "<b>" + Html.escape(probe.text()) + "</b>");
    Renderers.register(Probe.class, probe -> probe.text().startsWith("!") ? "<i>loud</i>" : null);
    assertEquals("<i>loud</i>", Renderers.render(new Probe("!hey")).html());
    assertEquals("<b>a &lt; b</b>", Renderers.render(new Probe("a < b")).html());
  }

  @Test
  void failingAdaptersFallBackToText() {
    record Broken() {}
    Renderers.register(
        Broken.class,
        broken -> {
          throw new IllegalStateException("boom");
        });
    MimeBundle bundle = Renderers.render(new Broken());
    assertNull(bundle.html());
    assertTrue(bundle.text().contains("HTML rendering failed"), bundle.text());
  }

  @Test
  void htmlEscapesEverythingXmlNeeds() {
    assertEquals(
        "&lt;a href=&quot;x&quot;&gt;&amp;&#39;\uFFFD", Html.escape("<a href=\"x\">&'\u0001"));
    assertTrue(
        Html.table(List.of("", ""), List.of(List.of("a", "b"))).indexOf("<th") < 0,
        "no header when all blank");
  }
}
