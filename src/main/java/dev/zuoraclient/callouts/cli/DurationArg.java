package dev.zuoraclient.callouts.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A duration on the command line, as an operator writes one: {@code 90s}, {@code 10m}, {@code
 * 1h30m}, {@code 500ms}, or ISO-8601 ({@code PT10M}). A bare number is refused: seconds or minutes?
 * It must be positive and under 24 days (the longest a timeout can be).
 */
final class DurationArg implements ITypeConverter<Duration> {
  private static final Pattern PART = Pattern.compile("([0-9]{1,9})(ms|h|m|s)");
  private static final Duration MAX = Duration.ofDays(24);

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  static Duration parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    Duration d;
    if (v.startsWith("p")) {
      try {
        d = Duration.parse(v.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw refused(value);
      }
    } else {
      d = Duration.ZERO;
      Matcher m = PART.matcher(v);
      int at = 0;
      while (at < v.length() && m.find(at) && m.start() == at) {
        long n = Long.parseLong(m.group(1));
        d =
            d.plus(
                switch (m.group(2)) {
                  case "h" -> Duration.ofHours(n);
                  case "m" -> Duration.ofMinutes(n);
                  case "s" -> Duration.ofSeconds(n);
                  default -> Duration.ofMillis(n);
                });
        at = m.end();
      }
      if (v.isEmpty() || at != v.length()) {
        throw refused(value);
      }
    }
    if (d.isNegative() || d.isZero() || d.compareTo(MAX) >= 0) {
      throw new TypeConversionException("must be positive and under 24 days (got '" + value + "')");
    }
    return d;
  }

  private static TypeConversionException refused(String value) {
    return new TypeConversionException(
        "not a duration: '"
            + value
            + "' (write it as 90s, 10m, 1h30m or 500ms: a number alone has no unit)");
  }
}
