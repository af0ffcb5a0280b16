/**
 * eBPF kernels bound to files: the call information a kernel reads ({@link
 * org.csdlab.fluffle.kernel.FlfsCallDescriptor}, FluffleFS's {@code flfs_call} and the LBAs of
 * the request), and the confined run of a kernel on a file's blocks ({@link
 * org.csdlab.fluffle.kernel.FileKernelRunner}). The C side is {@code tutorials/include/flfs_helpers.h}.
 */
package org.csdlab.fluffle.kernel;
