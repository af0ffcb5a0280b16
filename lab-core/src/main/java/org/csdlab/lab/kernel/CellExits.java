package org.csdlab.lab.kernel;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;

/**
 * What cell code calls instead of the JVM's exits: {@link CellClassRewriter} points the cells'
 * calls of {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} here, and passes
 * their reflective look-ups ({@code Method.invoke}, {@code MethodHandles.Lookup.findStatic}, {@code
 * findVirtual}, {@code unreflect}) through the checks here, so each throws {@link ExitFromCell}
 * instead of ending the kernel. Public because the cells' classes, in another class loader and
 * package, call it.
 */
public final class CellExits {

  private CellExits() {}

  /** Replaces {@code System.exit(status)}. */
  public static void systemExit(int status) {
    throw new ExitFromCell("System.exit", status);
  }

  /** Replaces {@code runtime.exit(status)}. */
  public static void runtimeExit(Runtime runtime, int status) {
    throw new ExitFromCell("Runtime.exit", status);
  }

  /** Replaces {@code runtime.halt(status)}. */
  public static void runtimeHalt(Runtime runtime, int status) {
    throw new ExitFromCell("Runtime.halt", status);
  }

  /**
   * Passes {@code method} through unless it is one of the exits, which throw at the reflective call
   * rather than end the JVM. The cell's own {@code Method.invoke} call stays where it is, so the
   * caller that reflection checks access for is still the cell.
   */
  public static Method checkInvoked(Method method) {
    if (method != null && isExit(method.getDeclaringClass(), method.getName())) {
      throw new ExitFromCell(
          callName(method.getDeclaringClass(), method.getName()), ExitFromCell.UNKNOWN_STATUS);
    }
    return method;
  }

  /** Replaces {@code lookup.findStatic(owner, name, type)}, refusing {@code System.exit}. */
  public static MethodHandle findStatic(
      MethodHandles.Lookup lookup, Class<?> owner, String name, MethodType type)
      throws NoSuchMethodException, IllegalAccessException {
    refuseExit(owner, name);
    return lookup.findStatic(owner, name, type);
  }

  /**
   * Replaces {@code lookup.findVirtual(owner, name, type)}, refusing {@code Runtime.exit} and
   * {@code halt}.
   */
  public static MethodHandle findVirtual(
      MethodHandles.Lookup lookup, Class<?> owner, String name, MethodType type)
      throws NoSuchMethodException, IllegalAccessException {
    refuseExit(owner, name);
    return lookup.findVirtual(owner, name, type);
  }

  /** Replaces {@code lookup.unreflect(method)}, refusing the exits. */
  public static MethodHandle unreflect(MethodHandles.Lookup lookup, Method method)
      throws IllegalAccessException {
    checkInvoked(method);
    return lookup.unreflect(method);
  }

  private static void refuseExit(Class<?> owner, String name) {
    if (isExit(owner, name)) {
      throw new ExitFromCell(callName(owner, name), ExitFromCell.UNKNOWN_STATUS);
    }
  }

  static boolean isExit(Class<?> owner, String name) {
    return owner == System.class && name.equals("exit")
        || owner == Runtime.class && (name.equals("exit") || name.equals("halt"));
  }

  private static String callName(Class<?> owner, String name) {
    return owner.getSimpleName() + "." + name;
  }
}
