package org.csdlab.lab;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.csdlab.ebpf.elf.LoadedProgram;
import org.csdlab.fluffle.FileHandle;
import org.csdlab.fluffle.FileStat;
import org.csdlab.lab.display.Html;
import org.csdlab.lab.display.HtmlRenderable;

/**
 * A file of the lab's filesystem by path: read it, see where its blocks are, and bind kernels to it
 * as FluffleFS does. The file need not exist when this object is made; each call looks it up.
 *
 * <pre>{@code
 * var file = lab.fs().file("/readings.bin");
 * var count = lab.csd().load(Path.of("tutorials/programs/flfs_count_u32.o"));
 * try (var h = file.offload(count)) {        // reads through h run the kernel on a snapshot
 *   lab.compare(lab.host().countU32Above(file, Lab.RAND_MAX / 2), h.run())
 * }
 * }</pre>
 *
 * Kernels are the lab's other kernel objects: a {@link Kernel} loaded with {@code lab.csd()}, a
 * program of {@code lab.ebpf()}, or the path of an ELF object ({@code tutorials/programs/*.o}).
 * They run on the lab's computational storage, with its core speed, memory and fuel.
 */
public final class LabFile implements HtmlRenderable {
  private final LabFs fs;
  private final String path;

  LabFile(LabFs fs, String path) {
    this.fs = fs;
    this.path = path;
  }

  /** The file's path. */
  public String path() {
    return path;
  }

  /** Whether the file exists. */
  public boolean exists() {
    return fs.exists(path);
  }

  /** Type, inode, size and modification time. */
  public FileStat stat() {
    return fs.stat(path);
  }

  /** The size in bytes. */
  public long sizeBytes() {
    return stat().sizeBytes();
  }

  /** The whole file. */
  public byte[] read() {
    return fs.read(path);
  }

  /** Up to {@code length} bytes at {@code offset}; empty at or past the end of the file. */
  public byte[] read(long offset, int length) {
    return fs.read(path, offset, length);
  }

  /** Where its blocks are: block → zone and LBA, holes, which log. */
  public FileMap layout() {
    return fs.layout(path);
  }

  /** Pins its blocks as they are now (see {@link LabFs#snapshot}). */
  public SnapshotPin snapshot() {
    return fs.snapshot(path);
  }

  /**
   * Opens the file with {@code kernel} as its read-stream kernel (FluffleFS's {@code
   * user.process.csd_read_stream}): reads through the handle run the kernel on the drive over the
   * file as it is now, a snapshot whose blocks the cleaner leaves alone until the handle closes.
   */
  public LabHandle offload(Kernel kernel) {
    Objects.requireNonNull(kernel, "kernel");
    return open(
        "offload", kernel.name(), f -> f.file(path).offload(kernel.raw(), kernel.name()), true);
  }

  /** As {@link #offload(Kernel)}, for a program of {@code lab.ebpf()}, loaded on the drive. */
  public LabHandle offload(EbpfProgram program) {
    return offload(load(program));
  }

  /** As {@link #offload(Kernel)}, for a program taken from an ELF object. */
  public LabHandle offload(LoadedProgram program) {
    return offload(fs.csd().load(program));
  }

  /** As {@link #offload(Kernel)}, for the first program of the ELF object at {@code elf}. */
  public LabHandle offload(Path elf) {
    return offload(fs.csd().load(elf));
  }

  /**
   * Opens the file with {@code kernel} as its write-event kernel (FluffleFS's {@code
   * user.process.csd_write_event}): after each write or append through the handle it runs on the
   * drive over exactly the blocks written; {@link LabHandle#lastRun()} shows its answer.
   */
  public LabHandle onWrite(Kernel kernel) {
    Objects.requireNonNull(kernel, "kernel");
    return open(
        "onWrite", kernel.name(), f -> f.file(path).onWrite(kernel.raw(), kernel.name()), false);
  }

  /** As {@link #onWrite(Kernel)}, for a program of {@code lab.ebpf()}. */
  public LabHandle onWrite(EbpfProgram program) {
    return onWrite(load(program));
  }

  /** As {@link #onWrite(Kernel)}, for a program taken from an ELF object. */
  public LabHandle onWrite(LoadedProgram program) {
    return onWrite(fs.csd().load(program));
  }

  /** As {@link #onWrite(Kernel)}, for the first program of the ELF object at {@code elf}. */
  public LabHandle onWrite(Path elf) {
    return onWrite(fs.csd().load(elf));
  }

  /** Opens the file with no kernel: reads and writes through the handle, kept open. */
  public LabHandle open() {
    return open("open", null, f -> f.open(path), false);
  }

  private Kernel load(EbpfProgram program) {
    Objects.requireNonNull(program, "program");
    return program
        .loaded()
        .map(loaded -> fs.csd().load(loaded))
        .orElseGet(() -> fs.csd().load(program.name(), program.program()));
  }

  private LabHandle open(
      String operation, String kernel, LabFs.FsFunction<FileHandle> opener, boolean readStream) {
    FileHandle handle = fs.call(operation, path, opener);
    return new LabHandle(fs, handle, kernel, readStream);
  }

  LabFs fs() {
    return fs;
  }

  /** As {@code LabFile[/readings.bin, 64.0 MiB, inode 3]} (or {@code absent}). */
  @Override
  public String toString() {
    if (!fs.isMounted()) {
      return "LabFile[" + path + ", filesystem not mounted]";
    }
    if (!exists()) {
      return "LabFile[" + path + ", absent]";
    }
    FileStat stat = stat();
    return "LabFile["
        + path
        + ", "
        + (stat.isDirectory() ? "directory" : Quantities.bytes(stat.sizeBytes()))
        + ", inode "
        + stat.inode()
        + "]";
  }

  /** Its stat, then its layout. */
  @Override
  public String toHtml() {
    if (!fs.isMounted() || !exists()) {
      return Html.panel(path, Html.escape(toString()));
    }
    FileStat stat = stat();
    String table =
        Html.table(
            List.of("type", "inode", "size", "modified"),
            List.of(
                List.of(
                    stat.type().toString().toLowerCase(java.util.Locale.ROOT),
                    String.valueOf(stat.inode()),
                    Quantities.bytes(stat.sizeBytes()) + " (" + stat.sizeBytes() + " B)",
                    stat.modified().toString())));
    return Html.panel(path, table + (stat.isFile() ? layout().toHtml() : ""));
  }
}
