package dev.zuoraclient.callouts.contract;

import au.com.dius.pact.provider.junit5.HttpTestTarget;
import java.net.URI;

/** Where a provider pact is verified: a simulator's host, one request per interaction. */
final class ProviderTarget {
  private ProviderTarget() {}

  /**
   * The server at {@code base}, asked through {@link SimulatorResendProviderPactTest#NO_RETRIES}
   * (Pact's default client would retry a 429 and verify the second answer).
   */
  static HttpTestTarget of(URI base) {
    return new HttpTestTarget(
        base.getHost(), base.getPort(), "/", () -> SimulatorResendProviderPactTest.NO_RETRIES);
  }
}
