package org.csdlab.lab.display;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The current {@link DisplaySink}. Outside a notebook it is a text sink that prints each shown
 * value once and ignores updates; the notebook kernel installs its own for the cell being run.
 */
public final class Displays {

  private static final DisplaySink TEXT =
      new DisplaySink() {
        private final AtomicLong ids = new AtomicLong();

        @Override
        public String show(Object value) {
          System.out.println(Renderers.render(value).text());
          return "text-" + ids.incrementAndGet();
        }

        @Override
        public void update(String displayId, Object value) {
          // A terminal cannot redraw an earlier output; the final state is shown by whoever ends
          // the run.
        }

        @Override
        public boolean live() {
          return false;
        }
      };

  private static final InheritableThreadLocal<DisplaySink> CURRENT = new InheritableThreadLocal<>();

  private Displays() {}

  /** The sink of the code running on this thread. */
  public static DisplaySink sink() {
    DisplaySink sink = CURRENT.get();
    return sink == null ? TEXT : sink;
  }

  /**
   * Sends this thread's (and its new child threads') displays to {@code sink} until {@link
   * #reset()}.
   */
  public static void install(DisplaySink sink) {
    CURRENT.set(Objects.requireNonNull(sink, "sink"));
  }

  /** Back to the text sink. */
  public static void reset() {
    CURRENT.remove();
  }
}
