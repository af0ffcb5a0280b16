package org.csdlab.fluffle.kernel;

import java.util.Objects;
import org.csdlab.ebpf.FuelExhaustedException;
import org.csdlab.ebpf.HelperException;
import org.csdlab.ebpf.VmExecutionException;
import org.csdlab.zns.csd.CsdKernel;
import org.csdlab.zns.csd.CsdResult;

/**
 * Runs a kernel on a file's blocks: lays out the call information, confines the kernel to the LBAs
 * of the call (it may read them and nothing else, and may not write; a hole, LBA 0, is no block it
 * may read), and turns every way the kernel can fail into a {@link KernelIoException}. A negative
 * r0 (as a 32-bit int, as OpenCSD reads it) is the kernel's error: FluffleFS answers the read with
 * EIO, and so does this (the exception is an I/O error).
 */
public final class FileKernelRunner {
  private FileKernelRunner() {}

  /**
   * Runs {@code kernel} with {@code call} on the file at {@code path} (named in errors).
   *
   * @return the run's result; its return data is the kernel's answer
   * @throws KernelIoException the kernel read outside the call's LBAs, wrote, ran out of fuel,
   *     faulted, or returned a negative value
   */
  public static CsdResult run(CsdKernel kernel, String path, FlfsCall call) {
    Objects.requireNonNull(kernel, "kernel");
    Objects.requireNonNull(call, "call");
    byte[] info = FlfsCallDescriptor.encode(call);
    CsdResult result;
    try {
      result = kernel.run(info, call.readableLbas());
    } catch (FuelExhaustedException e) {
      throw new KernelIoException(
          path,
          kernel.toString(),
          "ran out of fuel after "
              + e.fuel()
              + " instructions (a loop that never ends, or a request too large for the limit)",
          e);
    } catch (HelperException e) {
      throw new KernelIoException(path, kernel.toString(), "was stopped: " + e.getMessage(), e);
    } catch (VmExecutionException e) {
      throw new KernelIoException(path, kernel.toString(), "faulted: " + e.getMessage(), e);
    }
    int status = (int) result.r0();
    if (status < 0) {
      throw new KernelIoException(
          path,
          kernel.toString(),
          "returned error " + status + errnoName(status) + " for " + call + refusalNote(result),
          null);
    }
    return result;
  }

  /**
   * Helpers answer every failure with -1, as OpenCSD's do; the reason the device recorded for the
   * first one is what the user needs to see.
   */
  private static String refusalNote(CsdResult result) {
    if (result.refusals().isEmpty()) {
      return "";
    }
    long refused = result.refusals().size() + result.refusalsDropped();
    return "; "
        + refused
        + (refused == 1 ? " helper call" : " helper calls")
        + " returned -1, the first: "
        + result.refusals().get(0);
  }

  private static String errnoName(int status) {
    return switch (status) {
      case -22 -> " (EINVAL)";
      case -5 -> " (EIO)";
      case -28 -> " (ENOSPC)";
      default -> "";
    };
  }
}
