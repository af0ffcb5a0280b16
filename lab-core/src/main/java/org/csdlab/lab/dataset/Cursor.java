package org.csdlab.lab.dataset;

/** Produces a dataset's bytes in order. */
interface Cursor {

  /**
   * Writes the next {@code length} bytes of the dataset into {@code buffer} at {@code offset};
   * {@code length} is a multiple of the generator's {@linkplain Generator#granuleBytes() granule}.
   */
  void fill(byte[] buffer, int offset, int length);
}
