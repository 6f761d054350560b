package dev.zuoraclient.callouts.history;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a find read and what it kept. Every row of Zuora's result is in exactly one of: {@link
 * #found()} (to resend), {@link #superseded()}, {@link #duplicates()} or {@link #invalid()}:
 * nothing is dropped without being counted.
 *
 * @param jobId the Data Query job's ID, or empty for a result not read from Zuora
 * @param rows the rows Zuora's result file held (it said how many, and the client checked)
 * @param found the failed callouts kept, one per ID
 * @param superseded failures left out because a later callout of the same notification for the same
 *     object succeeded (0 when the query {@linkplain FailedCalloutQuery#includeSuperseded() keeps
 *     them})
 * @param duplicates rows whose ID an earlier row had
 * @param invalid rows whose ID breaks the ID rules and so cannot be resent; {@link #invalidRows()}
 *     shows the first of them
 * @param invalidRows up to {@link #MAX_INVALID_SHOWN} of the invalid rows, in file order
 * @param foundByResponseCode the found callouts by the receiver's status
 * @param foundByEventCategory the found callouts by event category ({@code ""} for none)
 */
public record FindSummary(
    String jobId,
    long rows,
    long found,
    long superseded,
    long duplicates,
    long invalid,
    List<InvalidRow> invalidRows,
    SortedMap<Integer, Long> foundByResponseCode,
    SortedMap<String, Long> foundByEventCategory) {

  /** The most invalid rows a summary shows. */
  public static final int MAX_INVALID_SHOWN = 20;

  /** One row that could not be kept: its number in the file (1-based), its ID, and why. */
  public record InvalidRow(long row, String id, String problem) {
    /**
     * @param row the row's number in the result file, from 1
     * @param id the ID as the row has it (may hold the characters that make it invalid)
     * @param problem why it cannot be resent
     */
    public InvalidRow {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(problem, "problem");
    }
  }

  /** Checks that every row is counted once and copies the collections. */
  public FindSummary {
    Objects.requireNonNull(jobId, "jobId");
    if (found < 0 || superseded < 0 || duplicates < 0 || invalid < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
    if (found + superseded + duplicates + invalid != rows) {
      throw new IllegalArgumentException(
          "every row is counted once: found "
              + found
              + " + superseded "
              + superseded
              + " + duplicates "
              + duplicates
              + " + invalid "
              + invalid
              + " != rows "
              + rows);
    }
    invalidRows = List.copyOf(invalidRows);
    if (invalidRows.size() > Math.min(invalid, MAX_INVALID_SHOWN)) {
      throw new IllegalArgumentException("more invalid rows shown than counted");
    }
    foundByResponseCode = Collections.unmodifiableSortedMap(new TreeMap<>(foundByResponseCode));
    foundByEventCategory = Collections.unmodifiableSortedMap(new TreeMap<>(foundByEventCategory));
    if (sum(foundByResponseCode) != found || sum(foundByEventCategory) != found) {
      throw new IllegalArgumentException("the breakdowns must add up to found (" + found + ")");
    }
  }

  private static long sum(Map<?, Long> counts) {
    long total = 0;
    for (Long n : counts.values()) {
      total += n;
    }
    return total;
  }
}
