package dev.zuoraclient.callouts.cli;

import dev.zuoraclient.callouts.internal.IdRule;
import dev.zuoraclient.callouts.internal.SafeText;
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
 * <p>Every ID, argument or line, loses the whitespace at its ends in the sense of the library's ID
 * rule ({@link IdRule#strip}: a no-break space too), so that an ID pasted from a web page or
 * exported by a Data Query with a trailing U+00A0 is that ID, and two such spellings of one ID
 * count once. A byte order mark is skipped at the start of the file. What is left must keep the
 * library's rule ({@link IdRule#problem}): an invisible character inside (a byte order mark where
 * two files were joined, a zero-width space) or an ID argument blank after stripping is refused,
 * naming the argument or the line, rather than sent as an ID that prints like another.
 *
 * <p>Blank lines and lines starting with {@code #} are skipped, so that the output of a Data Query
 * export or a hand-edited list can be used as is.
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

  private static final char BYTE_ORDER_MARK = '\uFEFF';

  /** An ID that breaks the rule; the message names the argument or the line and the rule. */
  static final class InvalidIdException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidIdException(String message) {
      super(message);
    }
  }

  private IdReader() {}

  /**
   * The unique IDs, stripped, in the order first given.
   *
   * @param positional the ID arguments
   * @param idsFile a path, {@link #STDIN}, or null for none
   * @param stdin read when {@code idsFile} is {@link #STDIN}; left open
   * @throws IOException when the file cannot be read, is not a regular file, is not UTF-8, or has a
   *     line that is too long
   * @throws InvalidIdException when an argument or a line breaks the ID rule
   */
  static List<String> read(List<String> positional, String idsFile, InputStream stdin)
      throws IOException, InvalidIdException {
    LinkedHashSet<String> ids = new LinkedHashSet<>();
    for (int i = 0; i < positional.size(); i++) {
      ids.add(checkedArgument(IdRule.strip(positional.get(i)), i + 1));
    }
    if (idsFile != null) {
      if (idsFile.equals(STDIN)) {
        // Not closed: stdin belongs to the caller.
        ids.addAll(lines(stdin, "stdin (--ids-file -)"));
      } else {
        Path path = Path.of(idsFile);
        if (Files.exists(path) && !Files.isRegularFile(path)) {
          throw new IOException(
              "not a regular file (a directory, device or FIFO is not read; use '-' to read a"
                  + " pipe from stdin)");
        }
        try (InputStream in = Files.newInputStream(path)) {
          ids.addAll(lines(in, "--ids-file '" + SafeText.printable(idsFile) + "'"));
        }
      }
    }
    return List.copyOf(ids);
  }

  private static List<String> lines(InputStream in, String source)
      throws IOException, InvalidIdException {
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
            add(ids, line, lineNumber++, source);
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
    add(ids, line, lineNumber, source);
    return ids;
  }

  private static void add(List<String> ids, StringBuilder line, int lineNumber, String source)
      throws InvalidIdException {
    // A byte order mark, as some Windows editors write, starts the file; anywhere else it is part
    // of the text, and the rule refuses it.
    int start = lineNumber == 1 && line.length() > 0 && line.charAt(0) == BYTE_ORDER_MARK ? 1 : 0;
    String id = IdRule.strip(line.substring(start));
    if (id.isEmpty() || id.startsWith("#")) {
      return;
    }
    String problem = IdRule.problem(id);
    if (problem != null) {
      throw new InvalidIdException(
          "The ID on line "
              + lineNumber
              + " of "
              + source
              + " "
              + problem
              + (id.indexOf(BYTE_ORDER_MARK) < 0
                  ? ""
                  : "; a byte order mark is skipped only at the start of the file (were two files"
                      + " joined?)"));
    }
    ids.add(id);
  }

  private static String checkedArgument(String id, int number) throws InvalidIdException {
    String problem = IdRule.problem(id);
    if (problem != null) {
      throw new InvalidIdException("ID argument " + number + " " + problem);
    }
    return id;
  }
}
