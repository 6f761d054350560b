package dev.zuoraclient.callouts.cli;

import dev.zuoraclient.callouts.BatchError;
import dev.zuoraclient.callouts.BatchNotSentException;
import dev.zuoraclient.callouts.BatchResendResult;
import dev.zuoraclient.callouts.ResendFailure;
import dev.zuoraclient.callouts.ZuoraEnvironment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run did, in the terms both output formats print.
 *
 * @param requested unique IDs requested (0 after a usage error: the run did not start)
 * @param accepted IDs Zuora resent
 * @param failed IDs Zuora refused, with its code and message
 * @param unresolved IDs whose outcome is unknown or that were never sent, with why
 * @param requestIds the {@code Zuora-Request-Id} of every answered batch
 * @param trackId the {@code Zuora-Track-Id} sent, or null
 * @param idempotencyKey the {@code --idempotency-key} given, or null
 * @param batchErrors each batch that produced no result, with its error's message, in batch order
 * @param error what stopped the run or kept IDs unresolved (a journal that could not be written,
 *     else the first batch error), or null
 * @param journal the {@code --journal} file, or null
 * @param journalError why the journal stopped being written mid-run, or null
 * @param server where the run sent its requests; null when it never started (a usage error)
 * @param journalHeld whether {@link #journal} holds this run, so that running the command again
 *     with it resumes the run: false when the run never opened it (a usage error refused it, say)
 * @param timedOut whether the run's {@code --timeout} passed before every batch was sent
 * @param cause the one cause that explains why the run ended with IDs unresolved (a 401, a 403, no
 *     token, no connection), or null when there is none
 */
record RunReport(
    int requested,
    int accepted,
    List<ResendFailure> failed,
    List<Unresolved> unresolved,
    List<String> requestIds,
    String trackId,
    String idempotencyKey,
    List<BatchProblem> batchErrors,
    String error,
    String journal,
    String journalError,
    Target server,
    boolean journalHeld,
    boolean timedOut,
    RunCause cause) {

  /**
   * A batch that produced no result.
   *
   * @param batch the batch, from 1
   * @param message its error's message
   */
  record BatchProblem(int batch, String message) {}

  /**
   * Where a run sent its requests, named in every report so that a run against the simulator never
   * passes for a resend through Zuora.
   *
   * @param url the server's address; null only when the embedded simulator did not start
   * @param environment the {@code --env} the address is, or null ({@code --base-url}, simulator)
   * @param simulator whether it is the embedded simulator, which means nothing reached Zuora
   */
  record Target(String url, ZuoraEnvironment environment, boolean simulator) {
    static Target environment(ZuoraEnvironment environment) {
      return new Target(environment.baseUri().toString(), environment, false);
    }

    static Target baseUrl(String url) {
      return new Target(url, null, false);
    }

    /** The embedded simulator at {@code url}, or null when it did not start. */
    static Target simulator(String url) {
      return new Target(url, null, true);
    }

    /** For a person: the address, and which environment or that it is the simulator. */
    String describe() {
      if (simulator) {
        return "embedded simulator"
            + (url == null ? "" : " at " + url)
            + " (nothing was sent to Zuora)";
      }
      return environment == null ? url : url + " (" + environment.displayName() + ")";
    }
  }

  /**
   * An ID without an outcome.
   *
   * @param id the callout history ID
   * @param batch its batch, from 1
   * @param reason why it has no outcome, in a few words
   * @param maybeResent true when the request may have reached Zuora without a usable answer, so
   *     that sending the ID again under another idempotency key could resend it twice
   */
  record Unresolved(String id, int batch, String reason, boolean maybeResent) {}

  /**
   * The report of a finished run.
   *
   * @param credentials where the credentials came from (variable names, never values), for the hint
   *     of a {@link RunCause}; null for the simulator
   */
  static RunReport of(
      BatchResendResult result,
      List<String> ids,
      int batchSize,
      String trackId,
      String idempotencyKey,
      String journal,
      Target server,
      String credentials) {
    Map<String, BatchError> errorOf = new HashMap<>();
    List<BatchProblem> batchErrors = new ArrayList<>();
    String timeout = null;
    for (BatchError e : result.errors()) {
      if (timeout == null
          && e.error() instanceof BatchNotSentException n
          && n.reason() == BatchNotSentException.Reason.TIMED_OUT) {
        timeout = message(n);
      }
      e.ids().forEach(id -> errorOf.put(id, e));
      batchErrors.add(new BatchProblem(e.batchIndex(), message(e.error())));
    }
    Map<String, Integer> position = new HashMap<>(ids.size() * 2);
    for (int i = 0; i < ids.size(); i++) {
      position.put(ids.get(i), i);
    }
    List<Unresolved> unresolved = new ArrayList<>(result.unresolved().size());
    for (String id : result.unresolved()) {
      BatchError e = errorOf.get(id);
      unresolved.add(
          e != null
              ? new Unresolved(id, e.batchIndex(), e.reason(), e.mayHaveBeenResent())
              : new Unresolved(
                  id,
                  position.getOrDefault(id, 0) / batchSize + 1,
                  "not sent: an earlier error stopped the run",
                  false));
    }
    return new RunReport(
        result.requestedCount(),
        result.accepted().size(),
        result.failures(),
        unresolved,
        result.requestIds(),
        trackId,
        idempotencyKey,
        batchErrors,
        result
            .journalFailure()
            .map(RunReport::message)
            .orElse(
                timeout != null
                    ? timeout
                    : result.errors().isEmpty() ? null : message(result.errors().get(0).error())),
        journal,
        result.journalFailure().map(RunReport::message).orElse(null),
        server,
        journal != null,
        timeout != null,
        result.journalFailure().isPresent()
            ? null
            : RunCause.of(result.errors(), server, credentials));
  }

  /** The report of a run that failed before sending anything: every ID is unresolved. */
  static RunReport notSent(
      List<String> ids,
      String trackId,
      String idempotencyKey,
      String journal,
      String error,
      Target server) {
    List<Unresolved> unresolved = new ArrayList<>(ids.size());
    ids.forEach(id -> unresolved.add(new Unresolved(id, 0, "not sent", false)));
    return new RunReport(
        ids.size(),
        0,
        List.of(),
        unresolved,
        List.of(),
        trackId,
        idempotencyKey,
        List.of(),
        error,
        journal,
        null,
        server,
        false,
        false,
        null);
  }

  /**
   * The report of a run that never started (a usage error, or a failure while reading the command
   * line): it reports no IDs.
   */
  static RunReport notStarted(String error) {
    return notStarted(error, null);
  }

  /** The same, naming the {@code --journal} given (or null), which the run did not touch. */
  static RunReport notStarted(String error, String journal) {
    return new RunReport(
        0, 0, List.of(), List.of(), List.of(), null, null, List.of(), error, journal, null, null,
        false, false, null);
  }

  /** The report of a run with no IDs to resend and nothing wrong ({@code resend --failed}). */
  static RunReport nothingToResend() {
    return notStarted(null, null);
  }

  /** This report, with {@code error} as what stopped the run, which leaves it no other cause. */
  RunReport withError(String error) {
    return new RunReport(
        requested,
        accepted,
        failed,
        unresolved,
        requestIds,
        trackId,
        idempotencyKey,
        batchErrors,
        error,
        journal,
        journalError,
        server,
        journalHeld,
        timedOut,
        null);
  }

  /**
   * Whether running the command again with {@link #journal} resumes this run: IDs are left without
   * an outcome, and the journal holds the run.
   */
  boolean canResume() {
    return journal != null && journalHeld && !unresolved.isEmpty();
  }

  /** Whether {@link #error} is the first batch error, which the batch errors list already. */
  boolean errorIsABatchError() {
    return !batchErrors.isEmpty() && batchErrors.get(0).message().equals(error);
  }

  /**
   * The batch errors for a person, one line per distinct message in the order each first occurs,
   * naming its batches: {@code batch 3: MESSAGE}, {@code batches 1-20: MESSAGE}, {@code batches
   * 1-3, 7: MESSAGE}. A run stopped by a 401 says so in two lines (the batch that got it, and the
   * batches not sent after it), not one per batch.
   */
  List<String> batchErrorLines() {
    Map<String, List<Integer>> batchesOf = new java.util.LinkedHashMap<>();
    for (BatchProblem p : batchErrors) {
      batchesOf.computeIfAbsent(p.message(), m -> new ArrayList<>()).add(p.batch());
    }
    List<String> lines = new ArrayList<>(batchesOf.size());
    batchesOf.forEach(
        (message, batches) ->
            lines.add(
                (batches.size() == 1 ? "batch " : "batches ") + ranges(batches) + ": " + message));
    return lines;
  }

  /** {@code 1-3, 5, 7-20} for batches 1, 2, 3, 5, 7, ..., 20 (in the order given). */
  private static String ranges(List<Integer> batches) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < batches.size()) {
      int j = i;
      while (j + 1 < batches.size() && batches.get(j + 1) == batches.get(j) + 1) {
        j++;
      }
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(batches.get(i));
      if (j > i) {
        sb.append('-').append(batches.get(j));
      }
      i = j + 1;
    }
    return sb.toString();
  }

  /** The unresolved IDs alone, in order. */
  List<String> unresolvedIds() {
    return unresolved.stream().map(Unresolved::id).toList();
  }

  static String message(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getName() : m;
  }
}
