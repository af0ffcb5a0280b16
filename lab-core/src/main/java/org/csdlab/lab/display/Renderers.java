package org.csdlab.lab.display;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Turns any value into a {@link MimeBundle}. Values that implement {@link HtmlRenderable} render
 * themselves; values of types the lab does not own (devices, programs, Tablesaw tables and figures)
 * get an HTML form from an adapter registered with {@link #register}.
 */
public final class Renderers {

  private record Adapter<T>(Class<T> type, Function<? super T, String> html) {
    String render(Object value) {
      return html.apply(type.cast(value));
    }
  }

  private static final CopyOnWriteArrayList<Adapter<?>> ADAPTERS = new CopyOnWriteArrayList<>();

  private Renderers() {}

  /**
   * Renders values of {@code type} (and its subtypes) as HTML with {@code html}; later
   * registrations win. An adapter may return null to decline a value (e.g. a {@code List} adapter
   * for lists of zones only), which then goes to the next adapter that matches.
   */
  public static <T> void register(Class<T> type, Function<? super T, String> html) {
    ADAPTERS.add(
        0,
        new Adapter<>(Objects.requireNonNull(type, "type"), Objects.requireNonNull(html, "html")));
  }

  /**
   * The value's text form and, when it has one, its HTML form. A failing renderer falls back to
   * text.
   */
  public static MimeBundle render(Object value) {
    String text = String.valueOf(value);
    String html = null;
    try {
      html = html(value);
    } catch (RuntimeException e) {
      return MimeBundle.text(text + "\n(HTML rendering failed: " + e + ")");
    }
    return html == null
        ? MimeBundle.text(text)
        : new MimeBundle(Map.of(MimeBundle.TEXT, text, MimeBundle.HTML, html));
  }

  private static String html(Object value) {
    if (value instanceof HtmlRenderable renderable) {
      return renderable.toHtml();
    }
    if (value == null) {
      return null;
    }
    for (Adapter<?> adapter : ADAPTERS) {
      if (adapter.type().isInstance(value)) {
        String html = adapter.render(value);
        if (html != null) {
          return html;
        }
      }
    }
    return null;
  }
}
