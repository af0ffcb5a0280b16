package org.csdlab.zns.csd;

/**
 * The same data read the ordinary way: the device reads it and sends all of it over the host link.
 *
 * @param data the bytes read
 * @param hostBytes bytes that crossed the host link ({@code data.length})
 * @param modeledNanos modeled time of the read commands, host-link transfer included (the device's
 *     timing model counts the link for reads)
 */
public record HostReadResult(byte[] data, long hostBytes, long modeledNanos) {

  @Override
  public String toString() {
    return "HostReadResult[" + hostBytes + " B to the host, modeled " + modeledNanos + " ns]";
  }
}
