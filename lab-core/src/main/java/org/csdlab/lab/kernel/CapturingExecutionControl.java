package org.csdlab.lab.kernel;

import java.lang.reflect.Field;
import java.util.Arrays;
import jdk.jshell.execution.LocalExecutionControl;

/**
 * JShell's in-process execution engine, which also hands back the real object a variable holds
 * rather than only its string form, so the kernel can render it as HTML or a chart.
 *
 * <p>Interrupting is {@link LocalExecutionControl#stop()}'s: on JDK 17 it stops the cell's threads;
 * on JDK 24 and later (where {@code Thread.stop} is gone) the JDK instruments every loop of the
 * loaded snippet classes with a cancellation check and interrupts the cell's threads.
 *
 * <p>Every snippet class is rewritten by {@link CellClassRewriter} before it loads, so that a cell
 * calling {@code System.exit} gets an {@link ExitFromCell} instead of ending the kernel.
 */
final class CapturingExecutionControl extends LocalExecutionControl {

  /** The class JShell's stop checks read their flag from (JDK 24+). */
  private static final String STOP_FLAG_CLASS = "REPL.$Cancel$";

  /** What the last {@link #varValue} call read; read back by the evaluating thread right after. */
  private Object lastValue;
  /** Whether the next {@link #varValue} call sets the variable to null instead of reading it. */
  private boolean clearOnNextRead;

  @Override
  public void load(ClassBytecodes[] classes) throws ClassInstallException, NotImplementedException, EngineTerminationException {
    super.load(rewritten(classes));
  }

  @Override
  public void redefine(ClassBytecodes[] classes) throws ClassInstallException, NotImplementedException, EngineTerminationException {
    super.redefine(rewritten(classes));
  }

  private static ClassBytecodes[] rewritten(ClassBytecodes[] classes) {
    return Arrays.stream(classes)
        .map(c -> new ClassBytecodes(c.name(), CellClassRewriter.rewrite(c.bytecodes())))
        .toArray(ClassBytecodes[]::new);
  }

  @Override
  public String varValue(String className, String varName) throws RunException, EngineTerminationException, InternalException {
    try {
      Field field = findClass(className).getDeclaredField(varName);
      field.setAccessible(true);
      synchronized (this) {
        if (clearOnNextRead) {
          clearOnNextRead = false;
          field.set(null, null);
        } else {
          lastValue = field.get(null);
        }
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new InternalException("cannot read variable " + varName + " of " + className + ": " + e);
    }
    // JShell only shows this string; the kernel renders the captured object itself, and calling
    // toString() here could run user code on the kernel's own thread.
    return "";
  }

  /**
   * Sets the stop flag that JDK 24 and later check in every loop of the cells' code (JShell's own
   * {@code REPL.$Cancel$.allStop}, raised by {@link #stop()} only while a cell runs), so that
   * threads a cell left running can be stopped too. Returns false where there is no such flag
   * (before JDK 24, or before the first cell ran).
   */
  boolean raiseStopFlag(boolean raised) {
    try {
      Field allStop = findClass(STOP_FLAG_CLASS).getDeclaredField("allStop");
      allStop.setAccessible(true);
      allStop.setBoolean(null, raised);
      return true;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return false;
    }
  }

  /**
   * Makes the next {@link #varValue} call set the variable to null rather than read it: after a
   * cell ran out of memory the heap has no room to compile an assignment, but JShell can still
   * name the variable's class, and the field is set directly.
   */
  synchronized void clearOnNextRead() {
    clearOnNextRead = true;
  }

  /**
   * The object read by the last {@link #varValue} call, and forgets it; also cancels a
   * {@link #clearOnNextRead} that no read consumed, so it cannot null a later variable.
   */
  synchronized Object takeLastValue() {
    clearOnNextRead = false;
    Object value = lastValue;
    lastValue = null;
    return value;
  }
}
