package org.csdlab.lab;

import java.util.ArrayList;
import java.util.List;
import org.csdlab.fluffle.FileStat;
import org.csdlab.fluffle.FluffleFs;
import org.csdlab.lab.display.Html;
import org.csdlab.lab.display.HtmlRenderable;

/**
 * The directory tree of the lab's filesystem with sizes: every directory and file, depth first in
 * name order, each directory with the total size of the files below it. At most {@link
 * #MAX_ENTRIES} entries are listed; {@link #omitted()} counts the rest.
 *
 * @param entries the entries listed, the root first
 * @param omitted entries past {@link #MAX_ENTRIES}, not listed
 */
public record FsTree(List<Entry> entries, long omitted) implements HtmlRenderable {
  /** The most entries listed. */
  public static final int MAX_ENTRIES = 1000;

  /**
   * A directory or file.
   *
   * @param path its absolute path
   * @param depth 0 for the root, 1 for what is in it, ...
   * @param directory whether it is a directory
   * @param sizeBytes a file's size, or the total size of the files below a directory
   */
  public record Entry(String path, int depth, boolean directory, long sizeBytes) {
    /** The last name of the path ({@code /} for the root). */
    public String name() {
      return path.equals("/") ? "/" : path.substring(path.lastIndexOf('/') + 1);
    }
  }

  public FsTree {
    entries = List.copyOf(entries);
  }

  static FsTree of(FluffleFs fs) {
    List<Entry> out = new ArrayList<>();
    long[] omitted = {0};
    walk(fs, "/", 0, out, omitted);
    return new FsTree(out, omitted[0]);
  }

  /**
   * Adds {@code path} and what is below it while there is room (counting the rest in {@code
   * omitted}); returns the bytes of the files below it. The walk is bounded by the inode count.
   */
  private static long walk(FluffleFs fs, String path, int depth, List<Entry> out, long[] omitted) {
    FileStat stat = fs.stat(path);
    boolean listed = out.size() < MAX_ENTRIES;
    if (!listed) {
      omitted[0]++;
    }
    if (!stat.isDirectory()) {
      if (listed) {
        out.add(new Entry(path, depth, false, stat.sizeBytes()));
      }
      return stat.sizeBytes();
    }
    int at = out.size();
    if (listed) {
      out.add(null); // the directory's entry, once its size is known
    }
    long total = 0;
    for (String name : fs.list(path)) {
      total += walk(fs, path.equals("/") ? "/" + name : path + "/" + name, depth + 1, out, omitted);
    }
    if (listed) {
      out.set(at, new Entry(path, depth, true, total));
    }
    return total;
  }

  /** Files listed. */
  public long files() {
    return entries.stream().filter(e -> !e.directory()).count();
  }

  /** Directories listed, the root aside. */
  public long directories() {
    return entries.stream().filter(Entry::directory).count() - 1;
  }

  /** As {@code FsTree[/: 2 directories, 3 files, 1.5 MiB]}. */
  @Override
  public String toString() {
    return "FsTree[/: "
        + directories()
        + (directories() == 1 ? " directory, " : " directories, ")
        + files()
        + (files() == 1 ? " file, " : " files, ")
        + Quantities.bytes(entries.get(0).sizeBytes())
        + (omitted == 0 ? "" : "; " + omitted + " more not listed")
        + "]";
  }

  @Override
  public String toHtml() {
    StringBuilder table =
        new StringBuilder(Html.tableStart()).append(Html.headerRow(List.of("name", "size")));
    for (Entry entry : entries) {
      table
          .append("<tr data-path=\"")
          .append(Html.escape(entry.path()))
          .append("\" data-type=\"")
          .append(entry.directory() ? "directory" : "file")
          .append("\" data-size=\"")
          .append(entry.sizeBytes())
          .append("\">")
          .append(
              Html.cell(
                  (entry.directory() ? "📁 " : "📄 ")
                      + entry.name()
                      + (entry.directory() && entry.depth() > 0 ? "/" : ""),
                  "padding-left:" + (6 + 18 * entry.depth()) + "px"))
          .append(
              Html.cell(
                  Quantities.bytes(entry.sizeBytes()) + (entry.directory() ? " in all" : ""),
                  "text-align:right"))
          .append("</tr>");
    }
    table.append("</table>");
    String more =
        omitted == 0
            ? ""
            : "<div>" + Html.escape("… and " + omitted + " more entries not listed") + "</div>";
    return Html.panel(toString(), table + more);
  }
}
