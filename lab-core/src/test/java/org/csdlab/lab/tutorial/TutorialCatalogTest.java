package org.csdlab.lab.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TutorialCatalogTest {

  @TempDir Path root;

  private void tutorial(String name, String text) throws IOException {
    Path dir = Files.createDirectories(root.resolve("tutorials").resolve(name));
    Files.writeString(dir.resolve(Tutorial.SCRIPT), text);
  }

  @Test
  void findsNumberedTutorialsInOrderWithTitlesAndNotebookPaths() throws IOException {
    tutorial("02-zones", "//md # Zones\nint a;\n");
    tutorial("01-hello", "//md # Hello\nint b;\n");
    Files.createDirectories(root.resolve("tutorials/programs"));
    Files.createDirectories(root.resolve("tutorials/03-no-script"));
    TutorialCatalog catalog = TutorialCatalog.of(root);
    List<Tutorial> all = catalog.all();
    assertEquals(2, all.size());
    assertEquals(1, all.get(0).number());
    assertEquals("Hello", all.get(0).title());
    assertEquals("01-hello", all.get(0).name());
    assertEquals(root.toAbsolutePath().resolve("notebooks/02-zones.ipynb"), all.get(1).notebook());
    assertEquals("Zones", catalog.get(2).title());
  }

  @Test
  void unknownNumberNamesTheTutorialsThatExist() throws IOException {
    tutorial("01-hello", "//md # Hello\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TutorialCatalog.of(root).get(7));
    assertEquals("there is no tutorial 7; the tutorials are 1", e.getMessage());
  }

  @Test
  void twoTutorialsWithOneNumberAreRefused() throws IOException {
    tutorial("01-hello", "//md # Hello\n");
    tutorial("01-again", "//md # Again\n");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> TutorialCatalog.of(root));
    assertTrue(e.getMessage().contains("two tutorials have number 1"), e.getMessage());
  }

  @Test
  void filesMustExistInsideTheTutorialsDirectory() throws IOException {
    tutorial("01-hello", "//md # Hello\n");
    Files.writeString(
        Files.createDirectories(root.resolve("tutorials/programs")).resolve("k.o"), "x");
    TutorialCatalog catalog = TutorialCatalog.of(root);
    assertEquals(
        root.toAbsolutePath().resolve("tutorials/programs/k.o"), catalog.file("programs/k.o"));
    assertThrows(IllegalArgumentException.class, () -> catalog.file("programs/missing.o"));
    assertThrows(IllegalArgumentException.class, () -> catalog.file("../pom.xml"));
  }

  @Test
  void aDirectoryWithoutTutorialsIsAnError() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TutorialCatalog.of(root));
    assertTrue(e.getMessage().startsWith("no tutorials directory in "), e.getMessage());
  }
}
