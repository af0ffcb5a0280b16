/**
 * eBPF kernels bound to files, as FluffleFS binds them with its {@code user.process.csd_*} extended
 * attributes.
 *
 * <ul>
 *   <li><b>ABI.</b> A kernel reads its call information with the opencsd helper {@code
 *       get_call_info}: FluffleFS's packed {@code flfs_call} (op, {size, offset}, inode {inode,
 *       parent, type, size}), for a write event FluffleFS's packed 40-byte {@code flfs_write_call}
 *       ({@link org.csdlab.fluffle.kernel.FlfsWriteCall}: pre_pad, post_pad, start_ptr, wp_ptr,
 *       end_ptr), then the LBA of every file block the request covers, a hole (a block never
 *       written) as LBA 0 as FluffleFS marks it ({@link org.csdlab.fluffle.kernel.FlfsCall#HOLE}).
 *       LBA 0 is the superblock, so it is never a file block. A kernel counts its LBAs from dims
 *       and the sector size (the blocks covering [offset, offset + size)), as FluffleFS's kernels
 *       do, since OpenCSD's {@code get_call_info} returns nothing. FluffleFS reserves the write
 *       call but leaves it unset; flufflefs-lite fills it. Byte layout: {@link
 *       org.csdlab.fluffle.kernel.FlfsCallDescriptor}; C view: {@code
 *       tutorials/include/flfs_helpers.h}; examples: {@code tutorials/programs/flfs_*.c}.
 *   <li><b>Read stream.</b> {@link org.csdlab.fluffle.FluffleFs#file(String)}{@code
 *       .offload(program)}, or {@code setxattr(path, "user.process.csd_read_stream", kernel)} on a
 *       file with open handles: a snapshot of the file is taken (its blocks pinned against the
 *       cleaner) and every read through the handle runs the kernel over that snapshot and returns
 *       its answer, whatever other writers do. The answer is what FluffleFS's FUSE read gives: the
 *       request is clipped to the snapshot's size, an empty one (at or past the end) is answered
 *       without running the kernel, and the return data is cut to the clipped request (shorter if
 *       the kernel returned less; {@link org.csdlab.fluffle.FileHandle#lastKernelResult()} keeps
 *       all of it). The handle's {@code size()} and {@code stat()} are the snapshot's, while {@code
 *       stat(path)} and a fresh handle see the live file. {@code getxattr} returns exactly the
 *       bytes {@code setxattr} was given (FluffleFS's decimal inode number, a path, or an ELF
 *       object). Closing the handle releases the kernel and the snapshot; neither survives an
 *       unmount.
 *   <li><b>Write event.</b> {@code fs.file(path).onWrite(program)}, or {@code
 *       "user.process.csd_write_event"}: after each write through the handle the kernel runs on
 *       exactly the blocks written; {@link org.csdlab.fluffle.FileHandle#lastKernelResult()} holds
 *       its answer.
 *   <li><b>Confinement.</b> A kernel may read the LBAs of its call and nothing else, and may not
 *       write; a hole's LBA 0 is no block it may read. A stray read, a write, running out of fuel,
 *       a memory fault or a negative return end the call with a {@link
 *       org.csdlab.fluffle.kernel.KernelIoException}, an I/O error as FluffleFS answers a negative
 *       return (EIO); the filesystem is untouched and goes on ({@link
 *       org.csdlab.fluffle.kernel.FileKernelRunner}).
 *   <li><b>Attribute errors</b>, as FluffleFS gives them: a missing file or kernel file is ENOENT
 *       ({@link org.csdlab.fluffle.NoSuchPathException}); no handle open on the file is ENODATA;
 *       another attribute name is ENOTSUP on set and ENODATA on get; {@code XattrFlag.CREATE} over
 *       a bound kernel is EEXIST and {@code XattrFlag.REPLACE} with none is ENODATA; a value that
 *       is not a loadable, verified kernel is ENOEXEC ({@link
 *       org.csdlab.fluffle.XattrException#reason()}). The value is the bytes of an ELF object, or
 *       as text the path of one in the filesystem or its inode number (FluffleFS's form).
 * </ul>
 */
package org.csdlab.fluffle.kernel;
