/**
 * The fluent lab: {@link org.csdlab.lab.Lab#create()} gives a ZNS computational-storage drive, an
 * eBPF workbench and the host, each one dot away ({@code lab.device()}, {@code lab.csd()}, {@code
 * lab.ebpf()}, {@code lab.host()}, {@code lab.compare(host, offloaded)}). Every object a user sees
 * has a short {@code toString()} for JShell and a {@code toHtml()} for notebooks; {@link
 * org.csdlab.lab.Renderings} gives HTML to the foreign types users meet (Tablesaw tables, devices,
 * programs, results). Configurations ({@link org.csdlab.lab.LabConfig}) and results ({@link
 * org.csdlab.lab.Comparison}, {@link org.csdlab.lab.Run}) save and load as JSON.
 *
 * <p>Data on the drive is described by an {@link org.csdlab.lab.Extent} (first zone, zone count,
 * length in bytes), which host scans and offloaded kernels both take.
 *
 * <h2>The filesystem</h2>
 *
 * {@code lab.fs()} ({@link org.csdlab.lab.LabFs}) is flufflefs-lite on the same drive: calls by
 * path, files ({@link org.csdlab.lab.LabFile}) to bind kernels to ({@link
 * org.csdlab.lab.LabHandle}), and the pictures a lesson on log-structured storage needs:
 *
 * <ul>
 *   <li>{@link org.csdlab.lab.FsTree}: the directories with sizes ({@code fs.tree()});
 *   <li>{@link org.csdlab.lab.FileMap}: a file's blocks → zone and LBA, holes, which log ({@code
 *       fs.layout(path)});
 *   <li>{@link org.csdlab.lab.FsZoneMap}: live, dead and free blocks per zone, by log and
 *       checkpoint ({@code fs.zones()});
 *   <li>{@link org.csdlab.lab.CleanerLog}: the cleaner's passes and write amplification over the
 *       data written, live in a notebook with {@code fs.cleaner().live()};
 *   <li>{@link org.csdlab.lab.FsCheck}: the invariants {@code fs.check()} checked;
 *   <li>{@link org.csdlab.lab.SnapshotPin}: a snapshot and the zones it holds back from the cleaner
 *       ({@code fs.snapshot(path)}, {@code handle.pin()}).
 * </ul>
 *
 * A file is scanned on the host ({@code lab.host().countU32Above(file, threshold)}) and by a kernel
 * bound to it ({@code file.offload(kernel).run()}); both are {@link org.csdlab.lab.Run}s, so {@code
 * lab.compare} sets them side by side as it does for zones. Refusals are {@link
 * org.csdlab.lab.LabFsException}s naming the call and the path.
 *
 * <p>{@code fs.powerCut()} then {@code fs.remount()} is a power cut and recovery on the lab's
 * drive. For crash states rebuilt elsewhere ({@link org.csdlab.zns.DeviceJournal#replay(int)}),
 * {@code Lab.builder().device(replayed).build().fs()} opens a lab on that drive and recovers the
 * filesystem it holds.
 */
package org.csdlab.lab;
