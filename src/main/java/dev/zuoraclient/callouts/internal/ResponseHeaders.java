package dev.zuoraclient.callouts.internal;

import dev.zuoraclient.callouts.RateLimit;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

/**
 * Reads Zuora's response headers, by the names the spec declares ({@link SpecRules}); tolerant of
 * absent or malformed values.
 */
final class ResponseHeaders {
  static final String REQUEST_ID = SpecRules.RESPONSE_ZUORA_REQUEST_ID;
  static final String TRACK_ID = SpecRules.RESPONSE_ZUORA_TRACK_ID;
  static final String CHALLENGE = SpecRules.RESPONSE_WWW_AUTHENTICATE;

  /**
   * The longest wait a server is believed: a {@code Retry-After} or {@code RateLimit-Reset} past it
   * is taken as this long (far beyond any call's deadline, so the call is not retried), never
   * ignored.
   */
  static final Duration MAX_SERVER_WAIT = Duration.ofDays(1);

  private static final java.util.regex.Pattern SECONDS =
      java.util.regex.Pattern.compile("[0-9]+(\\.[0-9]+)?([eE]\\+?[0-9]+)?");

  private ResponseHeaders() {}

  /** The first value of a header (names are case-insensitive in Feign's map), or null. */
  static String first(Map<String, Collection<String>> headers, String name) {
    Collection<String> values = headers.get(name);
    if (values == null) {
      for (Map.Entry<String, Collection<String>> e : headers.entrySet()) {
        if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
          values = e.getValue();
          break;
        }
      }
    }
    if (values == null || values.isEmpty()) {
      return null;
    }
    String v = values.iterator().next();
    return v == null ? null : v.trim();
  }

  /** The headers the spec declares on the operation's answers that were sent, scrubbed. */
  static Map<String, String> declared(
      Map<String, Collection<String>> headers, UnaryOperator<String> scrub) {
    Map<String, String> declared = new LinkedHashMap<>();
    for (String name : SpecRules.RESPONSE_HEADERS) {
      String value = first(headers, name);
      if (value != null) {
        declared.put(name, scrub.apply(value));
      }
    }
    return declared;
  }

  /** The {@code RateLimit-*} headers, or null when none was sent. */
  static RateLimit rateLimit(Map<String, Collection<String>> headers) {
    String limit = first(headers, SpecRules.RESPONSE_RATELIMIT_LIMIT);
    String remaining = first(headers, SpecRules.RESPONSE_RATELIMIT_REMAINING);
    String reset = first(headers, SpecRules.RESPONSE_RATELIMIT_RESET);
    if (limit == null && remaining == null && reset == null) {
      return null;
    }
    return new RateLimit(
        Optional.ofNullable(limit),
        remaining == null ? OptionalLong.empty() : parseLong(remaining),
        Optional.ofNullable(seconds(reset)));
  }

  /**
   * {@code Retry-After}: delay-seconds or an HTTP date, relative to {@code clock}; null when absent
   * or unreadable. A date in the past gives zero.
   */
  static Duration retryAfter(Map<String, Collection<String>> headers, Clock clock) {
    String value = first(headers, SpecRules.RESPONSE_RETRY_AFTER);
    if (value == null || value.isEmpty()) {
      return null;
    }
    Duration d = seconds(value);
    if (d != null) {
      return d;
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration until = Duration.between(clock.instant(), at.toInstant());
      return until.isNegative() ? Duration.ZERO : min(until);
    } catch (DateTimeParseException | ArithmeticException e) {
      return null;
    }
  }

  /**
   * A non-negative decimal number of seconds (RFC 9110's delay-seconds, and the fractions and
   * exponents some servers send), at most {@link #MAX_SERVER_WAIT} (an absurd number, {@code 1e400}
   * too, is that long); null for anything else.
   */
  static Duration seconds(String value) {
    if (value == null) {
      return null;
    }
    if (!SECONDS.matcher(value).matches()) {
      return null; // not "-5", "NaN", "Infinity", "0x1p3" or "soon": none of those is a wait
    }
    try {
      double s = Double.parseDouble(value);
      return s >= MAX_SERVER_WAIT.toSeconds()
          ? MAX_SERVER_WAIT
          : Duration.ofMillis((long) Math.ceil(s * 1000));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Duration min(Duration d) {
    return d.compareTo(MAX_SERVER_WAIT) > 0 ? MAX_SERVER_WAIT : d;
  }

  private static OptionalLong parseLong(String value) {
    try {
      double d = Double.parseDouble(value);
      return d >= 0 ? OptionalLong.of((long) d) : OptionalLong.empty();
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
