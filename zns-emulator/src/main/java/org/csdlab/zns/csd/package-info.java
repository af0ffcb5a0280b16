/**
 * Computational storage on the emulated ZNS drive: {@link org.csdlab.zns.csd.ComputationalStorage}
 * runs eBPF kernels inside the device with the OpenCSD helper ABI ({@link
 * org.csdlab.zns.csd.OpenCsdHelpers}) and reports what they cost ({@link
 * org.csdlab.zns.csd.CsdResult}) beside the ordinary host read path ({@link
 * org.csdlab.zns.csd.HostReadResult}).
 */
package org.csdlab.zns.csd;
