/**
 * A deterministic modeled clock for a ZNS SSD, in the spirit of FEMU and NVMeVirt: a {@link
 * org.csdlab.zns.timing.TimingProfile} describes the drive (channels, dies, latencies, bandwidths),
 * a {@link org.csdlab.zns.timing.TimingModel} turns each command into a modeled completion time,
 * and a {@link org.csdlab.zns.timing.ModeledClock} drives it for synchronous callers. Modeled time
 * depends only on the sequence of commands, never on the host.
 *
 * <p>A device holds one model (or one clock) and, for each command it accepts, passes the zone
 * index and the byte range inside the zone — {@code (lba - zoneStartLba) × blockSize} and {@code
 * blocks × blockSize}; an append passes the offset its data landed at. Commands that fail are not
 * passed on, so they cost no modeled time.
 *
 * <pre>{@code
 * var clock = ModeledClock.of(TimingProfile.named("tlc-zns"));
 * long latencyNanos = clock.write(zone, offsetBytes, lengthBytes);
 * long nowNanos = clock.now();
 * }</pre>
 */
package org.csdlab.zns.timing;
