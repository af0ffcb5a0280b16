/**
 * How lab objects show themselves: {@link org.csdlab.lab.display.Renderers} turns any value into a
 * {@link org.csdlab.lab.display.MimeBundle} (text always, HTML when the value knows how), and
 * {@link org.csdlab.lab.display.Displays} is where a running workload shows or updates a display
 * (the notebook kernel installs a sink that updates the cell's output in place).
 */
package org.csdlab.lab.display;
