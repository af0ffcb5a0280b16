/**
 * Charts that draw with no internet: {@link org.csdlab.lab.chart.Chart} wraps a Tablesaw Plotly
 * figure and {@link org.csdlab.lab.chart.Charts} makes the lab's charts (lines, bytes moved,
 * crossover plots) and standalone offline HTML pages. plotly.js comes from the
 * {@code org.webjars.npm:plotly.js-dist} webjar and is embedded inline, never fetched.
 */
package org.csdlab.lab.chart;
