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
 * The committed Data Query pact, verified against {@link ZuoraSimulator}'s API host: the states
 * seed a job under the ID the pact polls, in the state it names ({@link
 * ZuoraSimulator#addQueryJob}), and the submission is the client's real query, which the simulator
 * parses as it parses every client's.
 */
@Provider(PactParticipants.DATA_QUERY_PROVIDER)
@PactFolder("${pacts.committed:pacts}")
class SimulatorDataQueryProviderPactTest {
  private static ZuoraSimulator zuora;

  @BeforeAll
  static void startSimulator() {
    PactFiles.updateCommittedIfRequested();
    zuora = ZuoraSimulator.start();
  }

  @AfterAll
  static void stopSimulator() {
    zuora.close();
  }

  @BeforeEach
  void target(PactVerificationContext context) {
    // Each interaction starts from nothing: no jobs, no accepted token.
    zuora.reset();
    zuora.revokeTokens();
    context.setTarget(ProviderTarget.of(zuora.baseUri()));
  }

  @TestTemplate
  @ExtendWith(PactVerificationInvocationContextProvider.class)
  void simulator_answersAsThePactSays(PactVerificationContext context) {
    context.verifyInteraction();
  }

  @State("the access token is valid")
  void accessTokenIsValid(Map<String, Object> params) {
    zuora.acceptToken(string(params, "token"));
  }

  @State("a query job is in progress")
  void jobInProgress(Map<String, Object> params) {
    zuora.addQueryJob(string(params, "jobId"), "in_progress");
  }

  @State("a query job has completed")
  void jobCompleted(Map<String, Object> params) {
    zuora.addQueryJob(string(params, "jobId"), "completed");
  }

  @State("a query job has failed")
  void jobFailed(Map<String, Object> params) {
    zuora.addFailedQueryJob(string(params, "jobId"), string(params, "errorMessage"));
  }

  @State("a query job was cancelled")
  void jobCancelled(Map<String, Object> params) {
    zuora.addQueryJob(string(params, "jobId"), "cancelled");
  }

  @State("a query job of another user exists")
  void jobOfAnotherUser(Map<String, Object> params) {
    zuora.addForeignQueryJob(string(params, "jobId"));
  }
}
