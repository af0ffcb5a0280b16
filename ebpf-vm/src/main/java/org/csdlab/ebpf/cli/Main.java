package org.csdlab.ebpf.cli;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * The {@code csdlab} command line until lab-core brings the full one. The launcher script
 * ({@code ./csdlab}) builds the project and calls this class with the user's arguments.
 */
public final class Main {
    private static final String USAGE = """
            Usage: csdlab COMMAND

            Commands:
              demo        assemble a small eBPF program, run it and show what happened
              --version   the csdlab version and the JDK it runs on
              --help      this text
            """;

    private Main() {
    }

    /** Runs one command and exits with its status (0 on success). */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs one command, writing to {@code out} and {@code err}; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(USAGE);
            return 2;
        }
        String command = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (command) {
                case "--help", "-h", "help" -> out.print(USAGE);
                case "--version", "-V", "version" -> out.print(version());
                case "demo" -> Demo.run(rest, out);
                default -> {
                    err.println("csdlab: unknown command '" + command + "'");
                    err.print(USAGE);
                    return 2;
                }
            }
            return 0;
        } catch (IllegalArgumentException | org.csdlab.ebpf.EbpfException e) {
            err.println("csdlab " + command + ": " + e.getMessage());
            return 1;
        }
    }

    /** Two lines: the csdlab version, and the JDK (version, vendor, home) running it. */
    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        if (version == null) {
            version = "(unknown: not running from the packaged jar)";
        }
        String vendor = System.getProperty("java.vendor.version");
        if (vendor == null || vendor.isBlank()) {
            vendor = System.getProperty("java.vendor", "unknown vendor");
        }
        return "csdlab " + version + System.lineSeparator()
                + "JDK " + Runtime.version() + " (" + vendor + ") at " + System.getProperty("java.home")
                + System.lineSeparator();
    }
}
