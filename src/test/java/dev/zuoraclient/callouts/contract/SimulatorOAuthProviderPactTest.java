package dev.zuoraclient.callouts.contract;

import au.com.dius.pact.provider.junit5.HttpTestTarget;
import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junit5.PactVerificationInvocationContextProvider;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import dev.zuoraclient.callouts.pact.PactParticipants;
import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The committed OAuth token pact, verified against {@link ZuoraSimulator}.
 *
 * <p>The simulator takes its OAuth clients only when it is built, and Pact sets the target before
 * it runs the state handlers. So the target is a port reserved up front, and the state handler
 * starts a simulator on it with the client the state names; each interaction gets a fresh one.
 */
@Provider(PactParticipants.OAUTH_PROVIDER)
@PactFolder("${pacts.committed:pacts}")
class SimulatorOAuthProviderPactTest {
  private static int port;
  private ZuoraSimulator zuora;

  @BeforeAll
  static void reservePort() {
    PactFiles.updateCommittedIfRequested();
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @BeforeEach
  void target(PactVerificationContext context) {
    context.setTarget(
        new HttpTestTarget(
            InetAddress.getLoopbackAddress().getHostAddress(),
            port,
            "/",
            () -> SimulatorResendProviderPactTest.NO_RETRIES));
  }

  @AfterEach
  void stopSimulator() {
    if (zuora != null) {
      zuora.close();
      zuora = null;
    }
  }

  @TestTemplate
  @ExtendWith(PactVerificationInvocationContextProvider.class)
  void simulator_answersAsThePactSays(PactVerificationContext context) {
    context.verifyInteraction();
  }

  @State("an OAuth client exists")
  void oauthClientExists(Map<String, Object> params) {
    zuora =
        ZuoraSimulator.builder()
            .port(port)
            .client(string(params, "clientId"), string(params, "clientSecret"))
            .start();
  }

  private static String string(Map<String, Object> params, String name) {
    Object value = params.get(name);
    if (!(value instanceof String s) || s.isEmpty()) {
      throw new IllegalArgumentException("state needs a string " + name + " (got " + params + ")");
    }
    return s;
  }
}
