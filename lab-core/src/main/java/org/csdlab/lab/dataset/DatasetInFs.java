package org.csdlab.lab.dataset;

import java.util.Objects;

/**
 * A dataset written into a file of a flufflefs-lite filesystem (fsynced, so it survives a power
 * cut).
 *
 * @param spec what was generated
 * @param path the file's absolute path in the filesystem
 * @param sizeBytes the file's length
 * @param sha256 SHA-256 of the bytes written, lowercase hex
 */
public record DatasetInFs(DatasetSpec spec, String path, long sizeBytes, String sha256) {

  public DatasetInFs {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(sha256, "sha256");
  }

  /** As {@code DatasetInFs[u32-readings 64.0 MiB seed 7 at /readings.bin, sha256=1f0c…]}. */
  @Override
  public String toString() {
    return "DatasetInFs[" + spec + " at " + path + ", sha256=" + sha256.substring(0, 12) + "...]";
  }
}
