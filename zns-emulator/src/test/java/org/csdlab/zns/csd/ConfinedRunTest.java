package org.csdlab.zns.csd;

import static org.csdlab.zns.csd.CsdTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import org.csdlab.ebpf.HelperException;
import org.csdlab.ebpf.asm.Assembler;
import org.csdlab.zns.ZnsDevice;
import org.junit.jupiter.api.Test;

/** A confined run reads only the LBAs it is given and never writes. */
class ConfinedRunTest {
  @Test
  void aConfinedRunReadsItsBlocksLikeAnOpenOne() {
    ZnsDevice device = device();
    byte[] data = dataset(3, 32);
    device.append(GEOMETRY.zoneStartLba(1), data);
    CsdKernel kernel = ComputationalStorage.of(device).load(Assembler.assemble(countKernel(1)));
    long first = GEOMETRY.zoneStartLba(1);
    CsdResult result = kernel.run(new byte[0], lba -> lba >= first && lba < first + 32);
    assertEquals(countAboveHalf(data), result.returnedLong());
  }

  @Test
  void aReadOutsideTheGivenBlocksStopsTheKernelBeforeTheDeviceReads() {
    ZnsDevice device = device();
    device.append(GEOMETRY.zoneStartLba(1), dataset(3, 32));
    CsdKernel kernel = ComputationalStorage.of(device).load(Assembler.assemble(countKernel(1)));
    long allowed = GEOMETRY.zoneStartLba(1) + 3;
    long readBytesBefore = device.stats().bytes(org.csdlab.zns.CommandKind.READ);
    HelperException e =
        assertThrows(HelperException.class, () -> kernel.run(new byte[0], lba -> lba < allowed));
    assertTrue(
        e.getMessage().contains("lba " + allowed + " is outside the blocks this run may read"),
        e.getMessage());
    assertEquals(2, e.helperId());
    assertEquals(
        readBytesBefore + 3L * GEOMETRY.blockSizeBytes(),
        device.stats().bytes(org.csdlab.zns.CommandKind.READ),
        "the three allowed blocks were read, the refused one was not");
    // the same kernel runs unconfined afterwards: the confinement was for that run only
    assertEquals(countAboveHalf(dataset(3, 32)), kernel.run().returnedLong());
  }

  @Test
  void aConfinedReadOfAnUnwrittenBlockOutsideItsOwnStopsTheKernelInsteadOfReturningMinusOne() {
    ZnsDevice device = device();
    device.append(GEOMETRY.zoneStartLba(1), dataset(3, 2));
    CsdKernel kernel = ComputationalStorage.of(device).load(Assembler.assemble(countKernel(1)));
    long first = GEOMETRY.zoneStartLba(1);
    // sector 2 is not written: an open run gets -1, a confined one must not learn even that
    HelperException e =
        assertThrows(HelperException.class, () -> kernel.run(new byte[0], lba -> lba < first + 2));
    assertTrue(
        e.getMessage().contains("lba " + (first + 2) + " is outside the blocks"), e.getMessage());
  }

  @Test
  void aConfinedRunMayNotWrite() {
    ZnsDevice device = device();
    CsdKernel kernel =
        ComputationalStorage.of(device)
            .load(
                Assembler.assemble(
                    """
                r1 = r10
                r1 += -16
                r2 = r10
                r2 += -8
                call 7
                r1 = 0
                r2 = r10
                r2 += -24
                r3 = 0
                r4 = 4096
                r5 = *(u64 *)(r10 - 16)
                call 3
                exit
                """));
    HelperException e =
        assertThrows(HelperException.class, () -> kernel.run(new byte[0], lba -> true));
    assertTrue(e.getMessage().contains("may not write"), e.getMessage());
    assertEquals(0, device.zone(0).writePointer(), "nothing was appended");
  }
}
