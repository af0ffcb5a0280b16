package org.csdlab.lab.kernel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.stream.Collectors;

/**
 * The threads that notebook cells started, and stopping them as far as the JDK allows. JShell runs
 * each cell in a thread of a fresh thread group named {@value #CELL_GROUP}, and threads a cell
 * starts (directly or through library code) inherit it, so the group's name finds them.
 *
 * <p>Stopping interrupts each thread (which ends sleeps, waits and interruptible I/O), then on JDK
 * 17–19 {@code Thread.stop}s it, and on JDK 24 and later raises JShell's stop flag, which the JDK
 * checks in every loop of the cells' own code. Neither reaches a thread that is inside native code,
 * blocking socket or file I/O, or a loop in library code; on JDK 20–23 only the interrupt is left.
 * Virtual threads are not found (they belong to no cell's group), nor are the workers of the shared
 * {@link ForkJoinPool#commonPool()}, which parallel streams of every cell use.
 */
final class CellThreads {

  /** The thread group name JShell's in-process engine gives every cell's threads (JDK 17 to 25). */
  static final String CELL_GROUP = "JShell process local execution";

  private static final long STOP_WAIT_MILLIS = 2_000;

  private final CapturingExecutionControl control;

  CellThreads(CapturingExecutionControl control) {
    this.control = control;
  }

  /** The live threads cells started, excluding the calling thread. */
  List<Thread> live() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t != Thread.currentThread() && t.isAlive() && isCellThread(t))
        .sorted((a, b) -> Long.compare(a.getId(), b.getId()))
        .collect(Collectors.toList());
  }

  private static boolean isCellThread(Thread thread) {
    ThreadGroup group = thread.getThreadGroup();
    // On JDK 17 the shared common pool's workers join the group of the cell that first used the
    // pool.
    boolean sharedPoolWorker =
        thread instanceof ForkJoinWorkerThread worker
            && worker.getPool() == ForkJoinPool.commonPool();
    return group != null && CELL_GROUP.equals(group.getName()) && !sharedPoolWorker;
  }

  /**
   * Stops {@code threads} and waits up to {@value #STOP_WAIT_MILLIS} ms for them to end; must not
   * be called while a cell runs (JDK 24+'s stop flag would end it too, which an interrupt wants
   * anyway). Returns what stopped and what still runs.
   */
  @SuppressWarnings("removal")
  Outcome stop(Collection<Thread> threads) {
    if (threads.isEmpty()) {
      return new Outcome(List.of(), List.of());
    }
    boolean flagRaised = control.raiseStopFlag(true);
    try {
      for (Thread thread : threads) {
        thread.interrupt();
        try {
          thread.stop();
        } catch (UnsupportedOperationException | LinkageError e) {
          // JDK 20 and later: the interrupt and the stop flag are what is left.
        }
      }
      long deadline = System.nanoTime() + STOP_WAIT_MILLIS * 1_000_000;
      for (Thread thread : threads) {
        long leftMillis = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        try {
          thread.join(leftMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    } finally {
      if (flagRaised) {
        control.raiseStopFlag(false);
      }
    }
    List<Thread> stopped = new ArrayList<>();
    List<Thread> running = new ArrayList<>();
    for (Thread thread : threads) {
      (thread.isAlive() ? running : stopped).add(thread);
    }
    return new Outcome(stopped, running);
  }

  /** Which of the threads asked to stop did, and which still run. */
  record Outcome(List<Thread> stopped, List<Thread> stillRunning) {

    Outcome {
      stopped = List.copyOf(stopped);
      stillRunning = List.copyOf(stillRunning);
    }
  }
}
