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
          try {
            outcomes[i] = join(futures.get(i));
          } catch (InterruptedException e) {
            // Stop waiting and stop the batches not yet started; report what finished. A batch
            // still in flight is left unresolved, with its error saying why.
            stop.set(true);
            Thread.currentThread().interrupt();
            for (int j = i; j < total; j++) {
              Future<Object> f = futures.get(j);
              outcomes[j] =
                  f.isDone() && !f.isCancelled() ? joinDone(f) : interrupted(j, unique, size);
            }
            break;
          }
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
    List<String> batch = batch(index, unique, size);
    if (Thread.currentThread().isInterrupted()) {
      stop.set(true); // an interrupted caller wants the run to end: send nothing more
    }
    if (stop.get()) {
      progress.done(0, 0, batch.size());
      return null;
    }
    String key = baseKey == null ? UUID.randomUUID().toString() : deriveKey(baseKey, batch);
    Object outcome;
    try {
      outcome = sender.apply(new BatchCall(batch, options.requestOptions(), key));
    } catch (RuntimeException e) {
      if (stopsTheRun(e)) {
        stop.set(true);
      }
      outcome = new BatchError(index + 1, batch, e);
    }
    if (outcome instanceof ResendResult) {
      ResendResult result = (ResendResult) outcome;
      progress.done(result.accepted().size(), result.failures().size(), 0);
    } else {
      progress.done(0, 0, batch.size());
    }
    return outcome;
  }

  private static List<String> batch(int index, List<String> unique, int size) {
    return unique.subList(index * size, Math.min(unique.size(), (index + 1) * size));
  }

  private static BatchError interrupted(int index, List<String> unique, int size) {
    return new BatchError(
        index + 1,
        batch(index, unique, size),
        new java.util.concurrent.CancellationException(
            "interrupted before this batch's outcome was known"));
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
   * The key of one batch: {@code base-} and 16 hex digits of the SHA-256 of the batch's IDs, so
   * that the same IDs under the same base always get the same key (a rerun replays Zuora's stored
   * answer) and different IDs never share one (a rerun of only the unresolved IDs cannot be
   * answered with another batch's stored answer). A base too long for the suffix is replaced by its
   * own SHA-256, keeping the key within Zuora's 255 characters without truncating bases into
   * collisions.
   */
  static String deriveKey(String base, List<String> batchIds) {
    MessageDigest sha = sha256();
    for (String id : batchIds) {
      sha.update(id.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n'); // IDs hold no control characters, so this separates them
    }
    String suffix = "-" + hex(sha.digest()).substring(0, 16);
    if (base.length() + suffix.length() <= 255) {
      return base + suffix;
    }
    return hex(sha256().digest(base.getBytes(StandardCharsets.US_ASCII))) + suffix;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  private static String hex(byte[] bytes) {
    StringBuilder hex = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return hex.toString();
  }

  private static Object joinDone(Future<Object> done) {
    boolean interrupted = Thread.interrupted(); // get() of a done future does not wait
    try {
      return join(done);
    } catch (InterruptedException e) {
      throw new IllegalStateException("a done future cannot be interrupted", e);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static Object join(Future<Object> future) throws InterruptedException {
    try {
      return future.get();
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
    private static final System.Logger LISTENER_LOG = System.getLogger(BatchRunner.class.getName());

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
      try {
        options
            .progressListener()
            .accept(new BatchProgress(done, total, this.accepted, this.failed, this.unresolved));
      } catch (RuntimeException e) {
        // A listener only watches: its failure must not cost the run an outcome.
        LISTENER_LOG.log(System.Logger.Level.WARNING, "batch progress listener failed", e);
      }
    }
  }
}
