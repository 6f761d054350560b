package dev.zuoraclient.callouts.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/** The checks of every duration setting, with one wording for each rule. */
public final class Durations {
  /** The longest timeout a socket takes: {@code Integer.MAX_VALUE} milliseconds, about 24 days. */
  private static final Duration MAX_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);

  private Durations() {}

  /** A timeout: positive, and under 24 days. */
  public static Duration positive(String field, Duration d) {
    Objects.requireNonNull(d, field + " must not be null");
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(field + " must be positive (got " + d + ")");
    }
    if (d.compareTo(MAX_TIMEOUT) > 0) {
      throw new IllegalArgumentException(field + " must be under 24 days (got " + d + ")");
    }
    return d;
  }

  /** A wait: zero or more. */
  public static Duration nonNegative(String field, Duration d) {
    Objects.requireNonNull(d, field + " must not be null");
    if (d.isNegative()) {
      throw new IllegalArgumentException(field + " must not be negative (got " + d + ")");
    }
    return d;
  }

  /** A wait: zero or more, and at most {@code max}. */
  public static Duration nonNegative(String field, Duration d, Duration max) {
    if (nonNegative(field, d).compareTo(max) > 0) {
      throw new IllegalArgumentException(field + " must be at most " + max + " (got " + d + ")");
    }
    return d;
  }

  /** {@code 5 s}, or {@code 2.5 s}: a duration as a person reads a wait. */
  public static String seconds(Duration d) {
    long millis = d.toMillis();
    return millis % 1000 == 0
        ? millis / 1000 + " s"
        : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }
}
