/**
 * An emulated NVMe Zoned Namespace (ZNS) SSD that behaves as the NVMe Zoned Namespace Command Set
 * (rev 1.1) says: zone states and transitions, open and active resource limits, the spec's status
 * codes, backends, a deterministic timing model and fault injection.
 *
 * <p>Where the spec leaves a choice to the controller, the device answers as QEMU's ZNS namespace
 * does, and the choice is a {@link org.csdlab.zns.ZnsDevice.Builder} setting where QEMU has one:
 * reads across zone boundaries (RAZB, off), Deallocated or Unwritten Logical Block errors (DULBE,
 * off), the transfer limits MDTS and ZASL (1 GiB). Every refusal completes with the status code the
 * spec gives (see {@link org.csdlab.zns.StatusCode}, which also says which set Do Not Retry).
 */
package org.csdlab.zns;
