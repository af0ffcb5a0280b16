package org.csdlab.fluffle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.csdlab.ebpf.verifier.VerifierOptions;
import org.csdlab.zns.csd.OpenCsdHelpers;
import org.junit.jupiter.api.Test;

/**
 * flufflefs-lite's kernels are verified by the volume's drive: with the opencsd helpers carrying
 * the drive's facts (its geometry, where get_mem_info and get_call_info point) and the drive's
 * kernel memory as their writable context, of its real size.
 */
class KernelVerifierDeclarationsTest {
  @Test
  void kernelsAreVerifiedWithTheDrivesKernelMemoryAsTheirContext() {
    FluffleFs fs = FluffleFs.format(TestDevices.memory(TestDevices.small()));
    VerifierOptions options = fs.csd().verifierOptions();
    assertEquals(fs.csd().memoryBytes(), options.contextSizeBytes());
    assertTrue(options.contextWritable());
    assertEquals(
        OpenCsdHelpers.prototypesFor(
            fs.device().geometry(), fs.csd().memoryBytes(), fs.csd().maxCallInfoBytes()),
        options.helpers());
  }
}
