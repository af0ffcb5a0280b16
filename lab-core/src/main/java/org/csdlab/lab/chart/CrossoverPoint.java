package org.csdlab.lab.chart;

/**
 * One measurement of a crossover experiment: at {@code x} (a selectivity, a record size, ...) the
 * same work took {@code hostSeconds} on the host and {@code offloadedSeconds} on the drive.
 *
 * @param x the experiment's variable
 * @param hostSeconds modeled time of the host run
 * @param offloadedSeconds modeled time of the offloaded run
 */
public record CrossoverPoint(double x, double hostSeconds, double offloadedSeconds) {

  public CrossoverPoint {
    if (!Double.isFinite(x)
        || !Double.isFinite(hostSeconds)
        || !Double.isFinite(offloadedSeconds)) {
      throw new IllegalArgumentException(
          "a crossover point needs finite numbers, was x="
              + x
              + ", host="
              + hostSeconds
              + " s, offloaded="
              + offloadedSeconds
              + " s");
    }
  }

  /** Offloaded time minus host time: negative where offloading wins. */
  double advantage() {
    return offloadedSeconds - hostSeconds;
  }
}
