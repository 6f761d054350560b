package dev.zuoraclient.callouts.cli;

import dev.zuoraclient.callouts.BatchEventListener;
import dev.zuoraclient.callouts.BatchOptions;
import dev.zuoraclient.callouts.ResendOptions;
import dev.zuoraclient.callouts.RetryPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The request, batch and retry settings of a run, built once from its flags. The library's builders
 * check every value; a refusal names the setting first ({@code trackId must ...}), which says which
 * flag to blame.
 *
 * @param request the headers of every request
 * @param batches batch size, concurrency, journal, time limit, grace period and the live status
 * @param retry the attempts per request
 */
record RunOptions(ResendOptions request, BatchOptions batches, RetryPolicy retry) {
  /** The flags as given; null for those left out. */
  record Flags(
      String trackId,
      String idempotencyKey,
      String entityId,
      List<String> orgIds,
      boolean gzip,
      int batchSize,
      int concurrency,
      Path journal,
      int maxAttempts,
      Duration timeout) {}

  /** A flag whose value the library refused. */
  static final class BadFlag extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String option;

    BadFlag(String option, String message) {
      super(message);
      this.option = option;
    }

    /** The flag, for example {@code --track-id}; null when the message names no setting. */
    String option() {
      return option;
    }
  }

  /** The setting a library message starts with, and the flag that sets it. */
  private static final Map<String, String> FLAGS =
      Map.of(
          "trackId", "--track-id",
          "idempotencyKey", "--idempotency-key",
          "entityId", "--entity-id",
          "orgIds", "--org-ids",
          "batchSize", "--batch-size",
          "concurrency", "--concurrency",
          "maxAttempts", "--max-attempts");

  /**
   * The settings of the flags.
   *
   * @throws BadFlag naming the flag whose value the library refused
   */
  static RunOptions of(Flags f, Duration stopGracePeriod, BatchEventListener events) {
    try {
      ResendOptions request =
          ResendOptions.builder()
              .trackId(f.trackId())
              .idempotencyKey(f.idempotencyKey())
              .entityId(f.entityId())
              .orgIds(f.orgIds())
              .gzipRequest(f.gzip())
              .build();
      BatchOptions.Builder batches =
          BatchOptions.builder()
              .requestOptions(request)
              .batchSize(f.batchSize())
              .concurrency(f.concurrency())
              .stopGracePeriod(stopGracePeriod)
              .eventListener(events);
      if (f.journal() != null) {
        batches.journal(f.journal());
      }
      if (f.timeout() != null) {
        batches.timeout(f.timeout());
      }
      RetryPolicy retry = RetryPolicy.builder().maxAttempts(f.maxAttempts()).build();
      return new RunOptions(request, batches.build(), retry);
    } catch (IllegalArgumentException e) {
      throw new BadFlag(flagOf(e.getMessage()), e.getMessage());
    }
  }

  /** The flag a library message blames, from the setting it starts with; null for none. */
  static String flagOf(String message) {
    String m = message == null ? "" : message;
    for (Map.Entry<String, String> e : FLAGS.entrySet()) {
      if (m.startsWith(e.getKey() + " ") || m.startsWith(e.getKey() + "[")) {
        return e.getValue();
      }
    }
    return null;
  }
}
