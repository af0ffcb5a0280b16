package org.csdlab.zns.csd;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.csdlab.ebpf.AluOp;
import org.csdlab.ebpf.HelperPrototype;
import org.csdlab.ebpf.HelperRegistry;
import org.csdlab.ebpf.Instruction;
import org.csdlab.ebpf.Program;
import org.csdlab.ebpf.Register;
import org.junit.jupiter.api.Test;

/** The opencsd helpers the VM runs are exactly those whose prototypes the CSD's verifier checks. */
class OpenCsdHelpersTest {

    private static Program callingWithAllArguments(int id) {
        List<Instruction> out = new ArrayList<>();
        for (int r = 1; r <= HelperPrototype.MAX_ARGS; r++) {
            out.add(AluOp.MOV.imm(Register.of(r), 0));
        }
        out.add(Instruction.call(id));
        out.add(AluOp.MOV.imm(Register.R0, 0));
        out.add(Instruction.exit());
        return Program.of(out);
    }

    @Test
    void theRegistryTheVmRunsHasThePrototypesTheVerifierChecks() {
        HelperRegistry registry = OpenCsdHelpers.registry(new CsdSession(CsdTestSupport.device(), 4096));
        assertEquals(OpenCsdHelpers.prototypes(), registry.prototypes());
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9), List.copyOf(registry.entries().keySet()));
    }

    @Test
    void everyHelperTheVmRunsIsAcceptedWhenLoading() {
        ComputationalStorage csd = ComputationalStorage.of(CsdTestSupport.device());
        HelperRegistry registry = OpenCsdHelpers.registry(new CsdSession(CsdTestSupport.device(), 4096));
        registry.entries().forEach((id, entry) ->
                assertDoesNotThrow(() -> csd.load(callingWithAllArguments(id)), id + " " + entry.name()));
    }
}
