package org.csdlab.lab.chart;

import java.util.Objects;

/**
 * One named line of a line chart: points (x[i], y[i]).
 *
 * @param name the legend entry
 * @param x the x values
 * @param y the y values, as many as x
 */
public record Line(String name, double[] x, double[] y) {

  public Line {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(y, "y");
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "line '"
              + name
              + "' needs as many y values as x values, had "
              + x.length
              + " x and "
              + y.length
              + " y");
    }
    x = x.clone();
    y = y.clone();
  }

  @Override
  public double[] x() {
    return x.clone();
  }

  @Override
  public double[] y() {
    return y.clone();
  }

  /** Number of points. */
  public int size() {
    return x.length;
  }
}
