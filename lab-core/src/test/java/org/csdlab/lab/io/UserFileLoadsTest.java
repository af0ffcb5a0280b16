package org.csdlab.lab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.csdlab.lab.Comparison;
import org.csdlab.lab.Lab;
import org.csdlab.lab.LabConfig;
import org.csdlab.lab.json.LabJsonException;
import org.csdlab.lab.tutorial.TutorialSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab's own loads (configurations, results, tutorials, ELF objects) go through {@link
 * InputFile} too.
 */
class UserFileLoadsTest {
  @TempDir Path dir;

  @Test
  void jsonLoadsRefuseDevicesAndFifos() throws Exception {
    Path zero = SpecialFiles.devZero();
    LabJsonException config = assertThrows(LabJsonException.class, () -> LabConfig.load(zero));
    assertEquals("/dev/zero: is a character device, not a regular file", config.getMessage());
    Path fifo = SpecialFiles.fifo(dir, "results.json");
    LabJsonException results = assertThrows(LabJsonException.class, () -> Comparison.load(fifo));
    assertEquals(fifo + ": is a FIFO (named pipe), not a regular file", results.getMessage());
    assertEquals(InputFileException.class, results.getCause().getClass());
  }

  @Test
  void tutorialSourcesAndElfObjectsRefuseThemToo() throws Exception {
    Path fifo = SpecialFiles.fifo(dir, "01-hello.jsh");
    assertEquals(
        "tutorial source " + fifo + " is a FIFO (named pipe), not a regular file",
        assertThrows(InputFileException.class, () -> TutorialSource.read(fifo)).getMessage());
    Lab lab = Lab.create();
    Path zero = SpecialFiles.devZero();
    assertEquals(
        "program file /dev/zero is a character device, not a regular file",
        assertThrows(InputFileException.class, () -> lab.ebpf().load(zero)).getMessage());
    assertEquals(
        "program file " + fifo + " is a FIFO (named pipe), not a regular file",
        assertThrows(InputFileException.class, () -> lab.csd().load(fifo)).getMessage());
  }
}
