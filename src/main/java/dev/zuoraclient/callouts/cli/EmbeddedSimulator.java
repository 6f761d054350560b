package dev.zuoraclient.callouts.cli;

import dev.zuoraclient.callouts.auth.AccessTokenProvider;
import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The fake Zuora a run talks to when no server is named: a {@link ZuoraSimulator} on loopback,
 * seeded so that the run shows every kind of outcome without credentials or a tenant.
 *
 * <p>The convention: every ID is known and is resent, except IDs that start with {@value
 * #UNKNOWN_PREFIX}, which fail with {@code ObjectNotFound} as Zuora's unknown IDs do.
 */
final class EmbeddedSimulator implements AutoCloseable {
  /** IDs starting with this fail with {@code ObjectNotFound}; all others are resent. */
  static final String UNKNOWN_PREFIX = "unknown";

  private final ZuoraSimulator simulator;
  private final String token;

  private EmbeddedSimulator(ZuoraSimulator simulator, String token) {
    this.simulator = simulator;
    this.token = token;
  }

  /** Starts a simulator that knows every ID of {@code ids} but those marked unknown. */
  static EmbeddedSimulator start(Collection<String> ids) {
    List<String> known = new ArrayList<>(ids.size());
    for (String id : ids) {
      // An empty ID is left for the library to reject, with its message naming the rule.
      if (!id.isEmpty() && !id.startsWith(UNKNOWN_PREFIX)) {
        known.add(id);
      }
    }
    // A fresh random token: nothing else on the machine can use this simulator by accident.
    String token = "simulator-" + UUID.randomUUID();
    ZuoraSimulator simulator =
        ZuoraSimulator.builder()
            .acceptToken(token)
            .knownIds(known)
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
