package org.csdlab.fluffle;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.csdlab.ebpf.EbpfException;
import org.csdlab.ebpf.elf.ElfObject;
import org.csdlab.ebpf.elf.LoadedProgram;
import org.csdlab.zns.csd.CsdKernel;

/**
 * FluffleFS's kernel attributes: {@value #READ_STREAM} and {@value #WRITE_EVENT}, set on a file
 * that has handles open, binding a kernel to those handles until they close, with FluffleFS's
 * errors: ENOENT for a missing file or kernel, ENODATA when no handle is open (or, for get and
 * replace, when nothing is bound), ENOTSUP for any other name, EEXIST for a create over a bound
 * kernel, ENOEXEC for a value that is not a kernel.
 */
final class Xattrs {
  static final String READ_STREAM = "user.process.csd_read_stream";
  static final String WRITE_EVENT = "user.process.csd_write_event";
  private static final byte[] ELF_MAGIC = {0x7F, 'E', 'L', 'F'};

  private final FluffleFs fs;

  Xattrs(FluffleFs fs) {
    this.fs = fs;
  }

  void set(String path, String name, byte[] value, XattrFlag flag) {
    List<FileHandle> handles = handles(path, name);
    boolean read = name.equals(READ_STREAM);
    boolean bound =
        handles.stream()
            .anyMatch(h -> (read ? h.kernels.readStream() : h.kernels.writeEvent()) != null);
    if (flag == XattrFlag.CREATE && bound) {
      throw new XattrException(
          path,
          name,
          XattrException.Reason.EXISTS,
          name
              + " is already set on "
              + path
              + " (XattrFlag.CREATE); use XattrFlag.ANY or REPLACE to replace the kernel",
          null);
    }
    if (flag == XattrFlag.REPLACE && !bound) {
      throw new XattrException(
          path,
          name,
          XattrException.Reason.NO_DATA,
          name
              + " is not set on "
              + path
              + " (XattrFlag.REPLACE); use XattrFlag.ANY or CREATE to set it",
          null);
    }
    HandleKernels.Bound kernel = load(path, name, value);
    for (FileHandle h : handles) {
      if (read) {
        h.kernels.bindReadStream(kernel, fs.snapshot(path));
      } else {
        h.kernels.bindWriteEvent(kernel);
      }
    }
  }

  byte[] get(String path, String name) {
    for (FileHandle h : handles(path, name)) {
      HandleKernels.Bound b =
          name.equals(READ_STREAM) ? h.kernels.readStream() : h.kernels.writeEvent();
      if (b != null) {
        return b.attributeValue();
      }
    }
    throw new XattrException(
        path, name, XattrException.Reason.NO_DATA, name + " is not set on " + path, null);
  }

  void remove(String path, String name) {
    get(path, name);
    for (FileHandle h : handles(path, name)) {
      if (name.equals(READ_STREAM)) {
        h.kernels.unbindReadStream();
      } else {
        h.kernels.unbindWriteEvent();
      }
    }
  }

  /**
   * The open handles of the file at {@code path}, after FluffleFS's checks of the path and name.
   */
  private List<FileHandle> handles(String path, String name) {
    FileStat stat =
        fs.stat(path); // NoSuchPathException (ENOENT) first, as FluffleFS checks the inode first
    if (!name.equals(READ_STREAM) && !name.equals(WRITE_EVENT)) {
      throw new XattrException(
          path,
          name,
          XattrException.Reason.NOT_SUPPORTED,
          "attribute "
              + name
              + " is not supported; flufflefs-lite has "
              + READ_STREAM
              + " and "
              + WRITE_EVENT,
          null);
    }
    List<FileHandle> handles = fs.handlesOf(stat.inode());
    if (handles.isEmpty()) {
      throw new XattrException(
          path,
          name,
          XattrException.Reason.NO_DATA,
          "no handle is open on "
              + path
              + ": open the file first; a kernel binds to the handles open on the file and is released when they close",
          null);
    }
    return handles;
  }

  /**
   * The kernel {@code value} names: the bytes of an ELF object, or (as text) the path of one in
   * this filesystem, or the inode number of one as FluffleFS takes it; bound with {@code value}
   * itself as the attribute's value.
   */
  private HandleKernels.Bound load(String path, String name, byte[] value) {
    byte[] elf;
    String source;
    if (startsWith(value, ELF_MAGIC)) {
      elf = value;
      source = "ELF object of " + value.length + " bytes";
    } else {
      String text = new String(value, StandardCharsets.UTF_8).trim();
      String kernelPath = text.matches("[0-9]+") ? fs.pathOfInode(Long.parseLong(text)) : text;
      if (kernelPath == null) {
        throw new NoSuchPathException(
            path, "no inode " + text + " holds a kernel for " + name + " on " + path);
      }
      try (FileHandle h = fs.open(kernelPath)) {
        elf = h.read(0, Math.toIntExact(h.size()));
      }
      source = kernelPath;
    }
    return new HandleKernels.Bound(loadElf(path, name, elf, source), value);
  }

  CsdKernel loadElf(String path, String name, byte[] elf, String source) {
    try {
      return load(ElfObject.parse(elf).program(".text"));
    } catch (EbpfException | IllegalArgumentException e) {
      throw new XattrException(
          path,
          name,
          XattrException.Reason.NOT_A_KERNEL,
          source + " is not a kernel for " + path + ": " + e.getMessage(),
          e);
    }
  }

  CsdKernel load(LoadedProgram program) {
    return fs.csd().load(program);
  }

  private static boolean startsWith(byte[] value, byte[] prefix) {
    if (value.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (value[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
