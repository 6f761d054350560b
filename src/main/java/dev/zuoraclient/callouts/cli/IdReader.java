package dev.zuoraclient.callouts.cli;

import dev.zuoraclient.callouts.internal.IdRules;
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
 * rule ({@link IdRules#strip}: a no-break space too), so that an ID pasted from a web page or
 * exported by a Data Query with a trailing U+00A0 is that ID, and two such spellings of one ID
 * count once. A byte order mark is skipped at the start of the file. What is left must keep the
 * library's rule ({@link IdRules#problem}): an invisible character inside (a byte order mark where
 * two files were joined, a zero-width space) or an ID argument blank after stripping is refused,
 * naming the argument or the line, rather than sent as an ID that prints like another.
 *
 * <p>Blank lines and lines starting with {@code #} are skipped, so that a hand-edited list can be
 * used as is. A CSV export with an {@code Id} column (a Data Query's) gives that column: when the
 * first line that says anything is a CSV header, the file is read by {@link CsvIds}; any other file
 * is read one ID per line, exactly as before CSV was understood.
 *
 * <p>Reading is bounded and strict: a file must be a regular file (a device such as {@code
 * /dev/zero}, or a FIFO, may never end), must be UTF-8, and no line may be longer than {@value
 * #MAX_LINE} characters (a CSV record, {@value CsvIds#MAX_RECORD}).
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
      ids.add(checkedArgument(IdRules.strip(positional.get(i)), i + 1));
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

  /**
   * The IDs of a file or stdin: one per line, or the {@code Id} column of a CSV whose first line
   * (of those not blank nor comments) is a header with such a column ({@link CsvIds}).
   */
  private static List<String> lines(InputStream in, String source)
      throws IOException, InvalidIdException {
    Lines lines =
        new Lines(
            new InputStreamReader(
                in,
                StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)));
    List<String> ids = new ArrayList<>();
    try {
      // The first line that says anything decides the form: a CSV header, or the first ID. Both
      // are short; only the records after a header may be longer than an ID's line.
      String first;
      do {
        first = lines.next(MAX_LINE);
        if (first == null) {
          return ids;
        }
        if (lines.number() == 1 && !first.isEmpty() && first.charAt(0) == BYTE_ORDER_MARK) {
          // A byte order mark, as some Windows editors write, starts the file; anywhere else it
          // is part of the text, and the rule refuses it.
          first = first.substring(1);
        }
      } while (skipped(first));
      if (CsvIds.isHeader(first)) {
        new CsvIds(first, lines, source).readInto(ids);
        return ids;
      }
      add(ids, first, lines.number(), source);
      for (String line = lines.next(MAX_LINE); line != null; line = lines.next(MAX_LINE)) {
        if (!skipped(line)) {
          add(ids, line, lines.number(), source);
        }
      }
    } catch (CharacterCodingException e) {
      throw new IOException("the text is not UTF-8", e);
    }
    return ids;
  }

  /** Blank lines and lines starting with {@code #} (once stripped) say nothing. */
  static boolean skipped(String line) {
    String s = IdRules.strip(line);
    return s.isEmpty() || s.startsWith("#");
  }

  /**
   * Checks the ID {@code value} (stripped here) found on {@code lineNumber} and adds it.
   *
   * @throws InvalidIdException naming the line when it breaks the rule
   */
  static void add(List<String> ids, String value, int lineNumber, String source)
      throws InvalidIdException {
    String id = IdRules.strip(value);
    String problem = IdRules.problem(id);
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

  /** The physical lines of a text, numbered from 1, each bounded. */
  static final class Lines {
    private final Reader reader;
    private final char[] buf = new char[8192];
    private int pos;
    private int len;
    private int number;

    Lines(Reader reader) {
      this.reader = reader;
    }

    /** The number of the line {@link #next} returned last. */
    int number() {
      return number;
    }

    /**
     * The next line, without its LF (a CR before it stays: it is whitespace, stripped with the
     * rest), or null at the end of the text.
     *
     * @throws IOException when the line is longer than {@code max} characters
     */
    String next(int max) throws IOException {
      StringBuilder line = new StringBuilder();
      boolean any = false;
      while (true) {
        if (pos == len) {
          int n = reader.read(buf);
          pos = 0;
          len = Math.max(n, 0);
          if (n < 0) {
            if (!any) {
              return null;
            }
            number++;
            return line.toString();
          }
          continue;
        }
        any = true;
        char c = buf[pos++];
        if (c == '\n') {
          number++;
          return line.toString();
        }
        if (line.length() == max) {
          throw new IOException("line " + (number + 1) + " is longer than " + max + " characters");
        }
        line.append(c);
      }
    }
  }

  private static String checkedArgument(String id, int number) throws InvalidIdException {
    String problem = IdRules.problem(id);
    if (problem != null) {
      throw new InvalidIdException("ID argument " + number + " " + problem);
    }
    return id;
  }
}
