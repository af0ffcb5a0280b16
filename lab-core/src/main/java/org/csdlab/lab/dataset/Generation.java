package org.csdlab.lab.dataset;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.csdlab.lab.monitor.Progress;
import org.csdlab.lab.monitor.Sample;
import org.csdlab.lab.monitor.ThroughputMonitor;

/**
 * Generates a dataset in chunks of {@link #CHUNK_BYTES}, hashing each with SHA-256, handing it to a
 * sink and reporting progress to a monitor.
 */
final class Generation {
  /** Bytes generated at once: large enough to amortise calls, small enough to stay in cache. */
  static final int CHUNK_BYTES = 1 << 20;

  /** The largest logical block a device may have; chunk buffers are a multiple of it. */
  private static final int MAX_BLOCK_BYTES = 4096;

  /** Where chunks go. */
  interface Sink {
    /**
     * Takes the first {@code length} bytes of {@code chunk} (whose capacity is a multiple of 4096
     * bytes, so a sink may pad in place) and returns the modeled device nanoseconds it took, or
     * {@link Sample#NO_MODELED_TIME}.
     */
    long accept(byte[] chunk, int length) throws IOException;
  }

  private Generation() {}

  /** Generates the whole dataset into {@code sink}; returns its SHA-256 in lowercase hex. */
  static String run(DatasetSpec spec, ThroughputMonitor monitor, String operation, Sink sink)
      throws IOException {
    Cursor cursor = spec.generator().cursor(spec);
    MessageDigest sha256 = sha256();
    byte[] chunk = new byte[chunkCapacity(spec.sizeBytes())];
    try (Progress progress = monitor.start(operation, spec.sizeBytes())) {
      long left = spec.sizeBytes();
      while (left > 0) {
        int n = (int) Math.min(chunk.length, left);
        cursor.fill(chunk, 0, n);
        sha256.update(chunk, 0, n);
        long modeledNanos = sink.accept(chunk, n);
        progress.advance(n, modeledNanos);
        left -= n;
      }
    }
    return HexFormat.of().formatHex(sha256.digest());
  }

  /** A chunk buffer for a dataset of {@code sizeBytes}: at most 1 MiB, a multiple of 4096. */
  static int chunkCapacity(long sizeBytes) {
    long rounded = (sizeBytes + MAX_BLOCK_BYTES - 1) / MAX_BLOCK_BYTES * MAX_BLOCK_BYTES;
    return (int) Math.min(CHUNK_BYTES, Math.max(rounded, MAX_BLOCK_BYTES));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(
          "this JVM has no SHA-256, which every Java SE platform must provide", e);
    }
  }
}
