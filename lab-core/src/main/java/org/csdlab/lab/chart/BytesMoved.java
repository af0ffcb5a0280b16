package org.csdlab.lab.chart;

import java.util.Objects;

/**
 * How many bytes one run moved: read from the flash inside the drive, and carried over the link to
 * the host. A host scan carries everything it reads; an offloaded scan carries its answer.
 *
 * @param run the run's name, e.g. {@code "host"} or {@code "drive (eBPF)"}
 * @param readOnDriveBytes bytes read from the media
 * @param hostLinkBytes bytes sent to the host
 */
public record BytesMoved(String run, long readOnDriveBytes, long hostLinkBytes) {

  public BytesMoved {
    Objects.requireNonNull(run, "run");
    if (readOnDriveBytes < 0 || hostLinkBytes < 0) {
      throw new IllegalArgumentException(
          "bytes moved by '"
              + run
              + "' must be at least 0, were readOnDrive="
              + readOnDriveBytes
              + ", hostLink="
              + hostLinkBytes);
    }
  }
}
