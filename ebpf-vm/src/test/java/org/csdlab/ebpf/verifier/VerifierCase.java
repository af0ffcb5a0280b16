package org.csdlab.ebpf.verifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One case of the verifier corpus: a {@code .data} file in the style of the bpf_conformance suite,
 * with sections {@code -- asm}, optional {@code -- context} (its size in bytes), {@code -- maps}
 * (one map per line: handle, type, key, value and entry counts), {@code -- helpers} (the helper
 * set: linux by default, or conformance) and {@code -- result} ({@code accepted}, or {@code refused
 * CODE at PC}); lines starting with {@code #} before the first section describe the case.
 */
record VerifierCase(
    String group,
    String name,
    String description,
    String asm,
    Integer contextBytes,
    List<MapDeclaration> maps,
    String helpers,
    Expected expected) {

  /** A map the program uses by handle. */
  record MapDeclaration(int handle, String type, int keyBytes, int valueBytes, int entries) {}

  /** What the verifier must say: accept, or refuse with {@code code} at slot {@code pc}. */
  record Expected(String code, int pc) {
    static final Expected ACCEPTED = new Expected(null, -1);

    boolean accepted() {
      return code == null;
    }

    @Override
    public String toString() {
      return accepted() ? "accepted" : "refused " + code + " at " + pc;
    }
  }

  private static final Pattern REFUSED = Pattern.compile("refused ([A-Z_0-9]+) at (\\d+)");
  private static final Pattern MAP =
      Pattern.compile("(\\d+) (\\w+) key=(\\d+) value=(\\d+) entries=(\\d+)");

  /** "group/name", as the file lies under the corpus directory. */
  String id() {
    return group + "/" + name;
  }

  static VerifierCase read(Path file) throws IOException {
    String group = file.getParent().getFileName().toString();
    String name = file.getFileName().toString().replaceFirst("\\.data$", "");
    Map<String, List<String>> sections = new LinkedHashMap<>();
    List<String> description = new ArrayList<>();
    List<String> current = null;
    int lineNumber = 0;
    for (String line : Files.readAllLines(file)) {
      lineNumber++;
      if (line.startsWith("-- ")) {
        String section = line.substring(3).strip();
        if (sections.containsKey(section)) {
          throw new IllegalArgumentException(file + ":" + lineNumber + ": a second -- " + section);
        }
        current = new ArrayList<>();
        sections.put(section, current);
      } else if (current == null) {
        if (!line.startsWith("#")) {
          throw new IllegalArgumentException(
              file + ":" + lineNumber + ": text before the first section: " + line);
        }
        description.add(line.substring(1).strip());
      } else {
        current.add(line);
      }
    }
    for (String section : sections.keySet()) {
      if (!List.of("asm", "context", "maps", "helpers", "result").contains(section)) {
        throw new IllegalArgumentException(file + ": unknown section -- " + section);
      }
    }
    List<String> asm = required(file, sections, "asm");
    List<String> result = required(file, sections, "result");
    return new VerifierCase(
        group,
        name,
        String.join(" ", description),
        String.join("\n", asm),
        sections.containsKey("context")
            ? Integer.parseInt(single(file, sections.get("context"), "context"))
            : null,
        maps(file, sections.getOrDefault("maps", List.of())),
        sections.containsKey("helpers")
            ? single(file, sections.get("helpers"), "helpers")
            : "linux",
        expected(file, single(file, result, "result")));
  }

  private static List<String> required(Path file, Map<String, List<String>> sections, String name) {
    List<String> lines = sections.get(name);
    if (lines == null) {
      throw new IllegalArgumentException(file + ": no -- " + name + " section");
    }
    return lines;
  }

  private static String single(Path file, List<String> lines, String section) {
    List<String> nonBlank = lines.stream().filter(l -> !l.isBlank()).toList();
    if (nonBlank.size() != 1) {
      throw new IllegalArgumentException(
          file + ": -- " + section + " takes one line, not " + nonBlank.size());
    }
    return nonBlank.get(0).strip();
  }

  private static List<MapDeclaration> maps(Path file, List<String> lines) {
    List<MapDeclaration> maps = new ArrayList<>();
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      Matcher m = MAP.matcher(line.strip());
      if (!m.matches()) {
        throw new IllegalArgumentException(
            file + ": a map is 'HANDLE TYPE key=K value=V entries=N', not '" + line + "'");
      }
      maps.add(
          new MapDeclaration(
              Integer.parseInt(m.group(1)),
              m.group(2),
              Integer.parseInt(m.group(3)),
              Integer.parseInt(m.group(4)),
              Integer.parseInt(m.group(5))));
    }
    return List.copyOf(maps);
  }

  private static Expected expected(Path file, String line) {
    if (line.equals("accepted")) {
      return Expected.ACCEPTED;
    }
    Matcher m = REFUSED.matcher(line);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          file + ": the result is 'accepted' or 'refused CODE at PC', not '" + line + "'");
    }
    return new Expected(m.group(1), Integer.parseInt(m.group(2)));
  }
}
