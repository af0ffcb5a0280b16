package org.csdlab.lab.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/**
 * Starts the csdlab kernel for Jupyter: {@code java -cp csdlab.jar org.csdlab.lab.kernel.KernelMain
 * CONNECTION_FILE}, as the kernelspec written by {@link KernelInstaller} does. Runs until Jupyter
 * shuts the kernel down.
 */
public final class KernelMain {

  private KernelMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println(
          "usage: java -cp csdlab.jar " + KernelMain.class.getName() + " CONNECTION_FILE");
      System.err.println(
          "Jupyter runs this with the connection file it wrote; install the kernel with"
              + " ./csdlab jupyter install --user");
      System.exit(2);
    }
    // jjava-jupyter logs through SLF4J, which warns on stderr (the Jupyter server's log) that no
    // logger is bound; nothing in it is for the notebook's reader.
    if (System.getProperty("slf4j.internal.verbosity") == null) {
      System.setProperty("slf4j.internal.verbosity", "ERROR");
    }
    Path connectionFile = Path.of(args[0]);
    KernelConnectionProperties properties = KernelConnectionProperties.parse(read(connectionFile));
    JupyterConnection connection = new JupyterConnection(properties);
    exitWhenJupyterDies();
    JavadocSources.install(); // inspect (Shift-Tab in a notebook) shows the lab's javadoc
    CsdlabKernel kernel = CsdlabKernel.create();
    InterruptSignal.forward(kernel::interrupt);
    kernel.becomeHandlerForConnection(connection);
    connection.connect();
    connection.waitUntilClose();
    // Threads a notebook started (a monitor, a pool) must not keep a shut-down kernel alive.
    System.exit(0);
  }

  /**
   * Ends this kernel when the Jupyter process that started it ends (it names itself in {@code
   * JPY_PARENT_PID}), so a killed notebook server leaves no kernel behind.
   */
  private static void exitWhenJupyterDies() {
    String parent = System.getenv("JPY_PARENT_PID");
    if (parent == null || !parent.strip().matches("[0-9]+")) {
      return;
    }
    Optional<ProcessHandle> jupyter = ProcessHandle.of(Long.parseLong(parent.strip()));
    if (jupyter.isEmpty()) {
      System.exit(0);
    }
    jupyter.get().onExit().thenRun(() -> System.exit(0));
  }

  private static String read(Path connectionFile) {
    if (!Files.isRegularFile(connectionFile)) {
      System.err.println(
          "The connection file "
              + connectionFile.toAbsolutePath()
              + " does not exist; Jupyter"
              + " passes it when it starts the kernel.");
      System.exit(2);
    }
    try {
      return Files.readString(connectionFile);
    } catch (IOException e) {
      System.err.println(
          "Cannot read the connection file "
              + connectionFile.toAbsolutePath()
              + ": "
              + e.getMessage());
      System.exit(2);
      throw new AssertionError(e);
    }
  }
}
