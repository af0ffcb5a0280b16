package org.csdlab.ebpf.elf;

import java.util.List;

/**
 * A program asked for by a name that several sections or functions of one object share, e.g. two
 * executable sections both named {@code prog}. Section names are not unique in ELF; the section
 * index is, so the message lists each candidate's index and says how to choose one.
 */
public final class AmbiguousNameException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** One section or function the name could mean. */
  public record Candidate(int sectionIndex, String sectionName, String function) {
    /**
     * What to ask {@link ElfObject#program(String)} for to get this one: {@code #3} or {@code
     * #3:f}.
     */
    public String selector() {
      return ElfObject.INDEX_PREFIX + sectionIndex + (function == null ? "" : ":" + function);
    }

    @Override
    public String toString() {
      return (function == null ? "section" : "function '" + function + "' in section")
          + " #"
          + sectionIndex
          + " '"
          + sectionName
          + "'";
    }
  }

  private final String name;
  private final List<Candidate> candidates;

  AmbiguousNameException(String name, List<Candidate> candidates) {
    super(
        "'"
            + name
            + "' is ambiguous: it names "
            + candidates.size()
            + " "
            + (candidates.get(0).function() == null ? "sections with code" : "functions")
            + " ("
            + String.join(", ", candidates.stream().map(Candidate::toString).toList())
            + "); choose one by section index, e.g. '"
            + candidates.get(0).selector()
            + "'");
    this.name = name;
    this.candidates = List.copyOf(candidates);
  }

  /** The name asked for. */
  public String name() {
    return name;
  }

  /** What the name could mean, in section order. */
  public List<Candidate> candidates() {
    return candidates;
  }
}
