package org.csdlab.zns.csd;

import static org.csdlab.zns.csd.CsdTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.csdlab.ebpf.elf.DataRegion;
import org.csdlab.ebpf.elf.ElfObject;
import org.csdlab.ebpf.elf.LoadedProgram;
import org.csdlab.ebpf.asm.Assembler;
import org.csdlab.zns.ZnsDevice;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The C kernels of tutorials/programs, from their committed objects. */
class CsdElfKernelTest {
    static final Path TUTORIALS = Path.of("..", "tutorials");
    static final Path COUNT_U32 = TUTORIALS.resolve("programs/count_u32.o");

    @Test
    void countU32KernelMatchesTheHostAnswer() {
        ZnsDevice device = device();
        byte[] zone1 = dataset(11, 32);
        device.append(GEOMETRY.zoneStartLba(1), zone1);
        device.append(GEOMETRY.zoneStartLba(0), dataset(12, 32));
        CsdKernel kernel = ComputationalStorage.of(device).load(ElfObject.read(COUNT_U32).program(".text"));

        CsdResult result = kernel.run(u64(1));
        assertEquals(0, result.r0(), result.toString());
        assertEquals(countAboveHalf(zone1), result.returnedLong());
        assertEquals(8, result.hostBytes());
        assertEquals(GEOMETRY.zoneCapacityBytes(), result.mediaBytesRead());

        assertEquals(countAboveHalf(dataset(12, 32)), kernel.run().returnedLong());
        assertEquals(OpenCsdHelpers.EINVAL, (int) kernel.run(u64(9)).r0());
    }

    @Test
    void loadedProgramDataRegionsStayAvailable() {
        LoadedProgram program = new LoadedProgram("data", Assembler.assemble("call 4\nexit"),
                List.of(new DataRegion(".rodata", new byte[] {1, 2}, false)));
        CsdKernel kernel = ComputationalStorage.of(device()).load(program);
        assertEquals(4096, kernel.run().r0());
        assertTrue(kernel.toString().contains("data"));
    }

    /** The committed object is what the source compiles to (skipped where clang is missing). */
    @Test
    void committedObjectMatchesItsSource(@TempDir Path dir) throws IOException, InterruptedException {
        Path out = dir.resolve("count_u32.o");
        Process clang;
        try {
            clang = new ProcessBuilder("clang", "-target", "bpf", "-O2", "-g0", "-I", TUTORIALS.resolve("include").toString(),
                    "-c", TUTORIALS.resolve("programs/count_u32.c").toString(), "-o", out.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException noClang) {
            Assumptions.abort("clang is not installed");
            return;
        }
        String log = new String(clang.getInputStream().readAllBytes());
        assertTrue(clang.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, clang.exitValue(), log);
        assertEquals(ElfObject.read(COUNT_U32).program(".text").program(),
                ElfObject.parse(Files.readAllBytes(out)).program(".text").program());
    }
}
