package dev.zuoraclient.callouts.cli;

import dev.zuoraclient.callouts.auth.AccessTokenProvider;
import dev.zuoraclient.callouts.simulator.CalloutRecord;
import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
  /** The start of the demo's outage, in its callout history. */
  static final Instant DEMO_OUTAGE = Instant.parse("2026-12-01T02:00:00Z");

  /** How long the simulator's query jobs take: long enough to show their states. */
  static final Duration DEMO_JOB_TIME = Duration.ofMillis(1000);

  /**
   * The simulator's callout history: an outage of a webhook receiver on 2026-12-01 from 02:00 to
   * 03:00 UTC, whose failures {@code failed} finds and {@code resend --failed} resends: five failed
   * callouts, one of which a later retry delivered (superseded), and one whose ID the simulator's
   * resend refuses (it starts with {@value ZuoraSimulator#UNKNOWN_ID_PREFIX}), so that a resend of
   * them shows the partial outcome.
   */
  static final List<CalloutRecord> DEMO_HISTORY =
      List.of(
          CalloutRecord.failed("a02ea6d76931475bb73fcd339b5f6ht8g", at(5), 500)
              .withEventCategory("Invoice Posted")
              .withNotification("2c92c0f96a3b1d2e016a3c4d5e6f7a80")
              .withObject("8ad09be48a1b2c3d018a1b2c3d4e0001")
              .withAccount("8ad09be48a1b2c3d018a1b2c3d4e1000"),
          CalloutRecord.failed("b13fb7e87a42586cc84a0de44a6c7iu9h", at(12), -1)
              .withEventCategory("Payment Processed")
              .withNotification("2c92c0f96a3b1d2e016a3c4d5e6f7a81")
              .withObject("8ad09be48a1b2c3d018a1b2c3d4e0002")
              .withAccount("8ad09be48a1b2c3d018a1b2c3d4e1000"),
          CalloutRecord.failed("c24ac8f98b53697dd95b1ef55b7d8jv0i", at(20), 503)
              .withEventCategory("Invoice Posted")
              .withNotification("2c92c0f96a3b1d2e016a3c4d5e6f7a80")
              .withObject("8ad09be48a1b2c3d018a1b2c3d4e0003")
              .withAccount("8ad09be48a1b2c3d018a1b2c3d4e1001"),
          CalloutRecord.succeeded("d35bd9a09c647a8eea6c2fa66c8e9kw1j", at(50))
              .withEventCategory("Invoice Posted")
              .withNotification("2c92c0f96a3b1d2e016a3c4d5e6f7a80")
              .withObject("8ad09be48a1b2c3d018a1b2c3d4e0003")
              .withAccount("8ad09be48a1b2c3d018a1b2c3d4e1001"),
          CalloutRecord.failed("e46ce0b1ad758b9ffb7d3ab77d9fal2k", at(31), 404)
              .withEventCategory("Subscription Created")
              .withNotification("2c92c0f96a3b1d2e016a3c4d5e6f7a82")
              .withObject("8ad09be48a1b2c3d018a1b2c3d4e0004")
              .withAccount("8ad09be48a1b2c3d018a1b2c3d4e1002"),
          CalloutRecord.failed(
                  ZuoraSimulator.UNKNOWN_ID_PREFIX + "-f57df1c2be869c0a0c8e4bc88", at(44), 500)
              .withEventCategory("Invoice Posted")
              .withNotification("2c92c0f96a3b1d2e016a3c4d5e6f7a80")
              .withObject("8ad09be48a1b2c3d018a1b2c3d4e0005")
              .withAccount("8ad09be48a1b2c3d018a1b2c3d4e1003"));

  private static Instant at(int minutes) {
    return DEMO_OUTAGE.plus(Duration.ofMinutes(minutes));
  }

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
                    .calloutHistory(DEMO_HISTORY)
                    .queryJobDelay(DEMO_JOB_TIME)
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
