package org.csdlab.fluffle;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Parses and checks absolute paths ("/", "/a/b"). */
final class Paths {
  static final int MAX_NAME_BYTES = 255;

  private Paths() {}

  /** The names of {@code path}, root first; empty for "/". A single trailing '/' is allowed. */
  static List<String> names(String path) {
    if (path == null || !path.startsWith("/")) {
      throw new InvalidPathException(
          path,
          "path " + quote(path) + " must be absolute, starting with '/' (e.g. \"/data/a.bin\")");
    }
    if (path.startsWith("//")) {
      throw new InvalidPathException(
          path, "path \"" + path + "\" has an empty name; write the root as \"/\"");
    }
    String p =
        path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    List<String> names = new ArrayList<>();
    if (p.equals("/")) {
      return names;
    }
    for (String name : p.substring(1).split("/", -1)) {
      if (name.isEmpty() || name.equals(".") || name.equals("..")) {
        throw new InvalidPathException(
            path,
            "path "
                + quote(path)
                + " has an empty, \".\" or \"..\" name; write each"
                + " directory once, as in \"/a/b\"");
      }
      if (name.indexOf('\0') >= 0) {
        throw new InvalidPathException(path, "path " + quote(path) + " contains a NUL character");
      }
      int bytes = name.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > MAX_NAME_BYTES) {
        throw new NameTooLongException(
            path,
            "name \""
                + name.substring(0, 20)
                + "…\" in "
                + quote(path)
                + " is "
                + bytes
                + " bytes in UTF-8; names may have at most "
                + MAX_NAME_BYTES
                + " bytes");
      }
      names.add(name);
    }
    return names;
  }

  /** The path of the first {@code n} names. */
  static String prefix(List<String> names, int n) {
    return n == 0 ? "/" : "/" + String.join("/", names.subList(0, n));
  }

  private static String quote(String path) {
    return path == null ? "null" : "\"" + path + "\"";
  }
}
