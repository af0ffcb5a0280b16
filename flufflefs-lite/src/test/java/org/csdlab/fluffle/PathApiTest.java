package org.csdlab.fluffle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PathApiTest {
  private FluffleFs fs;

  @BeforeEach
  void format() {
    fs = FluffleFs.format(TestDevices.memory(TestDevices.small()), FormatOptions.defaults());
  }

  @Test
  void createMkdirListAndStat() {
    fs.mkdir("/a");
    fs.mkdir("/a/b");
    fs.create("/a/x");
    fs.create("/z");
    assertEquals(List.of("a", "z"), fs.list("/"));
    assertEquals(List.of("b", "x"), fs.list("/a"));
    assertEquals(List.of(), fs.list("/a/b/"));
    FileStat x = fs.stat("/a/x");
    assertEquals(FileType.FILE, x.type());
    assertEquals(0, x.sizeBytes());
    assertTrue(x.inode() > 1);
    assertTrue(x.modifiedNanos() > 0);
    assertEquals(FileType.DIRECTORY, fs.stat("/a/b").type());
    assertEquals(1, fs.stat("/").inode());
    assertTrue(fs.exists("/a/b"));
    assertFalse(fs.exists("/a/q"));
    assertFalse(fs.exists("/z/q"));
  }

  @Test
  void statTracksSizeAndModificationTime() throws Exception {
    try (FileHandle h = fs.open("/f", OpenMode.CREATE)) {
      long before = fs.stat("/f").modifiedNanos();
      Thread.sleep(2);
      h.write(0, new byte[5000]);
      FileStat s = fs.stat("/f");
      assertEquals(5000, s.sizeBytes());
      assertTrue(s.modifiedNanos() > before);
      assertEquals(h.inode(), s.inode());
    }
  }

  @Test
  void missingPathsAreReportedWithTheMissingPart() {
    NoSuchPathException e = assertThrows(NoSuchPathException.class, () -> fs.create("/no/f"));
    assertEquals("/no/f", e.path());
    assertTrue(e.getMessage().contains("/no"), e.getMessage());
    assertThrows(NoSuchPathException.class, () -> fs.open("/nothing"));
    assertThrows(NoSuchPathException.class, () -> fs.stat("/nothing"));
    assertThrows(NoSuchPathException.class, () -> fs.unlink("/nothing"));
    assertThrows(NoSuchPathException.class, () -> fs.rmdir("/nothing"));
    assertThrows(NoSuchPathException.class, () -> fs.rename("/nothing", "/b"));
    assertThrows(NoSuchPathException.class, () -> fs.list("/nothing"));
  }

  @Test
  void existingPathsAreRefused() {
    fs.create("/f");
    fs.mkdir("/d");
    assertThrows(PathExistsException.class, () -> fs.create("/f"));
    assertThrows(PathExistsException.class, () -> fs.mkdir("/f"));
    assertThrows(PathExistsException.class, () -> fs.create("/d"));
    assertThrows(PathExistsException.class, () -> fs.mkdir("/"));
    assertThrows(PathExistsException.class, () -> fs.open("/f", OpenMode.CREATE_NEW));
  }

  @Test
  void filesAreNotDirectoriesAndDirectoriesAreNotFiles() {
    fs.create("/f");
    fs.mkdir("/d");
    assertThrows(NotADirectoryException.class, () -> fs.create("/f/x"));
    assertThrows(NotADirectoryException.class, () -> fs.list("/f"));
    assertThrows(NotADirectoryException.class, () -> fs.rmdir("/f"));
    assertThrows(NotADirectoryException.class, () -> fs.stat("/f/x/y"));
    assertThrows(IsADirectoryException.class, () -> fs.unlink("/d"));
    assertThrows(IsADirectoryException.class, () -> fs.open("/d"));
    assertThrows(IsADirectoryException.class, () -> fs.snapshot("/d"));
  }

  @Test
  void rmdirRefusesNonEmptyDirectoriesAndTheRoot() {
    fs.mkdir("/d");
    fs.create("/d/f");
    DirectoryNotEmptyException e =
        assertThrows(DirectoryNotEmptyException.class, () -> fs.rmdir("/d"));
    assertTrue(e.getMessage().contains("\"f\""), e.getMessage());
    assertThrows(FsException.class, () -> fs.rmdir("/"));
    fs.unlink("/d/f");
    fs.rmdir("/d");
    assertEquals(List.of(), fs.list("/"));
  }

  @Test
  void namesLongerThan255BytesAreRefused() {
    String ok = "n".repeat(255);
    fs.create("/" + ok);
    assertThrows(NameTooLongException.class, () -> fs.create("/" + "n".repeat(256)));
    // 128 two-byte characters: 256 bytes in UTF-8
    assertThrows(NameTooLongException.class, () -> fs.mkdir("/" + "é".repeat(128)));
    assertEquals(List.of(ok), fs.list("/"));
  }

  @Test
  void malformedPathsAreRefused() {
    for (String bad : new String[] {"", "a", "//", "/a//b", "/a/./b", "/..", "/a\0b"}) {
      assertThrows(InvalidPathException.class, () -> fs.create(bad), bad);
    }
    assertThrows(InvalidPathException.class, () -> fs.create(null));
  }

  @Test
  void renameMovesAndReplacesFiles() {
    fs.mkdir("/d");
    try (FileHandle h = fs.open("/a", OpenMode.CREATE)) {
      h.write(0, "alpha".getBytes());
    }
    try (FileHandle h = fs.open("/d/b", OpenMode.CREATE)) {
      h.write(0, "beta-beta".getBytes());
    }
    long ino = fs.stat("/a").inode();
    fs.rename("/a", "/d/b");
    assertEquals(List.of("d"), fs.list("/"));
    assertEquals(List.of("b"), fs.list("/d"));
    assertEquals(ino, fs.stat("/d/b").inode());
    try (FileHandle h = fs.open("/d/b")) {
      assertArrayEquals("alpha".getBytes(), h.read(0, 100));
    }
    assertTrue(fs.check().ok(), fs.check().problems().toString());
  }

  @Test
  void renameOfDirectories() {
    fs.mkdir("/a");
    fs.create("/a/f");
    fs.mkdir("/empty");
    fs.mkdir("/full");
    fs.create("/full/x");
    fs.create("/file");
    assertThrows(FsException.class, () -> fs.rename("/a", "/a/sub"));
    assertThrows(NotADirectoryException.class, () -> fs.rename("/a", "/file"));
    assertThrows(IsADirectoryException.class, () -> fs.rename("/file", "/empty"));
    assertThrows(DirectoryNotEmptyException.class, () -> fs.rename("/a", "/full"));
    fs.rename("/a", "/empty");
    assertEquals(List.of("f"), fs.list("/empty"));
    fs.rename("/empty", "/full/moved");
    assertEquals(List.of("moved", "x"), fs.list("/full"));
    assertEquals(List.of("f"), fs.list("/full/moved"));
    fs.rename("/full/x", "/full/x");
    assertTrue(fs.exists("/full/x"));
    assertTrue(fs.check().ok(), fs.check().problems().toString());
  }

  @Test
  void handlesOfRemovedFilesAreRefused() {
    FileHandle h = fs.open("/f", OpenMode.CREATE);
    fs.unlink("/f");
    assertThrows(NoSuchPathException.class, () -> h.write(0, new byte[1]));
    FileHandle closed = fs.open("/g", OpenMode.CREATE);
    closed.close();
    assertThrows(FsException.class, () -> closed.size());
  }

  @Test
  void unmountedFilesystemRefusesCalls() {
    fs.unmount();
    assertFalse(fs.isMounted());
    FsException e = assertThrows(FsException.class, () -> fs.create("/f"));
    assertTrue(e.getMessage().contains("unmounted"), e.getMessage());
    fs.unmount(); // twice is fine
  }

  @Test
  void openModes() {
    try (FileHandle h = fs.open("/f", OpenMode.CREATE)) {
      h.write(0, new byte[100]);
    }
    try (FileHandle h = fs.open("/f", OpenMode.CREATE)) {
      assertEquals(100, h.size());
    }
    try (FileHandle h = fs.open("/f", OpenMode.TRUNCATE)) {
      assertEquals(0, h.size());
    }
    try (FileHandle h = fs.open("/new", OpenMode.TRUNCATE)) {
      assertEquals(0, h.size());
    }
  }
}
