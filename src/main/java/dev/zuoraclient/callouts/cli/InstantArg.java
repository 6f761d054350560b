package dev.zuoraclient.callouts.cli;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A point in time on the command line: ISO-8601 with a zone offset, {@code 2026-12-01T02:00:00Z} or
 * {@code 2026-12-01T03:00:00+01:00}. A time without an offset is refused: whose 2 a.m.? The
 * operator's, the tenant's and UTC differ by hours, and a window off by hours finds the wrong
 * callouts without a word.
 */
final class InstantArg implements ITypeConverter<Instant> {
  @Override
  public Instant convert(String value) {
    return parse(value);
  }

  static Instant parse(String value) {
    String v = value.trim();
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      // not with an offset; say why below
    }
    try {
      LocalDateTime.parse(v);
      throw new TypeConversionException(
          "'"
              + value
              + "' has no zone offset: add Z for UTC (for example "
              + v
              + "Z) or the offset you mean (+01:00)");
    } catch (DateTimeParseException e) {
      throw new TypeConversionException(
          "not an ISO-8601 time: '"
              + value
              + "' (write it as 2026-12-01T02:00:00Z, or with an offset such as +01:00)");
    }
  }

  /** For a message: the instant as ISO-8601 UTC. */
  static String show(Instant instant) {
    return instant.toString();
  }
}
