package org.csdlab.lab.tutorial;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The tutorials of a csdlab checkout: every {@code tutorials/NN-name/tutorial.jsh} under the
 * project root, in number order, with their notebooks in {@code notebooks/}.
 */
public final class TutorialCatalog {

  /** System property naming the project root (the directory that holds {@code tutorials/}). */
  public static final String HOME_PROPERTY = "csdlab.home";

  /** Environment variable naming the project root, when the property is not set. */
  public static final String HOME_VARIABLE = "CSDLAB_HOME";

  private static final Pattern DIRECTORY = Pattern.compile("(\\d{2})-[a-z0-9-]+");

  private final Path root;
  private final List<Tutorial> tutorials;

  private TutorialCatalog(Path root, List<Tutorial> tutorials) {
    this.root = root;
    this.tutorials = List.copyOf(tutorials);
  }

  /** The catalog of the project rooted at {@code root}. */
  public static TutorialCatalog of(Path root) {
    Path absolute = root.toAbsolutePath().normalize();
    Path dir = absolute.resolve("tutorials");
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          "no tutorials directory in " + absolute + " (expected " + dir + ")");
    }
    List<Tutorial> found = new ArrayList<>();
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path entry : entries.sorted().toList()) {
        Matcher m = DIRECTORY.matcher(entry.getFileName().toString());
        Path script = entry.resolve(Tutorial.SCRIPT);
        if (m.matches() && Files.isRegularFile(script)) {
          String name = entry.getFileName().toString();
          found.add(
              new Tutorial(
                  Integer.parseInt(m.group(1)),
                  name,
                  TutorialSource.read(script).title(),
                  script,
                  absolute.resolve("notebooks").resolve(name + ".ipynb")));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    found.sort(Comparator.comparingInt(Tutorial::number));
    for (int i = 1; i < found.size(); i++) {
      if (found.get(i).number() == found.get(i - 1).number()) {
        throw new IllegalStateException(
            "two tutorials have number "
                + found.get(i).number()
                + ": "
                + found.get(i - 1).name()
                + " and "
                + found.get(i).name()
                + "; rename one directory");
      }
    }
    return new TutorialCatalog(absolute, found);
  }

  /**
   * The catalog of this csdlab checkout, found from the property {@value #HOME_PROPERTY}, the
   * variable {@value #HOME_VARIABLE}, the working directory or its parents (a notebook runs in
   * {@code notebooks/}), or the location of the csdlab jar.
   */
  public static TutorialCatalog locate() {
    return of(
        home()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "cannot find the csdlab tutorials: run from the csdlab directory, or set -D"
                            + HOME_PROPERTY
                            + "=DIR or "
                            + HOME_VARIABLE
                            + "=DIR to the directory that holds tutorials/")));
  }

  /** The project root, if one can be found (see {@link #locate()}). */
  public static Optional<Path> home() {
    String configured = System.getProperty(HOME_PROPERTY);
    if (configured == null || configured.isBlank()) {
      configured = System.getenv(HOME_VARIABLE);
    }
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured).toAbsolutePath().normalize());
    }
    Optional<Path> fromWorkingDirectory = upwardsFrom(Path.of("").toAbsolutePath());
    return fromWorkingDirectory.isPresent()
        ? fromWorkingDirectory
        : jarLocation().flatMap(TutorialCatalog::upwardsFrom);
  }

  /** The directory that holds {@code tutorials/} and {@code notebooks/}. */
  public Path root() {
    return root;
  }

  /** The tutorials directory. */
  public Path directory() {
    return root.resolve("tutorials");
  }

  /** Where the notebooks are. */
  public Path notebooks() {
    return root.resolve("notebooks");
  }

  /** Every tutorial in number order. */
  public List<Tutorial> all() {
    return tutorials;
  }

  /** The tutorial with this number. */
  public Tutorial get(int number) {
    return tutorials.stream()
        .filter(t -> t.number() == number)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "there is no tutorial "
                        + number
                        + "; the tutorials are "
                        + tutorials.stream()
                            .map(t -> Integer.toString(t.number()))
                            .collect(Collectors.joining(", "))));
  }

  /** A file under {@code tutorials/}, e.g. {@code file("programs/count_u32.o")}; it must exist. */
  public Path file(String relative) {
    Path file = directory().resolve(relative).normalize();
    if (!file.startsWith(directory())) {
      throw new IllegalArgumentException(
          relative + " is outside the tutorials directory " + directory());
    }
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("no file " + relative + " in " + directory());
    }
    return file;
  }

  /**
   * The nearest directory from {@code start} up that is a csdlab checkout: it holds
   * tutorials/programs and the {@code csdlab} launcher. The launcher tells the checkout from the
   * build's class directory (lab-core/target/classes), which holds tutorials/programs as well.
   */
  private static Optional<Path> upwardsFrom(Path start) {
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("tutorials").resolve("programs"))
          && Files.isRegularFile(dir.resolve("csdlab"))) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  private static Optional<Path> jarLocation() {
    try {
      var source = TutorialCatalog.class.getProtectionDomain().getCodeSource();
      return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()));
    } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
