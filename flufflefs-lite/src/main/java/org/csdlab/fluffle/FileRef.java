package org.csdlab.fluffle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.csdlab.ebpf.elf.LoadedProgram;
import org.csdlab.zns.csd.CsdKernel;

/**
 * A file by path, for binding kernels fluently:
 *
 * <pre>{@code
 * try (FileHandle h = fs.file("/data/readings.bin").offload(Path.of("tutorials/programs/flfs_count_u32.o"))) {
 *   long above = ByteBuffer.wrap(h.read(0, (int) h.size())).order(LITTLE_ENDIAN).getLong();
 * }
 * }</pre>
 *
 * Each call opens a new handle; closing it releases the kernel and its snapshot.
 */
public final class FileRef {
  private final FluffleFs fs;
  private final String path;

  FileRef(FluffleFs fs, String path) {
    this.fs = fs;
    this.path = Objects.requireNonNull(path, "path");
  }

  /** The path. */
  public String path() {
    return path;
  }

  /**
   * Opens the file with {@code program} bound as its read-stream kernel: reads through the handle
   * run the kernel on the device over the file as it is now, and return its answer.
   */
  public FileHandle offload(LoadedProgram program) {
    return offload(HandleKernels.Bound.named(fs.xattrs().load(program), program.name()));
  }

  /**
   * As {@link #offload(LoadedProgram)}, for the kernel in a compiled ELF object on the host ({@code
   * .text}).
   */
  public FileHandle offload(Path objectFile) {
    return offload(fromHost(objectFile));
  }

  /**
   * As {@link #offload(LoadedProgram)}, for a kernel already loaded on this filesystem's device
   * (e.g. with its own fuel limit); {@link FluffleFs#getxattr} reports {@code kernel.toString()}.
   */
  public FileHandle offload(CsdKernel kernel) {
    return offload(kernel, Objects.requireNonNull(kernel, "kernel").toString());
  }

  /**
   * As {@link #offload(CsdKernel)}; {@link FluffleFs#getxattr} reports {@code name} (in UTF-8) as
   * the attribute's value, as it reports the value {@code setxattr} was given.
   */
  public FileHandle offload(CsdKernel kernel, String name) {
    return offload(
        HandleKernels.Bound.named(
            Objects.requireNonNull(kernel, "kernel"), Objects.requireNonNull(name, "name")));
  }

  /**
   * Opens the file with {@code program} bound as its write-event kernel: it runs after each write
   * on the blocks written.
   */
  public FileHandle onWrite(LoadedProgram program) {
    return onWrite(HandleKernels.Bound.named(fs.xattrs().load(program), program.name()));
  }

  /** As {@link #onWrite(LoadedProgram)}, for the kernel in a compiled ELF object on the host. */
  public FileHandle onWrite(Path objectFile) {
    return onWrite(fromHost(objectFile));
  }

  /**
   * As {@link #onWrite(LoadedProgram)}, for a kernel already loaded on this filesystem's device;
   * {@link FluffleFs#getxattr} reports {@code kernel.toString()}.
   */
  public FileHandle onWrite(CsdKernel kernel) {
    return onWrite(kernel, Objects.requireNonNull(kernel, "kernel").toString());
  }

  /** As {@link #onWrite(CsdKernel)}; {@link FluffleFs#getxattr} reports {@code name}. */
  public FileHandle onWrite(CsdKernel kernel, String name) {
    return onWrite(
        HandleKernels.Bound.named(
            Objects.requireNonNull(kernel, "kernel"), Objects.requireNonNull(name, "name")));
  }

  private HandleKernels.Bound fromHost(Path objectFile) {
    byte[] elf;
    try {
      elf = Files.readAllBytes(objectFile);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read kernel object " + objectFile + ": " + e.getMessage(), e);
    }
    String source = objectFile.toString();
    return HandleKernels.Bound.named(fs.xattrs().loadElf(path, "kernel", elf, source), source);
  }

  private FileHandle offload(HandleKernels.Bound kernel) {
    FileHandle h = fs.open(path);
    try {
      h.kernels.bindReadStream(kernel, fs.snapshot(path));
      return h;
    } catch (RuntimeException e) {
      h.close();
      throw e;
    }
  }

  private FileHandle onWrite(HandleKernels.Bound kernel) {
    FileHandle h = fs.open(path);
    h.kernels.bindWriteEvent(kernel);
    return h;
  }

  @Override
  public String toString() {
    return "FileRef[" + path + "]";
  }
}
