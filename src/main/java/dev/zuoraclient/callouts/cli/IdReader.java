package dev.zuoraclient.callouts.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Collects the callout history IDs of a run: the positional arguments, then the lines of {@code
 * --ids-file} (a path, or {@code -} for stdin).
 *
 * <p>File lines are trimmed, and blank lines and lines starting with {@code #} are skipped, so that
 * the output of a Data Query export or a hand-edited list can be used as is. Positional IDs are
 * taken exactly as given; the library rejects a blank one with a message naming it.
 */
final class IdReader {
  /** The {@code --ids-file} value that means stdin. */
  static final String STDIN = "-";

  private IdReader() {}

  /**
   * The unique IDs, in the order first given.
   *
   * @param positional the ID arguments
   * @param idsFile a path, {@link #STDIN}, or null for none
   * @param stdin read when {@code idsFile} is {@link #STDIN}; left open
   * @throws IOException when the file cannot be read or is not UTF-8
   */
  static List<String> read(List<String> positional, String idsFile, InputStream stdin)
      throws IOException {
    LinkedHashSet<String> ids = new LinkedHashSet<>(positional);
    if (idsFile != null) {
      if (idsFile.equals(STDIN)) {
        // Not closed: stdin belongs to the caller.
        ids.addAll(lines(new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8))));
      } else {
        try (BufferedReader reader = Files.newBufferedReader(Path.of(idsFile))) {
          ids.addAll(lines(reader));
        }
      }
    }
    return List.copyOf(ids);
  }

  private static List<String> lines(BufferedReader reader) throws IOException {
    List<String> ids = new ArrayList<>();
    boolean first = true;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      if (first && line.startsWith("\uFEFF")) {
        line = line.substring(1); // a byte order mark, as some Windows editors write
      }
      first = false;
      String id = line.trim();
      if (!id.isEmpty() && !id.startsWith("#")) {
        ids.add(id);
      }
    }
    return ids;
  }
}
