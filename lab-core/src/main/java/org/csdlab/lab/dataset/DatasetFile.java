package org.csdlab.lab.dataset;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A dataset written to a file.
 *
 * @param spec what was generated
 * @param path the file
 * @param sizeBytes the file's length
 * @param sha256 SHA-256 of the file, lowercase hex
 */
public record DatasetFile(DatasetSpec spec, Path path, long sizeBytes, String sha256) {

  public DatasetFile {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(sha256, "sha256");
  }

  @Override
  public String toString() {
    return "DatasetFile[" + spec + " at " + path + ", sha256=" + sha256.substring(0, 12) + "...]";
  }
}
