package org.csdlab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.csdlab.lab.Lab;
import org.junit.jupiter.api.Test;

class JshellCommandTest {
  @Test
  void aPipedSessionSeesTheLabWithImportsDone() throws Exception {
    String session =
        String.join(
            "\n",
            "var p = Assembler.assemble(\"r0 = 6\\nr0 *= 7\\nexit\")",
            "Vm.of(p).run().r0()",
            "var dev = ZnsDevice.create()",
            "dev.append(0, new byte[3 * 4096])",
            "dev.zone(0).state()",
            "var lab = Lab.create()",
            "lab.ebpf().assemble(\"r0 = 7\\nexit\").run().r0()",
            "MiB.bytes()",
            "/exit 3",
            "");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status =
        JshellCommand.session(
            new ByteArrayInputStream(session.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(3, status, text);
    assertTrue(text.startsWith("csdlab "), text);
    assertTrue(text.contains("Three things to try"), text);
    assertTrue(text.contains("$2 ==> 42"), text);
    assertTrue(text.contains("$5 ==> IMPLICITLY_OPENED"), text);
    assertTrue(text.contains("lab ==> Lab["), text);
    assertTrue(text.contains("$7 ==> 7"), text);
    assertTrue(text.contains("$8 ==> 1048576"), text);
    assertTrue(!text.contains("Error:") && !text.contains("Exception"), text);
  }

  @Test
  void varLinesShowTheWholeValue() throws Exception {
    String session =
        "var lab = Lab.create()\nvar config = lab.config()\nvar s = \"x\".repeat(300)\n/exit\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JshellCommand.session(
        new ByteArrayInputStream(session.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);
    Lab lab = Lab.create();
    String config = lab.config().toString();
    assertTrue(
        config.length() > 80,
        "the value must be longer than JShell's normal truncation: " + config);
    assertTrue(text.contains("lab ==> " + lab + "\n"), text);
    assertTrue(text.contains("config ==> " + config + "\n"), text);
    assertTrue(text.contains("s ==> \"" + "x".repeat(300) + "\"\n"), text);
    assertFalse(text.contains(" ... "), text);
  }

  @Test
  void aFeedbackModeOfTheUsersOwnIsKept() {
    assertEquals(List.of(), JshellFeedback.choose(List.of("--feedback", "concise")));
    assertEquals(List.of(), JshellFeedback.choose(List.of("-q")));
    assertEquals(List.of("--feedback", "csdlab"), JshellFeedback.choose(List.of("-R-Dx=1")));
  }

  @Test
  void theWelcomeFitsOnOneScreen() {
    String welcome = JshellCommand.welcome();
    assertTrue(welcome.lines().count() <= 24, welcome);
    assertTrue(welcome.lines().allMatch(line -> line.length() <= 100), welcome);
  }
}
