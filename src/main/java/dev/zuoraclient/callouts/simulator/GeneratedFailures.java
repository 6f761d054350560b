package dev.zuoraclient.callouts.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A callout history of {@code count} failed callouts spread evenly over {@code [from, to)}, made up
 * on demand and never stored, so that a run of millions of rows costs no memory. Row {@code i} is
 * the same every time: its ID is 32 hex characters that sort as {@code i} does (so the rows come in
 * the query's order, by time then ID), and it cycles through a few response codes, event
 * categories, notifications and accounts.
 */
record GeneratedFailures(int count, Instant from, Instant to) {
  static final List<Integer> RESPONSE_CODES = List.of(500, 503, -1);
  static final List<String> EVENT_CATEGORIES =
      List.of("InvoicePosted", "PaymentProcessed", "SubscriptionCreated", "AccountUpdated");
  private static final int NOTIFICATIONS = 4;
  private static final int ACCOUNTS = 1000;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  GeneratedFailures {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative (got " + count + ")");
    }
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException(
          "from (" + from + ") must be before to (" + to + ") for generated failures");
    }
    if (Duration.between(from, to).toMillis() < 1) {
      throw new IllegalArgumentException(
          "the window of generated failures must be at least 1 ms (from " + from + ")");
    }
    from = Instant.ofEpochMilli(from.toEpochMilli());
    to = Instant.ofEpochMilli(to.toEpochMilli());
  }

  /** Row {@code i}, from 0 to {@code count - 1}. */
  CalloutRecord row(int i) {
    return new CalloutRecord(
        hex(0xa0, i),
        Instant.ofEpochMilli(millisOf(i)),
        RESPONSE_CODES.get(i % RESPONSE_CODES.size()),
        EVENT_CATEGORIES.get(i % EVENT_CATEGORIES.size()),
        hex(0xb0, i % NOTIFICATIONS),
        hex(0xc0, i),
        hex(0xd0, i % ACCOUNTS));
  }

  /** The first row created at or after {@code t}; {@code count} when there is none. */
  int firstAtOrAfter(Instant t) {
    long millis = t.toEpochMilli() + (t.getNano() % 1_000_000 == 0 ? 0 : 1);
    int lo = 0;
    int hi = count;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (millisOf(mid) < millis) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** from + floor(span * i / count), exactly and without overflow. */
  private long millisOf(int i) {
    long span = to.toEpochMilli() - from.toEpochMilli();
    return from.toEpochMilli() + span / count * i + span % count * i / count;
  }

  /** 32 lowercase hex characters: a kind tag in the first two, {@code n} in the last sixteen. */
  private static String hex(int kind, long n) {
    // String.format would cost more than the rest of a row together.
    char[] c = new char[32];
    c[0] = HEX[(kind >>> 4) & 15];
    c[1] = HEX[kind & 15];
    long tag = 0x5eedL;
    for (int k = 15; k >= 2; k--, tag >>>= 4) {
      c[k] = HEX[(int) (tag & 15)];
    }
    long v = n;
    for (int k = 31; k >= 16; k--, v >>>= 4) {
      c[k] = HEX[(int) (v & 15)];
    }
    return new String(c);
  }
}
