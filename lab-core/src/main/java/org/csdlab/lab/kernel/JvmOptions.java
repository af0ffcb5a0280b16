package org.csdlab.lab.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM options every csdlab JVM gets, read from {@code bin/jvm-options} (packed into the jar
 * beside this class), the one list that {@code ./csdlab}, the kernelspec and the JShell agent
 * share. Each option comes with the first JDK feature release that accepts it, so a JVM is only
 * given what it accepts ({@code --sun-misc-unsafe-memory-access} does not exist before JDK 23, and
 * JDK 17 refuses to start with it).
 */
public final class JvmOptions {

  /** Where the list is in the jar; the build copies {@code bin/jvm-options} there. */
  static final String RESOURCE = "jvm-options";

  private static final Pattern LINE = Pattern.compile("([0-9]{1,3})\\s+(\\S+)");
  private static final Pattern JAVA_VERSION =
      Pattern.compile("^JAVA_VERSION=\"(1\\.)?([0-9]+)[^\"]*\"", Pattern.MULTILINE);

  private record Entry(int sinceFeature, String option) {}

  private final List<Entry> entries;

  private JvmOptions(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** The list shipped in the jar. */
  public static JvmOptions shipped() {
    try (InputStream in = JvmOptions.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "the jar has no "
                + RESOURCE
                + " beside "
                + JvmOptions.class.getName()
                + "; rebuild it with mvn -B -pl lab-core -am package -DskipTests (or run ./csdlab once)");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses the list's text: lines of a feature release and an option, {@code #} notes, blank lines.
   *
   * @throws IllegalArgumentException naming the first line that is neither
   */
  static JvmOptions parse(String text) {
    List<Entry> entries = new ArrayList<>();
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Matcher matcher = LINE.matcher(line);
      if (!matcher.matches()) {
        throw new IllegalArgumentException(
            RESOURCE
                + " line "
                + (i + 1)
                + ": '"
                + line
                + "' is not a JDK feature release followed by one option, like '23 --sun-misc-unsafe-memory-access=allow'");
      }
      entries.add(new Entry(Integer.parseInt(matcher.group(1)), matcher.group(2)));
    }
    return new JvmOptions(entries);
  }

  /**
   * The options for a JVM of feature release {@code feature} (25 for JDK 25.0.3), in the list's
   * order.
   */
  public List<String> forFeature(int feature) {
    return entries.stream().filter(e -> e.sinceFeature() <= feature).map(Entry::option).toList();
  }

  /** The options for this JVM's release. */
  public List<String> forThisJvm() {
    return forFeature(Runtime.version().feature());
  }

  /**
   * The feature release of the JDK at {@code javaHome}, from the {@code JAVA_VERSION} line of its
   * {@code release} file (25 for "25.0.3", 8 for "1.8.0_392"); empty when it has none.
   */
  public static OptionalInt featureOf(Path javaHome) {
    Objects.requireNonNull(javaHome, "javaHome");
    try {
      Matcher matcher =
          JAVA_VERSION.matcher(
              Files.readString(javaHome.resolve("release"), StandardCharsets.UTF_8));
      return matcher.find()
          ? OptionalInt.of(Integer.parseInt(matcher.group(2)))
          : OptionalInt.empty();
    } catch (IOException | UncheckedIOException | NumberFormatException e) {
      return OptionalInt.empty();
    }
  }
}
