package org.csdlab.fluffle;

/**
 * Space of the filesystem, as {@code statfs} reports it. {@code totalBytes} is what live data may
 * occupy: the data zones minus the cleaner's reserve and the zones the logs keep open.
 *
 * @param totalBytes bytes live data may occupy
 * @param usedBytes bytes of live blocks (file data and metadata), with the metadata blocks changes
 *     not yet checkpointed will add (new inodes, new indirect nodes, growing directories); never
 *     more than {@code totalBytes}, since every change is admitted against this figure
 * @param freeBytes {@code totalBytes - usedBytes}
 * @param blockSizeBytes the block size (the device's logical block size)
 * @param files inodes in use (files and directories, including the root)
 * @param maxFiles the most inodes a checkpoint can hold
 */
public record FsStats(
    long totalBytes,
    long usedBytes,
    long freeBytes,
    int blockSizeBytes,
    long files,
    long maxFiles) {}
