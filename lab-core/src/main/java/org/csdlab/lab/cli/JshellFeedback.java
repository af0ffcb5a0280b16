package org.csdlab.lab.cli;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import jdk.jshell.tool.JavaShellToolBuilder;

/**
 * The {@value #MODE} feedback mode of {@code ./csdlab jshell}: JShell's {@code normal} mode, but
 * showing whole values ({@code lab ==> Lab[...]} rather than cut to 80 characters with {@code " ...
 * "} in the middle), up to {@value #TRUNCATION_CHARS} characters.
 *
 * <p>JShell defines its built-in modes only after the start-up and load files ran, so a start-up
 * cannot define a mode; what it does restore at that point are the modes a user retained ({@code
 * /set mode -retain}), from its preferences. So the mode is made once per JDK version by a hidden
 * JShell tool run (about a second), its retained form is kept in this user's preferences ({@value
 * #CACHE_NODE}), and every session is given JShell's own preferences with that mode added to the
 * retained ones.
 */
final class JshellFeedback {

  static final String MODE = "csdlab";
  static final int TRUNCATION_CHARS = 2000;

  /** Where JShell keeps its preferences (the JDK's {@code JShellToolBuilder.PREFERENCES_NODE}). */
  private static final String JSHELL_NODE = "tool/JShell";

  /** The JShell preference holding the retained modes (JDK 15 and later). */
  private static final String RETAINED_MODES = "MODE2";

  /** JShell's separator between the records of retained modes. */
  private static final String RECORD_SEPARATOR = "\u241E";

  private static final String CACHE_NODE = "org/csdlab/jshell";

  private static String retainedMode;

  private JshellFeedback() {}

  /**
   * The arguments that choose the {@value #MODE} mode: none when {@code arguments} choose a mode
   * already, or when the mode could not be made (JShell would refuse to start with an unknown one).
   */
  static List<String> choose(List<String> arguments) {
    boolean chosen =
        arguments.stream()
            .anyMatch(
                a ->
                    a.equals("--feedback")
                        || a.startsWith("--feedback=")
                        || a.equals("-q")
                        || a.equals("-s")
                        || a.equals("-v"));
    return chosen || retainedMode().isEmpty() ? List.of() : List.of("--feedback", MODE);
  }

  /**
   * JShell's preferences with the {@value #MODE} mode among the retained ones; what the session
   * stores (history, the user's own retained settings) goes to JShell's real preferences.
   */
  static Map<String, String> preferences() {
    Preferences jshell = Preferences.userRoot().node(JSHELL_NODE);
    return new WithMode(jshell, retainedMode());
  }

  /** The retained form of the {@value #MODE} mode for this JDK (empty when it cannot be made). */
  static synchronized String retainedMode() {
    if (retainedMode == null) {
      retainedMode = cachedOrMade();
    }
    return retainedMode;
  }

  private static String cachedOrMade() {
    String key = "feedback-mode-" + Runtime.version();
    Preferences cache = null;
    try {
      cache = Preferences.userRoot().node(CACHE_NODE);
      String cached = cache.get(key, null);
      if (cached != null && !cached.isEmpty()) {
        return cached;
      }
    } catch (RuntimeException e) {
      // No preferences store (a read-only home): make the mode every time.
    }
    String made = makeMode();
    if (cache != null && !made.isEmpty()) {
      try {
        cache.put(key, made);
        cache.flush();
      } catch (RuntimeException | BackingStoreException e) {
        // not cached: the next session makes it again
      }
    }
    return made;
  }

  /** Runs a hidden JShell tool that defines and retains the mode, and returns what it retained. */
  private static String makeMode() {
    Map<String, String> preferences = new HashMap<>();
    String commands =
        "/set mode "
            + MODE
            + " normal -command\n"
            + "/set truncation "
            + MODE
            + " "
            + TRUNCATION_CHARS
            + "\n"
            + "/set mode "
            + MODE
            + " -retain\n"
            + "/exit\n";
    PrintStream discard =
        new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    try {
      JavaShellToolBuilder.builder()
          .persistence(preferences)
          .in(new ByteArrayInputStream(commands.getBytes(StandardCharsets.UTF_8)), null)
          .out(discard)
          .err(discard)
          .start("--execution", "local", "--no-startup");
    } catch (Exception e) {
      return ""; // without the mode the session keeps JShell's normal one
    }
    return preferences.getOrDefault(RETAINED_MODES, "");
  }

  /** JShell's preferences, with one more retained mode when read. */
  private static final class WithMode extends AbstractMap<String, String> {
    private final Preferences preferences;
    private final String mode;

    WithMode(Preferences preferences, String mode) {
      this.preferences = preferences;
      this.mode = mode;
    }

    @Override
    public String get(Object key) {
      String stored = preferences.get((String) key, null);
      if (!RETAINED_MODES.equals(key) || mode.isEmpty()) {
        return stored;
      }
      // The user's own retained modes stay; ours is added after them.
      return stored == null || stored.isEmpty() ? mode : stored + RECORD_SEPARATOR + mode;
    }

    @Override
    public String put(String key, String value) {
      String previous = preferences.get(key, null);
      preferences.put(key, value);
      return previous;
    }

    @Override
    public String remove(Object key) {
      String previous = preferences.get((String) key, null);
      preferences.remove((String) key);
      return previous;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
      Set<Entry<String, String>> entries = new LinkedHashSet<>();
      try {
        for (String key : preferences.keys()) {
          entries.add(new SimpleEntry<>(key, get(key)));
        }
      } catch (BackingStoreException e) {
        // nothing stored can be read: no entries
      }
      return entries;
    }
  }
}
