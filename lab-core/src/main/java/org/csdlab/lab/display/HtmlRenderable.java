package org.csdlab.lab.display;

/**
 * A lab object that renders itself as an HTML fragment for notebooks, besides its short {@code
 * toString()}.
 */
public interface HtmlRenderable {

  /** A self-contained HTML fragment (no {@code <html>} or {@code <body>}), well-formed XHTML. */
  String toHtml();
}
