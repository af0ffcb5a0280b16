/**
 * Charts that draw with no internet: {@link org.csdlab.lab.chart.Chart} wraps a Tablesaw Plotly
 * figure and {@link org.csdlab.lab.chart.Charts} makes the lab's charts (lines, bytes moved,
 * crossover plots) and standalone offline HTML pages. plotly.js comes from the {@code
 * org.webjars.npm:plotly.js-dist} webjar and is embedded inline, never fetched.
 *
 * <p>For a notebook front end: {@link org.csdlab.lab.chart.Chart#toHtml()} is a well-formed
 * fragment that draws with the page's {@code window.Plotly} and, if plotly.js is not there yet,
 * waits in a queue that {@link org.csdlab.lab.chart.Charts#plotlyLoader()} (plain, about 10.8 MB)
 * or {@link org.csdlab.lab.chart.Charts#compressedPlotlyLoader()} (about 3.2 MB, unpacked by the
 * browser) drains once it has loaded; send one loader once per notebook, before or after the first
 * chart. Both hide a require.js AMD loader while plotly.js defines its global. Call {@link
 * org.csdlab.lab.chart.Charts#registerRenderers()} at start so that plain Tablesaw figures render
 * as charts too.
 */
package org.csdlab.lab.chart;
