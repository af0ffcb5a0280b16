package org.csdlab.lab.kernel;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
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

  /**
   * JShell's class for one snippet ({@code REPL.$JShell$22}, or {@code $22B} when recompiled); the
   * classes a cell declares are nested in it and have longer names.
   */
  private static final Pattern SNIPPET_WRAPPER = Pattern.compile("REPL\\.\\$JShell\\$\\d+[A-Z]*");

  /** What the last {@link #varValue} call read; read back by the evaluating thread right after. */
  private Object lastValue;

  /**
   * The reference-typed variables of every snippet class loaded, by name, with handles made at load
   * time, so that clearing them needs no allocation when the heap is full. A name can have several:
   * JShell keeps an overwritten declaration's class, and re-runs an unchanged one in place.
   */
  private final Map<String, List<CellVariable>> variables = new HashMap<>();

  /** One static field of a snippet's wrapper class: a variable JShell keeps there. */
  private static final class CellVariable {
    final String name;
    final MethodHandle getter;
    final MethodHandle setter;

    /** Set by {@link #clearVariables}, which must not allocate before the values are let go. */
    boolean held;

    CellVariable(String name, MethodHandle getter, MethodHandle setter) {
      this.name = name;
      this.getter = getter;
      this.setter = setter;
    }
  }

  /**
   * Runs a snippet, and throws the OutOfMemoryError it threw even when JShell lost it (see {@link
   * EscapedOutOfMemory}); JShell lets an Error out of its evaluation, and the evaluator reports it
   * as any other out-of-memory. (JShell would swallow it as an internal error if thrown from the
   * protected {@code invoke(Method)}.)
   */
  @Override
  public String invoke(String className, String methodName)
      throws RunException, InternalException, EngineTerminationException {
    EscapedOutOfMemory.take();
    String value;
    try {
      value = super.invoke(className, methodName);
    } catch (InternalException e) {
      throwIfLost();
      throw e;
    }
    throwIfLost();
    return value;
  }

  private static void throwIfLost() {
    OutOfMemoryError lost = EscapedOutOfMemory.take();
    if (lost != null) {
      throw lost;
    }
  }

  @Override
  public void load(ClassBytecodes[] classes)
      throws ClassInstallException, NotImplementedException, EngineTerminationException {
    super.load(rewritten(classes));
    remember(classes);
  }

  @Override
  public void redefine(ClassBytecodes[] classes)
      throws ClassInstallException, NotImplementedException, EngineTerminationException {
    super.redefine(rewritten(classes));
    remember(classes);
  }

  private static ClassBytecodes[] rewritten(ClassBytecodes[] classes) {
    return Arrays.stream(classes)
        .map(c -> new ClassBytecodes(c.name(), CellClassRewriter.rewrite(c.bytecodes())))
        .toArray(ClassBytecodes[]::new);
  }

  private synchronized void remember(ClassBytecodes[] classes) {
    for (ClassBytecodes c : classes) {
      if (!SNIPPET_WRAPPER.matcher(c.name()).matches()) {
        continue;
      }
      try {
        for (Field field : findClass(c.name()).getDeclaredFields()) {
          int modifiers = field.getModifiers();
          if (Modifier.isStatic(modifiers)
              && !Modifier.isFinal(modifiers)
              && !field.getType().isPrimitive()) {
            field.setAccessible(true);
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            variables
                .computeIfAbsent(field.getName(), name -> new ArrayList<>())
                .add(
                    new CellVariable(
                        field.getName(),
                        lookup.unreflectGetter(field).asType(MethodType.methodType(Object.class)),
                        lookup
                            .unreflectSetter(field)
                            .asType(MethodType.methodType(void.class, Object.class))));
          }
        }
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        // A wrapper that cannot be looked into holds nothing we could let go.
      }
    }
  }

  /**
   * Sets the variables called {@code names} to null, through handles made when their snippets
   * loaded: after a cell ran out of memory the heap may have no room for JShell to compile or even
   * look up anything. Returns the names of those that held a value.
   */
  synchronized List<String> clearVariables(List<String> names) {
    for (String name : names) {
      for (CellVariable variable : variables.getOrDefault(name, List.of())) {
        try {
          variable.held = (Object) variable.getter.invokeExact() != null;
          variable.setter.invokeExact((Object) null);
        } catch (Throwable e) {
          variable.held =
              false; // handles made at load time do not fail; nothing to let go if they do
        }
      }
    }
    // Only now allocate: the collector can take what the variables held.
    List<String> cleared = new ArrayList<>();
    for (String name : names) {
      if (!cleared.contains(name)
          && variables.getOrDefault(name, List.of()).stream().anyMatch(v -> v.held)) {
        cleared.add(name);
      }
    }
    return cleared;
  }

  @Override
  public String varValue(String className, String varName)
      throws RunException, EngineTerminationException, InternalException {
    try {
      Field field = findClass(className).getDeclaredField(varName);
      field.setAccessible(true);
      synchronized (this) {
        lastValue = field.get(null);
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new InternalException(
          "cannot read variable " + varName + " of " + className + ": " + e);
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

  /** The object read by the last {@link #varValue} call, and forgets it. */
  synchronized Object takeLastValue() {
    Object value = lastValue;
    lastValue = null;
    return value;
  }
}
