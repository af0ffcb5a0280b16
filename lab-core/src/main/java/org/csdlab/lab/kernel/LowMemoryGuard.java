package org.csdlab.lab.kernel;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Tells when the heap's long-lived generation is still {@value #THRESHOLD_PERCENT}% full right
 * after a garbage collection. A cell that fills memory gets there well before an OutOfMemoryError,
 * and the collector can then spend minutes in back-to-back full collections (the kernel answering
 * nothing) before one is thrown, or throw it in the kernel's own threads; so the evaluator stops
 * the cell at this point instead (see {@link CellEvaluator}).
 */
final class LowMemoryGuard implements AutoCloseable {

  static final int THRESHOLD_PERCENT = 90;

  /** The generation that crossed the threshold, and how full it was after the collection. */
  record Reading(String pool, long usedBytes, long maxBytes) {

    int percent() {
      return (int) (100 * usedBytes / Math.max(1, maxBytes));
    }
  }

  private final NotificationEmitter emitter;
  private final NotificationListener listener;

  /**
   * Arms the threshold on every heap pool that supports it and calls {@code onLowMemory} on
   * crossings.
   */
  LowMemoryGuard(Consumer<Reading> onLowMemory) {
    Map<String, MemoryPoolMXBean> armed = new HashMap<>();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      long max = pool.getUsage().getMax();
      if (pool.getType() == MemoryType.HEAP
          && pool.isCollectionUsageThresholdSupported()
          && max > 0) {
        pool.setCollectionUsageThreshold(max / 100 * THRESHOLD_PERCENT);
        armed.put(pool.getName(), pool);
      }
    }
    this.emitter = (NotificationEmitter) ManagementFactory.getMemoryMXBean();
    this.listener =
        (Notification notification, Object handback) -> {
          if (!MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(
              notification.getType())) {
            return;
          }
          MemoryNotificationInfo info =
              MemoryNotificationInfo.from((CompositeData) notification.getUserData());
          MemoryPoolMXBean pool = armed.get(info.getPoolName());
          if (pool != null
              && (!pool.isCollectionUsageThresholdExceeded()
                  || pool.getUsage().getUsed() < pool.getCollectionUsageThreshold())) {
            // Delivered late: the pool has been freed since (a later collection, or what the kernel
            // let go), and stopping the cell that runs now would stop one that did not fill the
            // heap.
            return;
          }
          MemoryUsage usage = info.getUsage();
          onLowMemory.accept(new Reading(info.getPoolName(), usage.getUsed(), usage.getMax()));
        };
    emitter.addNotificationListener(listener, null, null);
  }

  @Override
  public void close() {
    try {
      emitter.removeNotificationListener(listener);
    } catch (ListenerNotFoundException e) {
      // Already removed.
    }
  }
}
