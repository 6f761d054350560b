package dev.zuoraclient.callouts.history;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The failed callouts a find kept: complete and checked before the find returned (a cut or
 * malformed result file fails the find, it never becomes a shorter list), one per ID, in Zuora's
 * order (by create time, then ID). Iterable any number of times; {@link #ids()} feeds {@code
 * resendAll} directly:
 *
 * <pre>{@code
 * try (FailedCallouts failed = client.findFailedCallouts(query)) {
 *   BatchResendResult result = client.resendAll(failed.ids());
 * }
 * }</pre>
 *
 * <p>The client's result is held in a temporary file (owner-only, deleted by {@link #close()}), so
 * a million callouts take no more heap than their iteration does. Not thread-safe to close while
 * iterating.
 */
public interface FailedCallouts extends Iterable<FailedCallout>, AutoCloseable {

  /** The query that found them. */
  FailedCalloutQuery query();

  /** What was read and kept. */
  FindSummary summary();

  /** How many were kept: {@code summary().found()}. */
  default long size() {
    return summary().found();
  }

  /** The failed callouts, in order. */
  @Override
  Iterator<FailedCallout> iterator();

  /** The IDs of the failed callouts, in order: what {@code resendAll} takes. */
  default Iterable<String> ids() {
    return () -> {
      Iterator<FailedCallout> callouts = iterator();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return callouts.hasNext();
        }

        @Override
        public String next() {
          return callouts.next().id();
        }
      };
    };
  }

  /** The failed callouts as a sequential stream. */
  default Stream<FailedCallout> stream() {
    return StreamSupport.stream(spliterator(), false);
  }

  /** Lets go of what holds the result (its temporary file); idempotent. */
  @Override
  void close();

  /**
   * A result held in memory, with its summary worked out as the client's is (duplicates count once,
   * superseded ones are left out unless the query keeps them, IDs are not checked): for tests and
   * stand-ins of the client.
   */
  static FailedCallouts of(FailedCalloutQuery query, List<FailedCallout> rows) {
    Objects.requireNonNull(query, "query");
    Set<String> seen = new LinkedHashSet<>();
    List<FailedCallout> kept = new ArrayList<>();
    long superseded = 0;
    long duplicates = 0;
    SortedMap<Integer, Long> byCode = new TreeMap<>();
    SortedMap<String, Long> byCategory = new TreeMap<>();
    for (FailedCallout c : rows) {
      if (!seen.add(c.id())) {
        duplicates++;
      } else if (c.superseded() && !query.includeSuperseded()) {
        superseded++;
      } else {
        kept.add(c);
        byCode.merge(c.responseCode(), 1L, Long::sum);
        byCategory.merge(c.eventCategory().orElse(""), 1L, Long::sum);
      }
    }
    FindSummary summary =
        new FindSummary(
            "", rows.size(), kept.size(), superseded, duplicates, 0, List.of(), byCode, byCategory);
    List<FailedCallout> result = List.copyOf(kept);
    return new FailedCallouts() {
      @Override
      public FailedCalloutQuery query() {
        return query;
      }

      @Override
      public FindSummary summary() {
        return summary;
      }

      @Override
      public Iterator<FailedCallout> iterator() {
        return result.iterator();
      }

      @Override
      public void close() {}
    };
  }
}
