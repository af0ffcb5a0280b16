/**
 * Following long operations: {@link org.csdlab.lab.monitor.ThroughputMonitor} records named series
 * of bytes over wall-clock and modeled time, draws terminal progress bars and updates a live chart
 * in notebooks; {@link org.csdlab.lab.monitor.Progress} is what an operation reports to.
 */
package org.csdlab.lab.monitor;
