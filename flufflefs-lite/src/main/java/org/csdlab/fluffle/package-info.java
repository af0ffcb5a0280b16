/**
 * flufflefs-lite: a log-structured filesystem on a {@link org.csdlab.zns.ZnsDevice}. It only reads,
 * appends (or writes at the write pointer) and resets zones; it never writes in place.
 */
package org.csdlab.fluffle;
