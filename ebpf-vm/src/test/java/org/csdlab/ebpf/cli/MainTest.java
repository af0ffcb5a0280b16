package org.csdlab.ebpf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void demoPrintsTheCollatzStepsOf27AndTheDisassembly() {
        assertEquals(0, run("demo"));
        assertTrue(out().contains("r0 = 111   (the same as Java computes)"), out());
        assertTrue(out().contains("   12: 95 00 00 00 00 00 00 00   exit"), out());
        assertTrue(out().contains("if r1 <= 1 goto +9     ; to 12"), out());
    }

    @Test
    void demoTakesTheStartingNumber() {
        assertEquals(0, run("demo", "97"));
        assertTrue(out().contains("r0 = 118 "), out());
    }

    @Test
    void demoRefusesANumberOutOfRangeWithOneLine() {
        assertEquals(1, run("demo", "0"));
        assertEquals("csdlab demo: n must be between 1 and 1000000000000, got 0", err().strip());
    }

    @Test
    void collatzReferenceMatchesKnownCounts() {
        assertEquals(0, Demo.collatzSteps(1));
        assertEquals(1, Demo.collatzSteps(2));
        assertEquals(111, Demo.collatzSteps(27));
    }

    @Test
    void versionNamesTheJdkHome() {
        assertEquals(0, run("--version"));
        String[] lines = out().split("\\R");
        assertEquals(2, lines.length, out());
        assertTrue(lines[0].startsWith("csdlab "), lines[0]);
        assertTrue(lines[1].startsWith("JDK " + Runtime.version()), lines[1]);
        assertTrue(lines[1].endsWith(" at " + System.getProperty("java.home")), lines[1]);
    }

    @Test
    void unknownCommandExitsWithStatus2AndUsage() {
        assertEquals(2, run("frobnicate"));
        assertTrue(err().startsWith("csdlab: unknown command 'frobnicate'"), err());
        assertTrue(err().contains("Usage: csdlab COMMAND"), err());
    }

    @Test
    void helpListsTheCommands() {
        assertEquals(0, run("--help"));
        assertTrue(out().contains("demo"), out());
        assertTrue(out().contains("--version"), out());
    }
}
