package org.csdlab.lab.dataset;

import java.io.InputStream;
import java.util.Objects;

/** A dataset's bytes, generated a chunk at a time as they are read. */
final class DatasetInputStream extends InputStream {
  private final Cursor cursor;
  private final byte[] chunk;
  private long left;
  private int position;
  private int limit;

  DatasetInputStream(DatasetSpec spec) {
    this.cursor = spec.generator().cursor(spec);
    this.chunk = new byte[Generation.chunkCapacity(spec.sizeBytes())];
    this.left = spec.sizeBytes();
  }

  @Override
  public int read() {
    if (!ensure()) {
      return -1;
    }
    return chunk[position++] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    if (length == 0) {
      return 0;
    }
    if (!ensure()) {
      return -1;
    }
    int n = Math.min(length, limit - position);
    System.arraycopy(chunk, position, buffer, offset, n);
    position += n;
    return n;
  }

  @Override
  public int available() {
    return limit - position;
  }

  /** Generates the next chunk when this one is used up; false at the end. */
  private boolean ensure() {
    if (position < limit) {
      return true;
    }
    if (left == 0) {
      return false;
    }
    limit = (int) Math.min(chunk.length, left);
    cursor.fill(chunk, 0, limit);
    left -= limit;
    position = 0;
    return true;
  }
}
