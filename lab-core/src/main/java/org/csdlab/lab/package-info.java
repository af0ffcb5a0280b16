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
 */
package org.csdlab.lab;
