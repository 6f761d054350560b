package dev.zuoraclient.callouts.cli;

import dev.zuoraclient.callouts.internal.IdRules;
import dev.zuoraclient.callouts.internal.SafeText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The IDs of a CSV export, such as a Data Query's on {@code notificationhistorycallout}: the {@code
 * Id} column, found by the header, so that the header and the other columns are never sent as IDs.
 *
 * <p>A file is read as CSV when its first line (of those not blank nor comments) is a header: it
 * holds a comma, or is a single column named {@code Id} (a Data Query of that column alone). The
 * header must have exactly one column named {@code Id} (in any case), or else exactly one named
 * {@code TABLE.Id} such as {@code notificationhistorycallout.Id}; a header with commas and no such
 * column is refused, naming the line and the columns, rather than read as IDs. Records follow RFC
 * 4180: fields separated by commas, a field in double quotes may hold commas, line breaks and
 * doubled quotes ({@code ""}). Every record must have as many fields as the header; blank lines and
 * lines starting with {@code #} between records are skipped, as in a list of IDs. The {@code Id}
 * field is stripped and checked as any ID, and the messages name the line.
 */
final class CsvIds {
  /** The longest record read, line breaks in quoted fields included: rows carry long URLs. */
  static final int MAX_RECORD = 64 * 1024;

  private final IdReader.Lines lines;
  private final String source;
  private final int headerLine;
  private final int fields;
  private final int idColumn;

  /**
   * Reads the header {@code header}, the line {@code lines} returned last.
   *
   * @throws IdReader.InvalidIdException when the header has no {@code Id} column, or several
   */
  CsvIds(String header, IdReader.Lines lines, String source)
      throws IOException, IdReader.InvalidIdException {
    this.lines = lines;
    this.source = source;
    this.headerLine = lines.number();
    List<String> names = record(header);
    this.fields = names.size();
    this.idColumn = idColumn(names);
  }

  /**
   * Whether {@code line}, the first that says anything, is a CSV header: it holds a comma, or it is
   * one column named {@code Id} or {@code TABLE.Id}, which no callout history ID is.
   */
  static boolean isHeader(String line) {
    if (line.indexOf(',') >= 0) {
      return true;
    }
    String s = IdRules.strip(line);
    if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
      s = s.substring(1, s.length() - 1).strip();
    }
    return isId(s) || isTableId(s);
  }

  private static boolean isId(String name) {
    return name.equalsIgnoreCase("Id");
  }

  private static boolean isTableId(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 && isId(name.substring(dot + 1));
  }

  private int idColumn(List<String> names) throws IdReader.InvalidIdException {
    List<Integer> exact = new ArrayList<>();
    List<Integer> qualified = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i).strip();
      if (isId(name)) {
        exact.add(i);
      } else if (isTableId(name)) {
        qualified.add(i);
      }
    }
    List<Integer> found = exact.isEmpty() ? qualified : exact;
    if (found.size() == 1) {
      return found.get(0);
    }
    String columns = SafeText.printable(String.join(", ", names));
    if (columns.length() > 200) {
      columns = columns.substring(0, 200) + "...";
    }
    throw new IdReader.InvalidIdException(
        "Line "
            + headerLine
            + " of "
            + source
            + (found.isEmpty()
                ? " looks like a CSV header (it holds a comma) but has no Id column (it has: "
                    + columns
                    + "): export the Id column, or give one callout history ID per line"
                : " is a CSV header with "
                    + found.size()
                    + " Id columns (it has: "
                    + columns
                    + "): keep one of them"));
  }

  /** Adds the {@code Id} of every record after the header to {@code ids}. */
  void readInto(List<String> ids) throws IOException, IdReader.InvalidIdException {
    for (String line = lines.next(MAX_RECORD); line != null; line = lines.next(MAX_RECORD)) {
      if (IdReader.skipped(line)) {
        continue;
      }
      int start = lines.number();
      List<String> record = record(line);
      if (record.size() != fields) {
        throw new IdReader.InvalidIdException(
            "Line "
                + start
                + " of "
                + source
                + " has "
                + record.size()
                + (record.size() == 1 ? " field" : " fields")
                + " where the CSV header on line "
                + headerLine
                + " has "
                + fields
                + " (a field holding a comma must be in double quotes)");
      }
      String id = IdRules.strip(record.get(idColumn));
      if (id.isEmpty()) {
        throw new IdReader.InvalidIdException(
            "Line "
                + start
                + " of "
                + source
                + " has an empty Id (column "
                + (idColumn + 1)
                + " of the CSV header on line "
                + headerLine
                + ")");
      }
      IdReader.add(ids, id, start, source);
    }
  }

  /**
   * The fields of the record that starts with {@code line}, reading further lines while a quoted
   * field is open (RFC 4180). A CR that ends a line outside quotes ends the record.
   */
  private List<String> record(String line) throws IOException, IdReader.InvalidIdException {
    int start = lines.number();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false; // inside a quoted field
    boolean closed = false; // a quoted field ended; only a comma or the end may follow
    int length = 0;
    String text = stripCr(line);
    while (true) {
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (quoted) {
          if (c != '"') {
            field.append(c);
          } else if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
            closed = true;
          }
        } else if (c == ',') {
          fields.add(field.toString());
          field.setLength(0);
          closed = false;
        } else if (closed) {
          throw malformed(start, "text after the closing quote of field " + (fields.size() + 1));
        } else if (c == '"') {
          if (field.length() > 0) {
            throw malformed(
                start,
                "a double quote inside field "
                    + (fields.size() + 1)
                    + ", which does not start with one (quote the field and double the quote)");
          }
          quoted = true;
        } else {
          field.append(c);
        }
      }
      if (!quoted) {
        fields.add(field.toString());
        return fields;
      }
      length += text.length() + 1;
      String next = lines.next(MAX_RECORD);
      if (next != null && length + next.length() > MAX_RECORD) {
        throw new IOException(
            "the CSV record that starts on line "
                + start
                + " is longer than "
                + MAX_RECORD
                + " characters");
      }
      if (next == null) {
        throw malformed(start, "a quoted field is not closed before the end of the file");
      }
      field.append('\n');
      text = stripCr(next);
    }
  }

  private static String stripCr(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  private IdReader.InvalidIdException malformed(int line, String what) {
    return new IdReader.InvalidIdException(
        "Line "
            + line
            + " of "
            + source
            + " is not valid CSV (RFC 4180): "
            + what
            + "; the file is read as CSV because of its header on line "
            + headerLine);
  }
}
