package org.csdlab.lab.kernel;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Rewrites a notebook cell's class file before JShell loads it, so that the cell cannot end the
 * kernel's JVM: calls of {@code System.exit(int)}, {@code Runtime.exit(int)} and {@code
 * Runtime.halt(int)} go to {@link CellExits} instead, and the reflective routes to them ({@code
 * Method.invoke}, {@code MethodHandles.Lookup.findStatic / findVirtual / unreflect}) pass through
 * its checks. A SecurityManager would do this for every class, but it is deprecated on JDK 17 and
 * gone on the newer JDKs the kernel also runs on.
 *
 * <p>JShell's entry method of each snippet ({@value #SNIPPET_ENTRY}) also hands an OutOfMemoryError
 * that leaves it to {@link EscapedOutOfMemory}, which JShell could otherwise lose.
 *
 * <p>Only the cells' own classes are rewritten: library code a cell calls (including the lab's) and
 * reflection reached through another reflective call are not; the README lists these gaps.
 */
final class CellClassRewriter {

  private static final String EXITS = Type.getInternalName(CellExits.class);
  private static final String ESCAPED_OUT_OF_MEMORY =
      Type.getInternalName(EscapedOutOfMemory.class);
  private static final String OUT_OF_MEMORY = "java/lang/OutOfMemoryError";

  /** The static, argument-less method of a snippet's wrapper class that JShell invokes. */
  static final String SNIPPET_ENTRY = "do_it$";

  private static final String SYSTEM = "java/lang/System";
  private static final String RUNTIME = "java/lang/Runtime";
  private static final String METHOD = "java/lang/reflect/Method";
  private static final String LOOKUP = "java/lang/invoke/MethodHandles$Lookup";
  private static final String LOOKUP_DESCRIPTOR = "L" + LOOKUP + ";";
  private static final String FIND_DESCRIPTOR =
      "(Ljava/lang/Class;Ljava/lang/String;Ljava/lang/invoke/MethodType;)Ljava/lang/invoke/MethodHandle;";
  private static final String UNREFLECT_DESCRIPTOR =
      "(Ljava/lang/reflect/Method;)Ljava/lang/invoke/MethodHandle;";

  private CellClassRewriter() {}

  /**
   * The class file with the exits redirected and a snippet entry's OutOfMemoryError recorded; the
   * same bytes when it has neither.
   */
  static byte[] rewrite(byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    // No frames are recomputed: every replacement leaves the operand stack as the original call
    // did.
    ClassWriter writer = new ClassWriter(reader, 0);
    boolean[] changed = new boolean[1];
    reader.accept(
        new ClassVisitor(Opcodes.ASM9, writer) {
          @Override
          public MethodVisitor visitMethod(
              int access, String name, String descriptor, String signature, String[] exceptions) {
            MethodVisitor method =
                new ExitRedirect(
                    super.visitMethod(access, name, descriptor, signature, exceptions), changed);
            if (name.equals(SNIPPET_ENTRY)
                && (access & Opcodes.ACC_STATIC) != 0
                && descriptor.startsWith("()")) {
              changed[0] = true;
              return new OutOfMemoryRecording(method);
            }
            return method;
          }
        },
        0);
    return changed[0] ? writer.toByteArray() : classFile;
  }

  /** Replaces the exit calls of one method body. */
  private static final class ExitRedirect extends MethodVisitor {
    private final boolean[] changed;

    ExitRedirect(MethodVisitor target, boolean[] changed) {
      super(Opcodes.ASM9, target);
      this.changed = changed;
    }

    @Override
    public void visitMethodInsn(
        int opcode, String owner, String name, String descriptor, boolean isInterface) {
      if (opcode == Opcodes.INVOKESTATIC
          && owner.equals(SYSTEM)
          && name.equals("exit")
          && descriptor.equals("(I)V")) {
        redirect("systemExit", "(I)V");
      } else if (opcode == Opcodes.INVOKEVIRTUAL
          && owner.equals(RUNTIME)
          && descriptor.equals("(I)V")
          && (name.equals("exit") || name.equals("halt"))) {
        redirect(name.equals("exit") ? "runtimeExit" : "runtimeHalt", "(Ljava/lang/Runtime;I)V");
      } else if (opcode == Opcodes.INVOKEVIRTUAL
          && owner.equals(LOOKUP)
          && (name.equals("findStatic") || name.equals("findVirtual"))
          && descriptor.equals(FIND_DESCRIPTOR)) {
        redirect(name, "(" + LOOKUP_DESCRIPTOR + FIND_DESCRIPTOR.substring(1));
      } else if (opcode == Opcodes.INVOKEVIRTUAL
          && owner.equals(LOOKUP)
          && name.equals("unreflect")
          && descriptor.equals(UNREFLECT_DESCRIPTOR)) {
        redirect(name, "(" + LOOKUP_DESCRIPTOR + UNREFLECT_DESCRIPTOR.substring(1));
      } else if (opcode == Opcodes.INVOKEVIRTUAL && owner.equals(METHOD) && name.equals("invoke")) {
        checkReflectedMethod();
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
      } else {
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
      }
    }

    private void redirect(String method, String descriptor) {
      changed[0] = true;
      super.visitMethodInsn(Opcodes.INVOKESTATIC, EXITS, method, descriptor, false);
    }

    /**
     * Checks the {@code Method} under the receiver and arguments of {@code method.invoke(target,
     * args)} in place: the stack {@code method, target, args} is rotated so the method is on top,
     * checked, and rotated back. The call itself stays in the cell, so reflection's access checks
     * still see the cell as the caller.
     */
    private void checkReflectedMethod() {
      changed[0] = true;
      super.visitInsn(Opcodes.DUP_X2); // args, method, target, args
      super.visitInsn(Opcodes.POP); // args, method, target
      super.visitInsn(Opcodes.SWAP); // args, target, method
      super.visitMethodInsn(
          Opcodes.INVOKESTATIC,
          EXITS,
          "checkInvoked",
          "(Ljava/lang/reflect/Method;)Ljava/lang/reflect/Method;",
          false);
      super.visitInsn(Opcodes.DUP_X2); // method, args, target, method
      super.visitInsn(Opcodes.POP); // method, args, target
      super.visitInsn(Opcodes.SWAP); // method, target, args
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
      // The rotation holds one more value than the call it surrounds.
      super.visitMaxs(maxStack + 1, maxLocals);
    }
  }

  /**
   * Surrounds a snippet entry's whole body with a handler, after its own, that records an
   * OutOfMemoryError and throws it on unchanged.
   */
  private static final class OutOfMemoryRecording extends MethodVisitor {
    private final Label bodyStart = new Label();

    OutOfMemoryRecording(MethodVisitor target) {
      super(Opcodes.ASM9, target);
    }

    @Override
    public void visitCode() {
      super.visitCode();
      super.visitLabel(bodyStart);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
      Label handler = new Label();
      super.visitLabel(handler);
      // The entry takes no arguments, so the handler needs no locals: one full frame says so.
      super.visitFrame(Opcodes.F_FULL, 0, new Object[0], 1, new Object[] {OUT_OF_MEMORY});
      super.visitInsn(Opcodes.DUP);
      super.visitMethodInsn(
          Opcodes.INVOKESTATIC,
          ESCAPED_OUT_OF_MEMORY,
          "record",
          "(L" + OUT_OF_MEMORY + ";)V",
          false);
      super.visitInsn(Opcodes.ATHROW);
      // Visited last, so it comes after the body's own handlers and only sees what they let out.
      super.visitTryCatchBlock(bodyStart, handler, handler, OUT_OF_MEMORY);
      super.visitMaxs(Math.max(maxStack, 2), maxLocals);
    }
  }
}
