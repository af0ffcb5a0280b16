package org.csdlab.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The benchmark kernels as native code: the same C sources as {@link BenchProgram} ({@code
 * src/main/resources/bench/*.c}, unchanged) compiled with {@code gcc -O2} into a JNI library by
 * {@code tests/src/main/native/build-native.sh}, each run over a {@code byte[]} in place (pinned,
 * not copied), as the VM runs the eBPF build over the same array.
 *
 * <p>{@link #load()} takes the library from the system property {@value #LIBRARY_PROPERTY} when it
 * is set, else from the class path ({@value #RESOURCE}, where the Maven profile {@code bench} puts
 * it in {@code benchmarks.jar}). A JVM loads the library once: later loads return the same kernels.
 */
public final class NativeKernels {
  /** System property naming the library file to load instead of the class path's. */
  public static final String LIBRARY_PROPERTY = "csdlab.bench.native";

  /** Where {@code benchmarks.jar} holds the library. */
  public static final String RESOURCE = "/bench/native/libcsdlab_bench.so";

  /** How to build the library, for the error when it is missing. */
  static final String BUILD_ADVICE =
      "build it with mvn -B -q -Pbench -pl tests -am package -DskipTests (into benchmarks.jar),"
          + " or with tests/src/main/native/build-native.sh DIR and -D"
          + LIBRARY_PROPERTY
          + "=DIR/libcsdlab_bench.so (needs gcc)";

  private static NativeKernels loaded;

  private final String library;

  private NativeKernels(String library) {
    this.library = library;
  }

  /**
   * The kernels from the library the system property names, else from the class path.
   *
   * @throws IllegalStateException the library is missing, saying how to build it
   */
  public static synchronized NativeKernels load() {
    if (loaded != null) {
      return loaded;
    }
    String property = System.getProperty(LIBRARY_PROPERTY);
    if (property != null) {
      return load(Path.of(property));
    }
    try (InputStream in = NativeKernels.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "the native benchmark library "
                + RESOURCE
                + " is not on the class path and -D"
                + LIBRARY_PROPERTY
                + " is not set; "
                + BUILD_ADVICE);
      }
      // System.load needs a file: the jar's copy goes to a temporary one, deleted at exit.
      Path file = Files.createTempFile("libcsdlab_bench", ".so");
      file.toFile().deleteOnExit();
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return loadFile(file, "class path " + RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract " + RESOURCE + " to a temporary file", e);
    }
  }

  /**
   * The kernels from the library file {@code library}.
   *
   * @throws IllegalStateException the file is missing, saying how to build it, or another library
   *     is already loaded
   */
  public static synchronized NativeKernels load(Path library) {
    Path file = library.toAbsolutePath();
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          "the native benchmark library " + file + " does not exist; " + BUILD_ADVICE);
    }
    if (loaded != null) {
      if (!loaded.library.equals(file.toString())) {
        throw new IllegalStateException(
            "the native benchmark library "
                + loaded.library
                + " is already loaded; a JVM cannot load "
                + file
                + " beside it");
      }
      return loaded;
    }
    return loadFile(file, file.toString());
  }

  private static NativeKernels loadFile(Path file, String origin) {
    System.load(file.toString());
    loaded = new NativeKernels(origin);
    return loaded;
  }

  /** Where the library came from: its file, or {@code class path /bench/native/...}. */
  public String library() {
    return library;
  }

  /** What the C function of {@code program} returns for {@code data}: r0 of the eBPF build. */
  public long run(BenchProgram program, byte[] data) {
    return switch (program) {
      case COUNT_ABOVE -> countAbove(data);
      case FNV1A -> fnv1a(data);
      case POPCOUNT -> popcount(data);
      case NESTED_LOOP -> nestedLoop(data);
    };
  }

  @Override
  public String toString() {
    return "NativeKernels[" + library + "]";
  }

  private static native long countAbove(byte[] data);

  private static native long fnv1a(byte[] data);

  private static native long popcount(byte[] data);

  private static native long nestedLoop(byte[] data);
}
