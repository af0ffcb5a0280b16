package org.csdlab.lab.kernel;

/** The {@value CsdlabKernel#TRACE_MAGIC} first line, which asks for a cell's full stack traces. */
final class TraceMagic {

  private TraceMagic() {}

  /** True when the cell's first line is the magic alone. */
  static boolean present(String code) {
    int newline = code.indexOf('\n');
    String first = newline < 0 ? code : code.substring(0, newline);
    return first.strip().equals(CsdlabKernel.TRACE_MAGIC);
  }

  /** The cell with the magic line blanked, so that line numbers stay those the reader sees. */
  static String strip(String code) {
    int newline = code.indexOf('\n');
    return newline < 0 ? "" : code.substring(newline);
  }
}
