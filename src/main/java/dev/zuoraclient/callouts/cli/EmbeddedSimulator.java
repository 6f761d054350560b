package dev.zuoraclient.callouts.cli;

import dev.zuoraclient.callouts.auth.AccessTokenProvider;
import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.net.URI;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The fake Zuora a run talks to when no server is named: a {@link ZuoraSimulator} on loopback,
 * seeded so that the run shows every kind of outcome without credentials or a tenant.
 *
 * <p>It seeds IDs by the simulator's one rule ({@link ZuoraSimulator.Builder#unknownIdPrefix}):
 * every ID is known and is resent, except IDs that start with {@value
 * ZuoraSimulator#UNKNOWN_ID_PREFIX}, which fail with {@code ObjectNotFound} as Zuora's unknown IDs
 * do.
 *
 * <p>It shares the command's heap, so it keeps next to nothing per request: no recorded requests,
 * no resend counts, and {@value #STORED_ANSWERS} idempotent answers, enough to replay the retries
 * of the batches in flight. A fault of its own (an {@link Error} while answering, or one of its
 * threads dying) interrupts the thread that started it, which stops the run as Ctrl-C does, and
 * {@link #failure()} tells what it was.
 */
final class EmbeddedSimulator implements AutoCloseable {
  /** How many idempotent answers the simulator stores. */
  static final int STORED_ANSWERS = 1_000;

  private final String token;
  private final Thread runner;
  private ZuoraSimulator simulator;
  private Throwable failure; // guarded by this
  private boolean watching = true; // guarded by this

  private EmbeddedSimulator(String token, Thread runner) {
    this.token = token;
    this.runner = runner;
  }

  /**
   * Starts a simulator that knows every ID but those marked unknown; its faults interrupt {@code
   * runner}.
   */
  static EmbeddedSimulator start(Thread runner) {
    return start(runner, UnaryOperator.identity());
  }

  /** The same, with more settings for the simulator: a test's way to inject a fault. */
  static EmbeddedSimulator start(Thread runner, UnaryOperator<ZuoraSimulator.Builder> settings) {
    // A fresh random token: nothing else on the machine can use this simulator by accident.
    EmbeddedSimulator embedded = new EmbeddedSimulator("simulator-" + UUID.randomUUID(), runner);
    embedded.simulator =
        settings
            .apply(
                ZuoraSimulator.builder()
                    .acceptToken(embedded.token)
                    .maxRecordedRequests(0)
                    .maxCountedIds(0)
                    .maxStoredAnswers(STORED_ANSWERS))
            .onInternalError(embedded::failed)
            .start();
    return embedded;
  }

  /** Where the simulator listens. */
  URI baseUri() {
    return simulator.baseUri();
  }

  /** The simulator itself, for tests of what it keeps. */
  ZuoraSimulator simulator() {
    return simulator;
  }

  /** The token the simulator accepts. */
  AccessTokenProvider tokens() {
    return AccessTokenProvider.fixed(token);
  }

  /**
   * Stops watching for faults, and returns the first one, or null. After a fault, the interrupt it
   * caused is still pending on the runner: the caller clears it once the run has stopped.
   */
  synchronized Throwable failure() {
    watching = false;
    return failure;
  }

  private synchronized void failed(Throwable fault) {
    if (watching && failure == null) {
      failure = fault;
      runner.interrupt();
    }
  }

  @Override
  public void close() {
    simulator.close();
  }
}
