package dev.zuoraclient.callouts.cli;

import dev.zuoraclient.callouts.auth.AccessTokenProvider;
import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.net.URI;
import java.util.UUID;

/**
 * The fake Zuora a run talks to when no server is named: a {@link ZuoraSimulator} on loopback,
 * seeded so that the run shows every kind of outcome without credentials or a tenant.
 *
 * <p>It seeds IDs by the simulator's convention ({@link ZuoraSimulator.Builder#unknownIdPrefix}):
 * every ID is known and is resent, except IDs that start with {@value
 * ZuoraSimulator#UNKNOWN_ID_PREFIX}, which fail with {@code ObjectNotFound} as Zuora's unknown IDs
 * do.
 */
final class EmbeddedSimulator implements AutoCloseable {
  private final ZuoraSimulator simulator;
  private final String token;

  private EmbeddedSimulator(ZuoraSimulator simulator, String token) {
    this.simulator = simulator;
    this.token = token;
  }

  /** Starts a simulator that knows every ID but those marked unknown. */
  static EmbeddedSimulator start() {
    // A fresh random token: nothing else on the machine can use this simulator by accident.
    String token = "simulator-" + UUID.randomUUID();
    ZuoraSimulator simulator =
        ZuoraSimulator.builder()
            .acceptToken(token)
            .unknownIdPrefix(ZuoraSimulator.UNKNOWN_ID_PREFIX)
            .maxRecordedRequests(0) // nobody reads them back; a large run would hold every body
            .start();
    return new EmbeddedSimulator(simulator, token);
  }

  /** Where the simulator listens. */
  URI baseUri() {
    return simulator.baseUri();
  }

  /** The token the simulator accepts. */
  AccessTokenProvider tokens() {
    return AccessTokenProvider.fixed(token);
  }

  @Override
  public void close() {
    simulator.close();
  }
}
