package org.csdlab.ebpf.fuzz;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * TEMPORARY: the defects the fuzz targets find that other parts of issue 11 are fixing now, so
 * that the suite is green while the fixes are under way. Each entry names the issue item, the
 * target it shows in and exactly how it shows (exception type and where it is thrown); every
 * other failure stays a finding. The coordinator empties this list as the fixes are merged: when
 * an entry is removed, its target must pass without it. Reproducers are in
 * {@code /work/coord/fuzz-findings.md}.
 */
public final class KnownDefects {
    /** One known defect: the issue item, the target it shows in, and how to recognise it. */
    public record Defect(String name, String issueItem, String target, Predicate<Throwable> shows) {
    }

    private static final List<Defect> DEFECTS = List.of(
            new Defect("ASSEMBLER_ECHOES_WHOLE_NUMBER", "cli: cut echoed input in errors (assembler and elsewhere)",
                    "assembler", longMessage(org.csdlab.ebpf.asm.AsmParseException.class)),
            new Defect("VERIFIER_UNCHECKED_REGISTER", "verifier: register validation (verify(List, options))",
                    "verifier", thrownIn(ArrayIndexOutOfBoundsException.class, "Verifier", null)),
            new Defect("ELF_EMPTY_SECTION_NAME", "loaders: ELF sections by index (a section with an empty name)",
                    "elf-loader", withMessage(IllegalArgumentException.class, "region name '' is blank")),
            new Defect("KERNEL_STACK_OVERFLOW_FOLDING", "kernel: fold repeated frames of a StackOverflowError",
                    "kernel-cell", withMessage(IllegalStateException.class, "for java.lang.StackOverflowError"))
    );

    /**
     * Hostile inputs that a target leaves out while their fix is open, because the defect would
     * end the test JVM itself (no oracle could report it): the name, and the issue item.
     */
    private static final java.util.Map<String, String> WITHHELD = java.util.Map.of(
            "KERNEL_SYSTEM_EXIT", "kernel: System.exit, Runtime.exit and Runtime.halt in a cell end the kernel",
            "KERNEL_OOM_RESERVE", "kernel: an OutOfMemoryError in a cell must end that cell only (memory reserve)");

    private KnownDefects() {
    }

    /** Whether the inputs named {@code name} are left out while their fix is open. */
    public static boolean withheld(String name) {
        return WITHHELD.containsKey(name);
    }

    /** The known defect that {@code thrown} in {@code target} is, if any. */
    static Optional<Defect> match(String target, Throwable thrown) {
        return DEFECTS.stream().filter(d -> d.target().equals(target) && d.shows().test(thrown)).findFirst();
    }

    /** Matches a {@code type} thrown with a frame of {@code className.method} (any method if null) on the stack. */
    static Predicate<Throwable> thrownIn(Class<? extends Throwable> type, String className, String method) {
        return thrown -> type.isInstance(thrown) && Arrays.stream(thrown.getStackTrace()).anyMatch(
                frame -> frame.getClassName().endsWith("." + className)
                        && (method == null || frame.getMethodName().equals(method)));
    }

    /** Matches a {@code type} whose message is longer than the oracle allows. */
    static Predicate<Throwable> longMessage(Class<? extends Throwable> type) {
        return thrown -> type.isInstance(thrown) && thrown.getMessage() != null
                && thrown.getMessage().length() > FuzzOracle.MAX_MESSAGE_CHARS;
    }

    /** Matches a {@code type} whose message contains {@code fragment}. */
    static Predicate<Throwable> withMessage(Class<? extends Throwable> type, String fragment) {
        return thrown -> type.isInstance(thrown) && thrown.getMessage() != null && thrown.getMessage().contains(fragment);
    }
}
