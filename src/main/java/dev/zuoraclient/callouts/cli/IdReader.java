package dev.zuoraclient.callouts.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
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
 *
 * <p>Reading is bounded and strict: a file must be a regular file (a device such as {@code
 * /dev/zero}, or a FIFO, may never end), must be UTF-8, and no line may be longer than {@value
 * #MAX_LINE} characters.
 */
final class IdReader {
  /** The {@code --ids-file} value that means stdin. */
  static final String STDIN = "-";

  /** The longest line read: an ID of the longest length the library takes, with room to spare. */
  static final int MAX_LINE = 1024;

  private IdReader() {}

  /**
   * The unique IDs, in the order first given.
   *
   * @param positional the ID arguments
   * @param idsFile a path, {@link #STDIN}, or null for none
   * @param stdin read when {@code idsFile} is {@link #STDIN}; left open
   * @throws IOException when the file cannot be read, is not a regular file, is not UTF-8, or has a
   *     line that is too long
   */
  static List<String> read(List<String> positional, String idsFile, InputStream stdin)
      throws IOException {
    LinkedHashSet<String> ids = new LinkedHashSet<>(positional);
    if (idsFile != null) {
      if (idsFile.equals(STDIN)) {
        // Not closed: stdin belongs to the caller.
        ids.addAll(lines(stdin));
      } else {
        Path path = Path.of(idsFile);
        if (Files.exists(path) && !Files.isRegularFile(path)) {
          throw new IOException(
              "not a regular file (a directory, device or FIFO is not read; use '-' to read a"
                  + " pipe from stdin)");
        }
        try (InputStream in = Files.newInputStream(path)) {
          ids.addAll(lines(in));
        }
      }
    }
    return List.copyOf(ids);
  }

  private static List<String> lines(InputStream in) throws IOException {
    Reader reader =
        new InputStreamReader(
            in,
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    List<String> ids = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    int lineNumber = 1;
    char[] buf = new char[8192];
    try {
      for (int n = reader.read(buf); n >= 0; n = reader.read(buf)) {
        for (int i = 0; i < n; i++) {
          char c = buf[i];
          if (c == '\n') {
            add(ids, line, lineNumber++);
            line.setLength(0);
          } else if (line.length() == MAX_LINE) {
            throw new IOException(
                "line " + lineNumber + " is longer than " + MAX_LINE + " characters");
          } else {
            line.append(c);
          }
        }
      }
    } catch (CharacterCodingException e) {
      throw new IOException("the text is not UTF-8", e);
    }
    add(ids, line, lineNumber);
    return ids;
  }

  private static void add(List<String> ids, StringBuilder line, int lineNumber) {
    int start = lineNumber == 1 && line.length() > 0 && line.charAt(0) == '\uFEFF' ? 1 : 0;
    String id = line.substring(start).trim(); // a byte order mark, as some Windows editors write
    if (!id.isEmpty() && !id.startsWith("#")) {
      ids.add(id);
    }
  }
}
