package org.csdlab.lab.kernel;

import org.csdlab.lab.display.MimeBundle;
import org.csdlab.lab.display.Renderers;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * A value as Jupyter display data: its text form, and its HTML form when it has one (see {@link
 * Renderers}). Also usable from a stock JJava kernel that loaded the lab jar: a cell ending in
 * {@code JupyterDisplay.of(lab.device())} shows the HTML form there.
 */
public final class JupyterDisplay {

  private JupyterDisplay() {}

  /** {@code value} rendered by {@link Renderers#render}. */
  public static DisplayData of(Object value) {
    return of(Renderers.render(value));
  }

  /** The bundle's representations as display data. */
  public static DisplayData of(MimeBundle bundle) {
    DisplayData data = new DisplayData(bundle.text());
    bundle
        .data()
        .forEach(
            (mime, content) -> {
              if (!mime.equals(MimeBundle.TEXT)) {
                data.putData(mime, content);
              }
            });
    return data;
  }
}
