package org.csdlab.zns.csd;

import java.util.Arrays;
import java.util.function.LongPredicate;
import org.csdlab.ebpf.ExecutionResult;
import org.csdlab.ebpf.FuelExhaustedException;
import org.csdlab.ebpf.Vm;

/**
 * A kernel loaded into a {@link ComputationalStorage}, ready to run as often as needed. Each run
 * starts as OpenCSD starts one ({@link OpenCsdHelpers}): r1 = the address of the kernel memory, r2
 * = its size, the call information copied to its start. Unlike OpenCSD, the memory is zeroed and
 * the return data empty at the start of each run, so runs do not depend on earlier ones. One run at
 * a time: a kernel is not thread-safe.
 */
public final class CsdKernel {
  private final ComputationalStorage csd;
  private final String name;
  private final byte[] memory;
  private final CsdSession session;
  private final Vm vm;
  private final long memoryAddress;
  private final KernelVerdicts verdicts;

  /** A kernel built without the verifier, for tests of what it runs. */
  CsdKernel(ComputationalStorage csd, String name, Vm.Builder builder) {
    this(csd, name, builder, KernelVerdicts.acceptingEveryRun());
  }

  CsdKernel(ComputationalStorage csd, String name, Vm.Builder builder, KernelVerdicts verdicts) {
    this.csd = csd;
    this.verdicts = verdicts;
    this.name = name;
    this.memory = new byte[csd.memoryBytes()];
    this.session =
        new CsdSession(
            csd.device(),
            memory.length,
            csd.debugLineLimit(),
            csd.debugByteLimit(),
            csd.refusalLimit());
    session.memory = memory;
    this.vm =
        builder
            .region(ComputationalStorage.MEMORY_REGION, memory)
            .helpers(OpenCsdHelpers.registry(session))
            .fuel(csd.fuel())
            .engine(csd.engine())
            .build();
    this.memoryAddress = vm.addressOf(ComputationalStorage.MEMORY_REGION);
    session.memoryAddress = () -> memoryAddress;
  }

  /**
   * How to raise a kernel's fuel limit on a drive built directly, named when a kernel runs out of
   * fuel.
   */
  public static final String FUEL_LIMIT_ADVICE = "ComputationalStorage.builder(device).fuel(n)";

  /** Runs with no call information. */
  public CsdResult run() {
    return run(new byte[0]);
  }

  /**
   * Runs with {@code callInfo} copied to the start of the kernel memory, where {@code
   * get_call_info} points; {@code get_mem_info} gives the memory after it.
   *
   * @throws CallInfoTooLargeException the call information does not fit the kernel memory (OpenCSD
   *     refuses such a run with -ENOMEM), or is more than the drive's {@link
   *     ComputationalStorage#maxCallInfoBytes()} its kernels were verified for; nothing runs
   * @throws org.csdlab.ebpf.verifier.VerificationException the kernel, not proved safe for every
   *     run when it was loaded, is refused for a run with this much call information (see {@link
   *     ComputationalStorage#verify(org.csdlab.ebpf.Program, int)}); nothing runs
   */
  public synchronized CsdResult run(byte[] callInfo) {
    if (callInfo.length > csd.maxCallInfoBytes()) {
      throw new CallInfoTooLargeException(callInfo.length, memory.length, csd.maxCallInfoBytes());
    }
    verdicts.requireRun(callInfo.length);
    Arrays.fill(memory, (byte) 0);
    System.arraycopy(callInfo, 0, memory, 0, callInfo.length);
    session.begin(callInfo.length);
    ExecutionResult result;
    try {
      result = vm.runWithArguments(memoryAddress, memory.length);
    } catch (FuelExhaustedException e) {
      throw e.withLimitAdvice(FUEL_LIMIT_ADVICE);
    }
    byte[] returned = session.returnData;
    long compute = csd.computeNanos(result.instructionsExecuted());
    long link = csd.device().timing().linkTransferNanos(returned.length);
    return new CsdResult(
        returned,
        result.r0(),
        result.instructionsExecuted(),
        session.mediaBytesRead,
        session.mediaBytesWritten,
        returned.length,
        session.mediaNanos,
        compute,
        link,
        session.debug.lines(),
        session.debug.droppedLines(),
        session.refusals.kept(),
        session.refusals.dropped());
  }

  /**
   * Runs as {@link #run(byte[])} does, confined: the kernel may read only the LBAs {@code
   * readableLbas} accepts, and may not write. A read of any other LBA, or a write, stops the kernel
   * with a {@link org.csdlab.ebpf.HelperException} naming the LBA, before the device is touched; a
   * filesystem passes the blocks of the file a kernel works on.
   */
  public synchronized CsdResult run(byte[] callInfo, LongPredicate readableLbas) {
    java.util.Objects.requireNonNull(readableLbas, "readableLbas");
    session.readableLbas = readableLbas;
    try {
      return run(callInfo);
    } finally {
      session.readableLbas = null;
    }
  }

  /** The VM the kernel runs in. */
  public Vm vm() {
    return vm;
  }

  @Override
  public String toString() {
    return "CsdKernel[" + name + "]";
  }
}
