package dev.zuoraclient.callouts.contract;

import au.com.dius.pact.provider.IHttpClientFactory;
import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junit5.PactVerificationInvocationContextProvider;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import dev.zuoraclient.callouts.pact.PactParticipants;
import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The committed resend pact, verified against {@link ZuoraSimulator}: the simulator must answer
 * every interaction the way the client was tested to expect, so that tests against the simulator
 * stand for tests against Zuora. The state handlers seed the simulator from the states' parameters
 * alone, as a Zuora-side verification would.
 */
@Provider(PactParticipants.RESEND_PROVIDER)
@PactFolder("${pacts.committed:pacts}")
class SimulatorResendProviderPactTest {
  /**
   * Pact's default HTTP client retries a 429 after its {@code Retry-After}, which would wait and
   * then verify the answer to a second request instead of the 429. One request per interaction.
   */
  static final IHttpClientFactory NO_RETRIES =
      provider -> HttpClients.custom().disableAutomaticRetries().disableRedirectHandling().build();

  private static ZuoraSimulator zuora;

  @BeforeAll
  static void startSimulator() {
    PactFiles.updateCommittedIfRequested();
    // Seeded by list, by the states: an ID no state names does not exist.
    zuora = ZuoraSimulator.builder().knownIds().start();
  }

  @AfterAll
  static void stopSimulator() {
    zuora.close();
  }

  @BeforeEach
  void target(PactVerificationContext context) {
    // Each interaction starts from nothing: no known IDs, no pending faults, no accepted token.
    zuora.reset();
    zuora.revokeTokens();
    context.setTarget(ProviderTarget.of(zuora.baseUri()));
  }

  @TestTemplate
  @ExtendWith(PactVerificationInvocationContextProvider.class)
  void simulator_answersAsThePactSays(PactVerificationContext context) {
    context.verifyInteraction();
  }

  @State("callout histories exist")
  void calloutHistoriesExist(Map<String, Object> params) {
    zuora.addKnownIds(ids(params));
  }

  @State("callout histories do not exist")
  void calloutHistoriesDoNotExist(Map<String, Object> params) {
    // Nothing to do: after reset() the simulator (seeded by list) knows no ID, and fails an unknown
    // one with
    // ObjectNotFound, as Zuora does. Checked here so that a state naming no IDs is caught.
    ids(params);
  }

  @State("the access token is valid")
  void accessTokenIsValid(Map<String, Object> params) {
    zuora.acceptToken(string(params, "token"));
  }

  @State("the access token is not valid")
  void accessTokenIsNotValid(Map<String, Object> params) {
    // The token must be refused whatever state ran before this one: revoke every token.
    string(params, "token");
    zuora.revokeTokens();
  }

  @State("the tenant is rate limited")
  void tenantIsRateLimited(Map<String, Object> params) {
    Object seconds = params.get("retryAfterSeconds");
    if (!(seconds instanceof Number n)) {
      throw new IllegalArgumentException(
          "state needs a number retryAfterSeconds (got " + params + ")");
    }
    zuora.failNextWith(1, 429, Duration.ofSeconds(n.longValue()));
  }

  private static List<String> ids(Map<String, Object> params) {
    Object ids = params.get("ids");
    if (!(ids instanceof List<?> list) || list.isEmpty()) {
      throw new IllegalArgumentException(
          "state needs a non-empty list of ids (got " + params + ")");
    }
    return list.stream().map(String::valueOf).toList();
  }

  private static String string(Map<String, Object> params, String name) {
    Object value = params.get(name);
    if (!(value instanceof String s) || s.isEmpty()) {
      throw new IllegalArgumentException("state needs a string " + name + " (got " + params + ")");
    }
    return s;
  }
}
