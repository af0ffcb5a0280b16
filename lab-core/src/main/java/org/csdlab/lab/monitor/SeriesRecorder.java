package org.csdlab.lab.monitor;

import java.util.ArrayList;
import java.util.List;

/**
 * The mutable state of one series. Samples are kept at most every {@code sampleIntervalNanos}; past
 * {@link #MAX_SAMPLES} every other one is dropped and the interval doubles, so a long run costs
 * bounded memory and a per-chunk call costs a lock and an addition.
 */
final class SeriesRecorder {
  static final int MAX_SAMPLES = 2048;

  private final long sequence;
  private final String name;
  private final long totalBytes;
  private final long startNanos;
  private final List<Sample> samples = new ArrayList<>();
  private long sampleIntervalNanos;
  private long bytes;
  private long modeledNanos = Sample.NO_MODELED_TIME;
  private long lastSampleNanos;
  private long droppedSamples;
  private boolean finished;

  SeriesRecorder(
      long sequence, String name, long totalBytes, long startNanos, long sampleIntervalNanos) {
    this.sequence = sequence;
    this.name = name;
    this.totalBytes = totalBytes;
    this.startNanos = startNanos;
    this.sampleIntervalNanos = sampleIntervalNanos;
    this.lastSampleNanos = startNanos;
    samples.add(new Sample(0, 0, Sample.NO_MODELED_TIME));
  }

  String name() {
    return name;
  }

  /** The how-manieth series its monitor started (0 for the first). */
  long sequence() {
    return sequence;
  }

  /** Adds a chunk; returns the bytes done so far. */
  synchronized long advance(long now, long deltaBytes, long deltaModeledNanos) {
    if (finished) {
      throw new IllegalStateException(
          "series '" + name + "' has finished; start a new one to report more progress");
    }
    bytes += deltaBytes;
    if (deltaModeledNanos != Sample.NO_MODELED_TIME) {
      if (modeledNanos == Sample.NO_MODELED_TIME) {
        modeledNanos = 0;
        // The start sample gets modeled time too, so modeled rates have a first interval.
        samples.set(0, new Sample(0, 0, 0));
      }
      modeledNanos += deltaModeledNanos;
    }
    if (now - lastSampleNanos >= sampleIntervalNanos) {
      sample(now);
    }
    return bytes;
  }

  /** Marks the end; a second call changes nothing. Returns false if it had already finished. */
  synchronized boolean finish(long now) {
    if (finished) {
      return false;
    }
    finished = true;
    Sample last = samples.get(samples.size() - 1);
    if (last.bytes() != bytes || last.modeledNanos() != modeledNanos || samples.size() == 1) {
      sample(now);
    }
    return true;
  }

  synchronized long bytes() {
    return bytes;
  }

  synchronized Series snapshot() {
    return new Series(name, totalBytes, bytes, finished, samples, droppedSamples, startNanos);
  }

  private void sample(long now) {
    lastSampleNanos = now;
    samples.add(new Sample(Math.max(0, now - startNanos), bytes, modeledNanos));
    if (samples.size() > MAX_SAMPLES) {
      thin();
    }
  }

  /** Keeps the first, the last and every other sample between them. */
  private void thin() {
    List<Sample> kept = new ArrayList<>(samples.size() / 2 + 2);
    for (int i = 0; i < samples.size() - 1; i += 2) {
      kept.add(samples.get(i));
    }
    kept.add(samples.get(samples.size() - 1));
    droppedSamples += samples.size() - kept.size();
    samples.clear();
    samples.addAll(kept);
    sampleIntervalNanos *= 2;
  }
}
