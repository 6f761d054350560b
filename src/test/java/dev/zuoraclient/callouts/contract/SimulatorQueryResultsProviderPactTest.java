package dev.zuoraclient.callouts.contract;

import static dev.zuoraclient.callouts.contract.StateParams.string;
import static dev.zuoraclient.callouts.contract.StateParams.strings;

import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junit5.PactVerificationInvocationContextProvider;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import dev.zuoraclient.callouts.pact.PactParticipants;
import dev.zuoraclient.callouts.simulator.CalloutRecord;
import dev.zuoraclient.callouts.simulator.ZuoraSimulator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The committed result-file pact, verified against {@link ZuoraSimulator}'s storage host ({@link
 * ZuoraSimulator#storageBaseUri()}), which checks a URL's signature as S3 does. The pact's example
 * URL was signed by no simulator: the state makes the simulator take that one URL as signed ({@link
 * ZuoraSimulator#acceptResultFileUrl}), for a completed job whose file holds the failed callouts
 * the state names. Every other URL stays signature-checked.
 */
@Provider(PactParticipants.QUERY_RESULTS_PROVIDER)
@PactFolder("${pacts.committed:pacts}")
class SimulatorQueryResultsProviderPactTest {
  private static final Instant FIRST_CALLOUT = Instant.parse("2026-12-01T02:00:01Z");

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
    // No history, no jobs, no accepted URL: only what the state seeds.
    zuora.reset();
    zuora.clearCalloutHistory();
    context.setTarget(ProviderTarget.of(zuora.storageBaseUri()));
  }

  @TestTemplate
  @ExtendWith(PactVerificationInvocationContextProvider.class)
  void simulator_answersAsThePactSays(PactVerificationContext context) {
    context.verifyInteraction();
  }

  @State("a result file exists at a pre-signed URL")
  void resultFileExists(Map<String, Object> params) {
    List<CalloutRecord> failed = new ArrayList<>();
    for (String id : strings(params, "ids")) {
      failed.add(CalloutRecord.failed(id, FIRST_CALLOUT.plusSeconds(failed.size()), 500));
    }
    zuora.addCalloutHistory(failed);
    zuora.addQueryJob(string(params, "jobId"), "completed");
    zuora.acceptResultFileUrl(string(params, "url"));
  }
}
