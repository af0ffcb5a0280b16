package org.csdlab.lab.json;

import org.csdlab.ebpf.Excerpt;

/**
 * A JSON file the lab could not read or write: names the file, the place in it (line and column,
 * from 1; 0 when the problem has no place), the field (a path such as {@code geometry.zoneCount} or
 * {@code datasets[2].seed}, empty for the whole document) and what was wrong:
 *
 * <pre>
 * datasets/manifest.json:9:15: field 'datasets[0].seed': expected a whole number (long), found the string "seven"
 * </pre>
 */
public final class LabJsonException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final int column;
  private final String field;
  private final String problem;

  LabJsonException(
      String file, int line, int column, String field, String problem, Throwable cause) {
    super(
        Excerpt.of(file, Excerpt.MAX_LIST_CHARS)
            + (line > 0 ? ":" + line + ":" + column : "")
            + (field.isEmpty() ? "" : ": field '" + field + "'")
            + ": "
            + problem,
        cause);
    this.file = file;
    this.line = line;
    this.column = column;
    this.field = field;
    this.problem = problem;
  }

  LabJsonException(String file, String field, String problem, Throwable cause) {
    this(file, 0, 0, field, problem, cause);
  }

  /** The file (or {@code <string>} for JSON text that came from no file). */
  public String file() {
    return file;
  }

  /** The line of the problem, from 1; 0 when it has no place in the text (a missing file, say). */
  public int line() {
    return line;
  }

  /** The column of the problem, from 1; 0 when it has no place in the text. */
  public int column() {
    return column;
  }

  /**
   * The field at fault as a dotted path with {@code [i]} for array elements; empty when the problem
   * is the document.
   */
  public String field() {
    return field;
  }

  /**
   * What was wrong, e.g. {@code is missing} or {@code expected a whole number (long), found the
   * string "x"}.
   */
  public String problem() {
    return problem;
  }
}
