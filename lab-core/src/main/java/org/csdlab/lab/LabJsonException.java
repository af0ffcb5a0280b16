package org.csdlab.lab;

/**
 * A JSON file the lab could not read or write: names the file, the field (a path such as
 * {@code geometry.zoneCount}, empty for the whole document) and what was wrong.
 */
public final class LabJsonException extends RuntimeException {
  private final String file;
  private final String field;

  LabJsonException(String file, String field, String problem, Throwable cause) {
    super(file + (field.isEmpty() ? "" : ": field '" + field + "'") + ": " + problem, cause);
    this.file = file;
    this.field = field;
  }

  /** The file (or {@code <string>} for JSON text that came from no file). */
  public String file() {
    return file;
  }

  /** The field at fault as a dotted path with {@code [i]} for array elements; empty when the problem is the document. */
  public String field() {
    return field;
  }
}
