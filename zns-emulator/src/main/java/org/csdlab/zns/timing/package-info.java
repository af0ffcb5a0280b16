/**
 * A deterministic modeled clock for a ZNS SSD, in the spirit of FEMU and NVMeVirt: a {@link
 * org.csdlab.zns.timing.TimingProfile} describes the drive (channels, dies, latencies,
 * bandwidths), a {@link org.csdlab.zns.timing.TimingModel} turns each command into a modeled
 * completion time, and a {@link org.csdlab.zns.timing.ModeledClock} drives it for synchronous
 * callers. Modeled time depends only on the sequence of commands, never on the host.
 */
package org.csdlab.zns.timing;
