package org.csdlab.zns;

/** The kinds of command {@link DeviceStats} counts. */
public enum CommandKind {
  /** Read. */
  READ,
  /** Write. */
  WRITE,
  /** Zone Append. */
  APPEND,
  /** Write Zeroes (no data crosses the host link). */
  WRITE_ZEROES,
  /** Zone Management Send (open, close, finish, reset, offline, set extension). */
  ZONE_MANAGEMENT_SEND,
  /** Zone Management Receive (report zones). */
  ZONE_MANAGEMENT_RECEIVE
}
