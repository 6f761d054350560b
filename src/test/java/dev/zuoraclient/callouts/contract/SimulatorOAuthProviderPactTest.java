package dev.zuoraclient.callouts.contract;

import static dev.zuoraclient.callouts.contract.StateParams.string;

import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junit5.PactVerificationInvocationContextProvider;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import dev.zuoraclient.callouts.pact.PactParticipants;
import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The committed OAuth token pact, verified against {@link ZuoraSimulator}: the state handler adds
 * the OAuth client the state names.
 */
@Provider(PactParticipants.OAUTH_PROVIDER)
@PactFolder("${pacts.committed:pacts}")
class SimulatorOAuthProviderPactTest {
  private static ZuoraSimulator zuora;

  @BeforeAll
  static void start() {
    PactFiles.updateCommittedIfRequested();
    zuora = ZuoraSimulator.start();
  }

  @AfterAll
  static void stop() {
    zuora.close();
  }

  @BeforeEach
  void target(PactVerificationContext context) {
    context.setTarget(ProviderTarget.of(zuora.baseUri()));
  }

  @TestTemplate
  @ExtendWith(PactVerificationInvocationContextProvider.class)
  void simulator_answersAsThePactSays(PactVerificationContext context) {
    context.verifyInteraction();
  }

  @State("an OAuth client exists")
  void oauthClientExists(Map<String, Object> params) {
    zuora.addClient(string(params, "clientId"), string(params, "clientSecret"));
  }
}
