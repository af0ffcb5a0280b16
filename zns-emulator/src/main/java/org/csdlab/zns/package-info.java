/**
 * An emulated NVMe Zoned Namespace (ZNS) SSD that behaves as the NVMe Zoned Namespace Command Set
 * (rev 1.1) says: zone states and transitions, open and active resource limits, the spec's status
 * codes, backends, a deterministic timing model and fault injection.
 */
package org.csdlab.zns;
