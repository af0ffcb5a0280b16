package org.csdlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.csdlab.ebpf.Engine;
import org.csdlab.lab.json.LabJsonException;
import org.junit.jupiter.api.Test;

/** {@code Lab.builder().engine(...)}: the engine of the drive's kernels and the workbench. */
class LabEngineTest {

  private static Lab lab(Engine engine) {
    return Lab.builder().geometry(Seeded.smallGeometry()).engine(engine).build();
  }

  @Test
  void theDrivesKernelsRunOnTheLabsEngineWithTheSameAnswersAndModeledTimes() {
    Lab interpreting = lab(Engine.INTERPRETER);
    Lab compiling = lab(Engine.JIT);
    byte[] readings = Seeded.readings(3 * 64 * 1024, 11); // three zones of 256 KiB
    Extent onInterpreter = interpreting.device().store(0, readings);
    Extent onJit = compiling.device().store(0, readings);

    CsdRun interpreted = interpreting.csd().countU32Above(onInterpreter, Lab.RAND_MAX / 2);
    CsdRun compiled = compiling.csd().countU32Above(onJit, Lab.RAND_MAX / 2);

    assertEquals(Engine.INTERPRETER, interpreting.csd().raw().engine());
    assertEquals(Engine.INTERPRETER, interpreting.csd().countKernel().engine());
    assertEquals(Optional.empty(), interpreting.csd().countKernel().interpretedBecause());
    assertEquals(Engine.JIT, compiling.csd().raw().engine());
    assertEquals(Engine.JIT, compiling.csd().countKernel().engine());
    assertTrue(
        compiling.csd().countKernel().toString().endsWith(" instructions, JIT]"),
        compiling.csd().countKernel().toString());
    assertEquals(Seeded.countAbove(readings, Lab.RAND_MAX / 2), compiled.value());
    assertEquals(interpreted.value(), compiled.value());
    assertEquals(interpreted.instructions(), compiled.instructions());
    assertEquals(interpreted.modeledNanos(), compiled.modeledNanos());
    assertEquals(interpreted.computeNanos(), compiled.computeNanos());
    assertEquals(interpreted.mediaBytesRead(), compiled.mediaBytesRead());
  }

  @Test
  void aKernelOnTheJitSaysSoOnItsPanel() {
    Xhtml html = Xhtml.parse(lab(Engine.JIT).csd().countKernel().toHtml());
    assertTrue(
        html.text("/div/div/div[1]").endsWith("(loaded on the drive, verified; runs on the JIT)"),
        html.text("/div/div/div[1]"));
    Xhtml auto = Xhtml.parse(lab(Engine.AUTO).csd().assemble("answer", "r0 = 0\nexit").toHtml());
    assertTrue(
        auto.text("/div/div/div[1]")
            .endsWith(
                "runs on the interpreter: the program has no loop, so it runs too briefly to pay"
                    + " for compiling)"),
        auto.text("/div/div/div[1]"));
  }

  @Test
  void theDefaultIsAutoAndTheConfigurationKeepsTheEngine() {
    Lab lab = Lab.create();
    assertEquals(Engine.AUTO, lab.config().engine());
    assertEquals(Engine.AUTO, lab.csd().raw().engine());
    LabConfig jit = lab(Engine.JIT).config();
    assertEquals(Engine.JIT, jit.engine());
    assertTrue(jit.toJson().contains("\"engine\" : \"JIT\""), jit.toJson());
    assertEquals(jit, LabConfig.fromJson(jit.toJson()));
    assertEquals(Engine.JIT, Lab.fromConfig(jit).csd().raw().engine());
    assertEquals(Engine.JIT, Lab.fromConfig(jit).ebpf().engine());
    assertTrue(jit.toString().endsWith("; in memory; jit]"), jit.toString());
    assertTrue(lab.config().toString().endsWith("; in memory]"), lab.config().toString());
    assertEquals(
        "JIT",
        Xhtml.parse(jit.toHtml()).text("//tr[td[1]='engine']/td[2]"),
        "the configuration's panel names the engine");
  }

  @Test
  void aConfigurationSavedWithoutAnEngineLoadsWithAuto() {
    String json = lab(Engine.INTERPRETER).config().toJson();
    String withoutEngine = json.replaceAll(",\\s*\"engine\" : \"INTERPRETER\"", "");
    assertTrue(!withoutEngine.contains("engine"), withoutEngine);
    assertEquals(Engine.AUTO, LabConfig.fromJson(withoutEngine).engine());
    assertEquals(Engine.INTERPRETER, LabConfig.fromJson(json).engine());
  }

  @Test
  void anUnknownEngineInJsonNamesTheFieldAndANullOneIsRefusedByTheBuilder() {
    String json = lab(Engine.JIT).config().toJson().replace("\"JIT\"", "\"turbo\"");
    LabJsonException e = assertThrows(LabJsonException.class, () -> LabConfig.fromJson(json));
    assertEquals("engine", e.field());
    var f = assertThrows(IllegalArgumentException.class, () -> Lab.builder().engine(null));
    assertEquals(
        "Lab.builder().engine(engine): engine must be INTERPRETER, JIT or AUTO, not null",
        f.getMessage());
  }
}
