package org.csdlab.lab.kernel;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.csdlab.lab.display.DisplaySink;
import org.csdlab.lab.display.MimeBundle;
import org.csdlab.lab.display.Renderers;
import org.dflib.jjava.jupyter.kernel.DisplayStream;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * The displays of one running cell: {@link #show} sends {@code display_data} with a display id,
 * {@link #update} sends {@code update_display_data} that redraws it in place. Safe to call from any
 * thread and as often as callers like; calls after the cell ended are dropped (the notebook keeps
 * what the cell last showed).
 */
final class KernelDisplaySink implements DisplaySink {

  private final DisplayStream stream;
  private final PlotlyDelivery plotly;
  private final String prefix = "csdlab-" + UUID.randomUUID() + "-";
  private final AtomicLong ids = new AtomicLong();

  KernelDisplaySink(DisplayStream stream, PlotlyDelivery plotly) {
    this.stream = stream;
    this.plotly = plotly;
  }

  @Override
  public String show(Object value) {
    String id = prefix + ids.incrementAndGet();
    DisplayData data = prepare(value, id);
    publish(() -> stream.display(data));
    return id;
  }

  @Override
  public void update(String displayId, Object value) {
    DisplayData data = prepare(value, displayId);
    publish(() -> stream.updateDisplay(data));
  }

  @Override
  public boolean live() {
    return true;
  }

  private DisplayData prepare(Object value, String id) {
    MimeBundle bundle = Renderers.render(value);
    publish(() -> plotly.deliverBefore(bundle.html(), stream::display));
    DisplayData data = JupyterDisplay.of(bundle);
    data.setDisplayId(id);
    return data;
  }

  private void publish(Runnable send) {
    synchronized (stream) {
      if (!stream.isAttached()) {
        return;
      }
      try {
        send.run();
      } catch (RuntimeException e) {
        // The cell ended between the check and the send: nowhere left to show it.
      }
    }
  }
}
