/**
 * The csdlab Jupyter kernel: {@link org.csdlab.lab.kernel.CsdlabKernel} (on jjava-jupyter) runs
 * cells with {@link org.csdlab.lab.kernel.CellEvaluator} (JShell in the kernel's own JVM); {@link
 * org.csdlab.lab.kernel.KernelMain} is what the kernelspec runs and {@link
 * org.csdlab.lab.kernel.KernelInstaller} writes that kernelspec; {@link
 * org.csdlab.lab.kernel.JupyterLauncher} starts Jupyter on the notebooks.
 *
 * <p>Cells: {@link org.csdlab.lab.kernel.CellEvaluator} is csdlab's one JShell cell runner; the
 * tutorial engine's {@code tutorial run} and {@code tutorial check} run their cells with it too, so
 * a cell is cut into snippets, fails ({@link org.csdlab.lab.kernel.CellError}, the one error type
 * of a cell) and stops alike everywhere. {@link org.csdlab.lab.kernel.Prelude} is the one start-up
 * of the kernel and of {@code ./csdlab jshell}.
 *
 * <p>Displays: while a cell runs, {@link org.csdlab.lab.display.Displays#sink()} is the cell's
 * sink; {@code show} sends {@code display_data} with a display id and {@code update} redraws it in
 * place ({@code update_display_data}), from any thread the cell started.
 *
 * <p>Charts: HTML that contains {@value org.csdlab.lab.kernel.PlotlyDelivery#MARKER} (a results
 * value or a display) gets plotly.js, from the plotly.js-dist webjar, delivered to the notebook
 * once per kernel session just before it ({@link org.csdlab.lab.kernel.PlotlyDelivery}). Chart HTML
 * should therefore only call {@code Plotly.newPlot(...)} / {@code Plotly.react(...)} and not load
 * plotly.js itself.
 */
package org.csdlab.lab.kernel;
