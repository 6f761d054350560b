package dev.zuoraclient.callouts;

import dev.zuoraclient.callouts.exception.ZuoraServiceException;
import dev.zuoraclient.callouts.internal.HeaderRules;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Splits any number of IDs into requests of at most 1000 and merges their outcomes so that no ID is
 * lost: each ends up accepted, failed or unresolved.
 *
 * <p>A batch whose outcome is unknown, or that Zuora answered with a status worth retrying (409,
 * 429, 5xx), leaves its IDs unresolved and the run goes on. An error that would repeat for every
 * batch (401, 403, other 4xx, a failing token source) stops the run: the batches not yet sent are
 * left unresolved too, rather than sent only to fail the same way.
 */
final class BatchRunner {
  private final Function<BatchCall, ResendResult> sender;

  /** One batch as the runner hands it to the client. */
  record BatchCall(List<String> ids, ResendOptions options, String idempotencyKey) {}

  BatchRunner(Function<BatchCall, ResendResult> sender) {
    this.sender = sender;
  }

  BatchResendResult run(Iterable<String> ids, BatchOptions options) {
    Objects.requireNonNull(ids, "ids must not be null");
    Objects.requireNonNull(options, "options must not be null");
    List<String> unique = uniqueValidIds(ids);
    int size = options.batchSize();
    int total = (unique.size() + size - 1) / size;
    String baseKey = options.requestOptions().idempotencyKey().orElse(null);

    Object[] outcomes = new Object[total]; // ResendResult, BatchError, or null when skipped
    AtomicBoolean stop = new AtomicBoolean();
    Progress progress = new Progress(total, options);

    if (options.concurrency() == 1 || total == 1) {
      for (int i = 0; i < total; i++) {
        outcomes[i] = sendBatch(i, unique, size, baseKey, options, stop, progress);
      }
    } else {
      ExecutorService pool =
          Executors.newFixedThreadPool(Math.min(options.concurrency(), total), daemonThreads());
      try {
        List<Future<Object>> futures = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
          int index = i;
          futures.add(
              pool.submit(() -> sendBatch(index, unique, size, baseKey, options, stop, progress)));
        }
        for (int i = 0; i < total; i++) {
          outcomes[i] = join(futures.get(i));
        }
      } finally {
        pool.shutdownNow();
      }
    }
    return merge(unique, size, outcomes);
  }

  private Object sendBatch(
      int index,
      List<String> unique,
      int size,
      String baseKey,
      BatchOptions options,
      AtomicBoolean stop,
      Progress progress) {
    List<String> batch = unique.subList(index * size, Math.min(unique.size(), (index + 1) * size));
    if (stop.get()) {
      progress.done(0, 0, batch.size());
      return null;
    }
    String key = baseKey == null ? UUID.randomUUID().toString() : deriveKey(baseKey, index + 1);
    try {
      ResendResult result = sender.apply(new BatchCall(batch, options.requestOptions(), key));
      progress.done(result.accepted().size(), result.failures().size(), 0);
      return result;
    } catch (RuntimeException e) {
      if (stopsTheRun(e)) {
        stop.set(true);
      }
      progress.done(0, 0, batch.size());
      return new BatchError(index + 1, batch, e);
    }
  }

  private static boolean stopsTheRun(RuntimeException e) {
    if (e instanceof ZuoraServiceException) {
      return !((ZuoraServiceException) e).isRetryable();
    }
    return !(e instanceof dev.zuoraclient.callouts.exception.ZuoraOutcomeUnknownException);
  }

  private static BatchResendResult merge(List<String> unique, int size, Object[] outcomes) {
    List<String> accepted = new ArrayList<>();
    List<ResendFailure> failures = new ArrayList<>();
    List<String> unresolved = new ArrayList<>();
    List<String> requestIds = new ArrayList<>();
    List<BatchError> errors = new ArrayList<>();
    for (int i = 0; i < outcomes.length; i++) {
      Object o = outcomes[i];
      if (o instanceof ResendResult) {
        ResendResult r = (ResendResult) o;
        accepted.addAll(r.accepted());
        failures.addAll(r.failures());
        r.requestId().ifPresent(requestIds::add);
      } else {
        if (o instanceof BatchError) {
          errors.add((BatchError) o);
        }
        unresolved.addAll(unique.subList(i * size, Math.min(unique.size(), (i + 1) * size)));
      }
    }
    return new BatchResendResult(
        unique.size(), accepted, failures, unresolved, requestIds, errors, outcomes.length);
  }

  /** Drops repeats (first occurrence wins) and checks every ID before anything is sent. */
  private static List<String> uniqueValidIds(Iterable<String> ids) {
    Set<String> unique = new LinkedHashSet<>();
    int index = 0;
    for (String id : ids) {
      HeaderRules.checkId(index++, id);
      unique.add(id);
    }
    if (unique.isEmpty()) {
      throw new IllegalArgumentException("ids must not be empty");
    }
    return List.copyOf(unique);
  }

  /**
   * {@code base-N}, within Zuora's 255 characters: a base too long for its suffix is replaced by
   * its SHA-256, so that distinct bases never collide by truncation.
   */
  static String deriveKey(String base, int batchNumber) {
    String suffix = "-" + batchNumber;
    if (base.length() + suffix.length() <= 255) {
      return base + suffix;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(base.getBytes(StandardCharsets.US_ASCII));
      StringBuilder hex = new StringBuilder(64 + suffix.length());
      for (byte b : digest) {
        hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
      }
      return hex.append(suffix).toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  private static Object join(Future<Object> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a batch", e);
    } catch (java.util.concurrent.ExecutionException e) {
      // sendBatch catches every RuntimeException; an Error is not ours to swallow
      Throwable cause = e.getCause();
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException(cause);
    }
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "zuora-resend-batch-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Running totals, reported one batch at a time. */
  private static final class Progress {
    private final int total;
    private final BatchOptions options;
    private int done;
    private int accepted;
    private int failed;
    private int unresolved;

    Progress(int total, BatchOptions options) {
      this.total = total;
      this.options = options;
    }

    synchronized void done(int accepted, int failed, int unresolved) {
      this.done++;
      this.accepted += accepted;
      this.failed += failed;
      this.unresolved += unresolved;
      options
          .progressListener()
          .accept(new BatchProgress(done, total, this.accepted, this.failed, this.unresolved));
    }
  }
}
